import SSMLintKit

/// SSM014: an SSM-intended target with no path at all to Systems Manager: no
/// endpoint for any of the three services in its VPC, no internet or NAT path,
/// nothing unknown on the way.
public struct NoPathToSystemsManagerRule: Rule {
    public let definition: RuleDefinition
    public init(definition: RuleDefinition) { self.definition = definition }

    public func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        for target in analysis.ssmIntendedTargets {
            report.evaluated(target.id)
            // Any declared SSM endpoint makes this SSM013/SSM008/SSM002's case (3.1 precedence).
            if let vpc = analysis.vpcID(of: target), !analysis.endpoints(in: vpc).isEmpty { continue }
            // Without endpoints in the VPC every service takes the same way out.
            let reason: String
            let involved: [ResourceID]
            switch analysis.path(of: target, to: .ssm) {
            case .none(let why, let parts):
                reason = why
                involved = parts
            case .unknown(let why):
                report.unresolved(at: target.id, location: target.info.location,
                                  check: "whether \(target.displayName) can reach Systems Manager", reason: why, key: target.key)
                continue
            case .endpoint, .internet:
                continue
            }
            // Endpoints of another VPC may serve the target through peering or a
            // transit gateway (SSM009's territory, or the centralized pattern).
            if let route = analysis.remoteRoutes(of: target).first {
                report.unresolved(at: target.id, location: target.info.location,
                                  check: "whether \(target.displayName) can reach Systems Manager",
                                  reason: Unresolved("route \(route.carrier) leads to a \(route.target.kind.rawValue) (\(route.target.resource.known?.description ?? "?")), behind which endpoints of another VPC may serve it"),
                                  key: target.key)
                continue
            }
            let related = involved.compactMap { ConnectivityText.related($0, in: context.model, "on the path") }
            report.violation(
                at: target.id, location: target.info.location,
                message: "\(target.displayName)\(ConnectivityText.condition(target)) in \(ConnectivityText.subnet(target, context.model)) has no network path to Systems Manager: \(reason), and its VPC has no ssm, ssmmessages or ec2messages endpoint. The node can never register. Add interface endpoints for ssm and ssmmessages (private DNS on, a subnet per AZ, TCP 443 from the instance subnets) or a route to a NAT gateway",
                key: target.key, related: related)
        }
    }
}
