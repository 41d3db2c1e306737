import SSMLintEngine

/// SSM014: an SSM-intended target with no path at all to Systems Manager: no
/// endpoint for any of the three services in its VPC, no internet or NAT path,
/// nothing unknown on the way.
struct NoPathToSystemsManagerRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        for target in analysis.ssmIntendedTargets {
            report.evaluated(target.id)
            // Any declared SSM endpoint makes this SSM013/SSM008/SSM002's case.
            if let vpc = analysis.vpcID(of: target), !analysis.endpoints(in: vpc).isEmpty { continue }
            let check = "whether \(target.displayName) can reach Systems Manager"
            // Without endpoints in the VPC every service takes the same way out.
            let reason: String
            let involved: [ResourceID]
            switch analysis.path(of: target, to: .ssm) {
            case .none(let why, let parts):
                reason = why
                involved = parts
            case .unknown(let why):
                report.unresolved(at: target.info, check: check, reason: why, key: target.key)
                continue
            case .endpoint, .internet:
                continue
            }
            // Endpoints of another VPC may serve the target through peering or a
            // transit gateway (the centralized-endpoint pattern).
            if let route = analysis.remoteRoutes(of: target).first {
                report.unresolved(at: target.info, check: check,
                                  reason: Unresolved("route \(route.carrier) leads to a \(route.target.kind.rawValue) (\(route.target.resource.known?.description ?? "?")), behind which endpoints of another VPC may serve it"),
                                  key: target.key)
                continue
            }
            report.violation(
                at: target.info,
                message: "\(target.displayName)\(ConnectivityText.condition(target)) in \(ConnectivityText.subnet(target, context.model)) has no network path to Systems Manager (\(reason)) and its VPC has no ssm, ssmmessages or ec2messages endpoint, so the node can never register",
                fix: "Add interface endpoints for ssm and ssmmessages (private DNS on, a subnet per AZ, TCP 443 from the instance subnets), or a route to a NAT gateway.",
                key: target.key, related: involved.compactMap { ConnectivityText.related($0, in: context.model, "on the path") })
        }
    }
}
