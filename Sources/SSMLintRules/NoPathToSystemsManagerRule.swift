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
            func checkText() -> String { "whether \(target.displayName) can reach Systems Manager" }
            // An endpoint of another VPC that DNS or routes fail to reach is SSM009 / SSM019 / SSM001's finding.
            if SSMService.allCases.contains(where: { analysis.reliesOnRemoteEndpoint(target, for: $0) }) { continue }
            var reason = ""
            var involved: [ResourceID] = []
            var blocked: Unresolved?
            var reachable = false
            for service in SSMService.allCases {
                switch analysis.path(of: target, to: service) {
                case .none(let why, let parts):
                    if reason.isEmpty { reason = why; involved = parts }
                case .unknown(let why): blocked = blocked ?? why
                case .endpoint, .peeredEndpoint, .internet: reachable = true
                }
            }
            if reachable { continue }
            if let blocked {
                report.unresolved(at: target.info, check: checkText(), reason: blocked, key: target.key)
                continue
            }
            report.violation(
                at: target.info,
                message: "\(target.displayName)\(ConnectivityText.condition(target, context.model)) in \(ConnectivityText.subnet(target, context.model)) has no network path to Systems Manager (\(reason)) and its VPC has no ssm, ssmmessages or ec2messages endpoint, so the node can never register",
                fix: "Add interface endpoints for ssm and ssmmessages (private DNS on, a subnet per AZ, TCP 443 from the instance subnets), or a route to a NAT gateway.",
                key: target.key, related: involved.compactMap { ConnectivityText.related($0, in: context.model, "on the path") })
        }
    }
}
