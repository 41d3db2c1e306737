import SSMLintEngine

/// SSM003: an endpoint on a target's path whose security groups do not admit
/// TCP 443 from the target (rules unioned over inline and standalone
/// resources, CIDR containment, source groups, self references). Partial
/// coverage of the subnet is a warning. One finding per (endpoint, subnet).
struct EndpointSecurityGroupRule: Rule {
    private struct Gap {
        var endpoint: SSMEndpoint
        var subnet: String
        var targets: [ComputeTarget] = []
        var partial: String?
    }

    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        var gaps: [String: Gap] = [:]
        var order: [String] = []
        for target in analysis.ssmIntendedTargets {
            for service in SSMService.allCases {
                guard let endpoint = analysis.path(of: target, to: service).endpoint else { continue }
                report.evaluated(endpoint.endpoint.id)
                let partial: String?
                switch analysis.endpointCoverage(endpoint, for: target) {
                case .full: continue
                case .none: partial = nil
                case .partial(let why): partial = why
                case .unknown(let reason):
                    report.unresolved(at: endpoint.endpoint.info,
                                      check: "whether endpoint \(endpoint.endpoint.id) admits TCP 443 from \(target.displayName)",
                                      reason: reason, key: target.key)
                    continue
                }
                let subnet = target.subnet.known?.description ?? "?"
                let key = "\(endpoint.endpoint.id.rawValue)|\(subnet)|\(partial == nil ? "none" : "partial")"
                if gaps[key] == nil {
                    order.append(key)
                    gaps[key] = Gap(endpoint: endpoint, subnet: subnet, partial: partial)
                }
                gaps[key]!.targets.append(target)
            }
        }
        for key in order { reportGap(gaps[key]!, context: context, &report) }
    }

    private func reportGap(_ gap: Gap, context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        let endpoint = gap.endpoint
        let groupRefs = context.analysis.securityGroups(of: endpoint)
        let groups = groupRefs.map(ConnectivityText.group)
        let plural = groups.count != 1
        var message = "endpoint \(endpoint.endpoint.id) (\(endpoint.service.rawValue)) serves \(ConnectivityText.targets(gap.targets)) in \(ConnectivityText.subnet(gap.targets[0], model)), but its security group\(plural ? "s" : "") \(groups.joined(separator: ", "))"
        if let partial = gap.partial {
            message += " admit\(plural ? "" : "s") TCP 443 from only part of the subnet (\(partial)), so instances elsewhere in it time out"
        } else {
            message += " admit\(plural ? "" : "s") no TCP 443 from it, so the TLS connections are dropped and sessions time out"
        }
        if endpoint.service == .ec2messages { message += " (\(ConnectivityText.ec2messagesNote))" }
        let source = model.subnets[ResourceID(gap.subnet)]?.cidrBlock.known ?? "the instance subnet"
        let sourceGroup = gap.targets[0].securityGroups.known?.compactMap(\.known).first
            .map { " (or from the instance security group \(ConnectivityText.group($0)))" } ?? ""
        var related = groupRefs.compactMap(\.declaredID).compactMap { ConnectivityText.related($0, in: model, "endpoint security group") }
        if let subnet = ConnectivityText.related(ResourceID(gap.subnet), in: model, "instance subnet") { related.append(subnet) }
        related += gap.targets.map { ConnectivityText.related($0, "compute target using the endpoint") }
        report.violation(
            at: endpoint.endpoint.info, message: message,
            fix: "Add an ingress rule to \(groups.first ?? "the endpoint security group"): TCP 443 from \(source)\(sourceGroup).",
            variant: gap.partial != nil ? "partial" : (endpoint.service == .ec2messages ? "ec2messages" : nil),
            key: "subnet:\(gap.subnet)", related: related)
    }
}
