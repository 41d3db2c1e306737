import SSMLintEngine

/// SSM006: an ingress rule admits TCP 22 from 0.0.0.0/0 or ::/0 (or the
/// group's rules together cover the whole address space). Ports and CIDRs
/// come through parameter defaults; protocol -1 and numbers other than
/// tcp/udp/icmp/icmpv6 open every port.
struct SSHOpenToWorldRule: Rule {
    static let fix = "Remove the rule and reach the instances with Session Manager, or restrict the source to a known CIDR or security group."

    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let instanceConnect = context.analysis.instanceConnectGroups()
        let terraform = context.model.format == .terraformPlan
        for group in context.model.securityGroups {
            if !group.isVPCDefault { report.evaluated(group.id) }
            var sshSources: [IPNetwork] = []
            var reportedWorld = false
            for rule in group.ingress where rule.peer != .known(.selfGroup) {
                if rule.isStandalone { report.evaluated(rule.carrier) }
                guard let network = examine(rule, group: group, advice: advice(for: group, instanceConnect, terraform: terraform),
                                            model: context.model, report: &report) else { continue }
                if network.isEverything { reportedWorld = true } else { sshSources.append(network) }
            }
            if !reportedWorld { reportCoveringUnion(sshSources, group: group, report: &report) }
        }
        // Standalone rules on groups that are not declared: the rule itself is
        // declared, and it opens SSH wherever it lands.
        for rule in context.model.unattachedSecurityGroupRules where rule.direction == .ingress {
            report.evaluated(rule.carrier)
            _ = examine(rule, group: nil, advice: nil, model: context.model, report: &report)
        }
    }

    /// Reports the rule when it opens SSH to a /0; returns its network when it
    /// definitely allows SSH from a parsed CIDR (for the union check).
    /// How an EC2 Instance Connect Endpoint changes the finding on `group`.
    struct InstanceConnectAdvice {
        var fix: String
        var variant: String?
        var messageSuffix: String
    }

    private func advice(for group: SecurityGroup, _ eic: InstanceConnectGroups, terraform: Bool) -> InstanceConnectAdvice? {
        if eic.endpointOnlyGroups.contains(group.id) {
            return InstanceConnectAdvice(
                fix: "Remove the rule: an EC2 Instance Connect Endpoint accepts connections whatever the inbound rules of its security groups, so the rule only widens what the group would admit if it were ever attached elsewhere.",
                variant: "instance-connect-endpoint-only",
                messageSuffix: "; only EC2 Instance Connect Endpoints use this group, and they ignore its inbound rules")
        }
        guard let endpointGroups = eic.endpointGroupsServing[group.id], !endpointGroups.isEmpty else { return nil }
        let names = endpointGroups.map(\.description).joined(separator: ", ")
        let reference = terraform ? "referenced_security_group_id (or source_security_group_id) = \(names)" : "SourceSecurityGroupId = \(names)"
        return InstanceConnectAdvice(
            fix: "Replace the rule with one that admits TCP 22 from the EC2 Instance Connect Endpoint's security group: use \(reference). Narrowing the source to the VPC CIDR instead breaks the endpoint when client IP preservation is on (Terraform's default).",
            variant: nil, messageSuffix: "")
    }

    private func examine(_ rule: SecurityGroupRule, group: SecurityGroup?, advice: InstanceConnectAdvice?, model: InfrastructureModel,
                         report: inout RuleReport) -> IPNetwork? {
        let primary = rule.isStandalone ? rule.carrier : (group?.id ?? rule.carrier)
        switch SSHExposure.verdict(of: rule) {
        case .notSSH:
            return nil
        case .unknownSource(let reason):
            report.unresolved(at: primary, location: rule.location, check: "whether this ingress rule opens SSH to the world",
                              reason: reason, key: rule.location.logicalPath)
            return nil
        case .unknownPorts(let network, let cidr, let reason):
            if network.isEverything {
                report.unresolved(at: primary, location: rule.location, check: "whether the rule from \(cidr) includes TCP 22",
                                  reason: reason, key: rule.location.logicalPath)
            }
            return nil
        case .opens(let network, let cidr):
            if network.isEverything {
                var related: [RelatedLocation] = []
                if rule.isStandalone, let group {
                    related.append(RelatedLocation(resource: group.id, location: group.info.location,
                                                   message: "the security group this rule is added to"))
                }
                report.violation(
                    at: primary, location: rule.location, message: message(rule, cidr: cidr, group: group, model: model) + (advice?.messageSuffix ?? ""),
                    fix: advice?.fix ?? Self.fix, variant: advice?.variant,
                    key: "\(rule.ipProtocol.known?.description ?? "?")|\(rule.portDescription)|\(cidr)", related: related)
            }
            return network
        }
    }

    private func message(_ rule: SecurityGroupRule, cidr: String, group: SecurityGroup?, model: InfrastructureModel) -> String {
        let target = group.map { $0.isVPCDefault ? "the default security group of \($0.vpc.known?.description ?? "its VPC")" : "security group \($0.id)" }
            ?? "the security group it targets"
        let carrier = rule.isStandalone ? "ingress rule \(rule.carrier) on \(target)" : target
        let traffic = rule.ipProtocol.known.map { $0 == .tcp ? "TCP \(rule.portDescription)" : "\($0) (\(rule.portDescription))" } ?? "traffic"
        let origin = rule.peerOrigin.map { " (\($0))" } ?? ""
        let condition = rule.condition.map { " " + model.onlyWhen(condition: $0) } ?? ""
        return "\(carrier) allows \(traffic) from \(cidr)\(origin)\(condition), so SSH (TCP 22) is open to the whole internet"
    }

    /// Rules such as 0.0.0.0/1 + 128.0.0.0/1 that together admit every address.
    private func reportCoveringUnion(_ networks: [IPNetwork], group: SecurityGroup, report: inout RuleReport) {
        for family in SSHExposure.coveredFamilies(networks) {
            let sources = networks.filter { $0.family == family }
            report.violation(
                at: group.info,
                message: "security group \(group.id) allows TCP 22 from \(sources.map(\.description).sorted().joined(separator: ", ")), which together cover every \(family == .ipv4 ? "IPv4" : "IPv6") address, so SSH is open to the whole internet",
                fix: "Remove these rules and reach the instances with Session Manager, or restrict the sources to known CIDRs.",
                key: "union|\(family == .ipv4 ? "ipv4" : "ipv6")")
        }
    }
}
