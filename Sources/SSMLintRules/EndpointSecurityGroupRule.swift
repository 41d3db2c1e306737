import SSMLintEngine

/// SSM003: an endpoint on a target's path whose security groups do not admit
/// TCP 443 from the target (rules unioned over inline and standalone
/// resources, CIDR containment, source groups, self references). Partial
/// coverage of the subnet is a warning. One finding per (endpoint, subnet).
struct EndpointSecurityGroupRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let gaps = context.analysis.endpointCoverageGaps()
        for endpoint in gaps.endpoints { report.evaluated(endpoint) }
        for item in gaps.undecided {
            report.unresolved(at: item.endpoint.endpoint.info,
                              check: "whether endpoint \(item.endpoint.endpoint.id) admits TCP 443 from \(item.target.displayName)",
                              reason: item.reason, key: item.target.key)
        }
        for gap in gaps.gaps { reportGap(gap, context: context, &report) }
    }

    private func reportGap(_ gap: EndpointCoverageGap, context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        let endpoint = gap.endpoint
        let groupRefs = context.analysis.securityGroups(of: endpoint)
        let groups = groupRefs.map(ConnectivityText.group)
        let plural = groups.count != 1
        let remote = gap.connection.map { " of another VPC through \($0)" } ?? ""
        var message = "endpoint \(endpoint.endpoint.id) (\(endpoint.service.rawValue)) serves \(ConnectivityText.targets(gap.targets)) in \(ConnectivityText.subnet(gap.targets[0], model))\(remote), but its security group\(plural ? "s" : "") \(groups.joined(separator: ", "))"
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
        if let connection = gap.connection, let hop = ConnectivityText.related(connection, in: model, "connection to the instance's VPC") {
            related.append(hop)
        }
        related += gap.targets.map { ConnectivityText.related($0, "compute target using the endpoint") }
        report.violation(
            at: endpoint.endpoint.info, message: message,
            fix: "Add an ingress rule to \(groups.first ?? "the endpoint security group"): TCP 443 from \(source)\(sourceGroup).",
            variant: gap.partial != nil ? "partial" : (endpoint.service == .ec2messages ? "ec2messages" : nil),
            key: "subnet:\(gap.subnet)", related: related)
    }
}
