import SSMLintKit

/// SSM006: an ingress rule admits TCP 22 from 0.0.0.0/0 or ::/0 (or the
/// group's rules together cover the whole address space). Ports and CIDRs
/// come through parameter defaults; protocol -1 and numbers other than
/// tcp/udp/icmp/icmpv6 open every port (F53).
public struct SSHOpenToWorldRule: Rule {
    public let definition: RuleDefinition
    public init(definition: RuleDefinition) { self.definition = definition }

    static let sshPort = 22

    public func check(_ context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        for group in model.securityGroups {
            if !group.isVPCDefault { report.evaluated(group.id) }
            var worldCoverage: [IPNetwork.Family: [IPNetwork]] = [:]
            var reportedWorld = false
            for rule in group.ingress where rule.peer != .known(.selfGroup) {
                if rule.isStandalone { report.evaluated(rule.carrier) }
                guard let network = examine(rule, group: group, report: &report) else { continue }
                if network.isEverything { reportedWorld = true } else { worldCoverage[network.family, default: []].append(network) }
            }
            if !reportedWorld { reportCoveringUnion(worldCoverage, group: group, report: &report) }
        }
        // Standalone rules on groups that are not declared: the rule itself is
        // declared, and it opens SSH wherever it lands.
        for rule in model.unattachedSecurityGroupRules where rule.direction == .ingress {
            report.evaluated(rule.carrier)
            _ = examine(rule, group: nil, report: &report)
        }
    }

    /// Reports the rule when it opens SSH to a /0; returns its network when it
    /// definitely allows SSH from a parsed CIDR (for the union check).
    private func examine(_ rule: SecurityGroupRule, group: SecurityGroup?, report: inout RuleReport) -> IPNetwork? {
        let primary = rule.isStandalone ? rule.carrier : (group?.id ?? rule.carrier)
        let cidr: String
        switch rule.peer {
        case .known(.ipv4CIDR(let text)), .known(.ipv6CIDR(let text)): cidr = text
        case .known: return nil
        case .unknown(let reason):
            if rule.allowsTCP(port: Self.sshPort).known != false {
                report.unresolved(at: primary, location: rule.location, check: "whether this ingress rule opens SSH to the world",
                                  reason: reason, key: rule.location.logicalPath)
            }
            return nil
        case .absent: return nil
        }
        guard let network = IPNetwork(cidr) else { return nil }
        switch rule.allowsTCP(port: Self.sshPort) {
        case .known(true):
            if network.isEverything {
                var related: [RelatedLocation] = []
                if rule.isStandalone, let group {
                    related.append(RelatedLocation(resource: group.id, location: group.info.location,
                                                   message: "the security group this rule is added to"))
                }
                report.violation(
                    at: primary, location: rule.location, message: message(rule, cidr: cidr, group: group),
                    key: "\(rule.ipProtocol.known?.description ?? "?")|\(rule.portDescription)|\(cidr)", related: related)
            }
            return network
        case .unknown(let reason):
            if network.isEverything {
                report.unresolved(at: primary, location: rule.location, check: "whether the rule from \(cidr) includes TCP 22",
                                  reason: reason, key: rule.location.logicalPath)
            }
            return nil
        case .known(false), .absent:
            return nil
        }
    }

    private func message(_ rule: SecurityGroupRule, cidr: String, group: SecurityGroup?) -> String {
        let target = group.map { $0.isVPCDefault ? "the default security group of \($0.vpc.known?.description ?? "its VPC")" : "security group \($0.id)" }
            ?? "the security group it targets"
        let carrier = rule.isStandalone ? "ingress rule \(rule.carrier) on \(target)" : target
        let proto = rule.ipProtocol.known.map { $0 == .tcp ? "TCP \(rule.portDescription)" : "\($0) (\(rule.portDescription))" } ?? "traffic"
        var text = "\(carrier) allows \(proto) from \(cidr), so SSH (TCP 22) is open to the whole internet"
        if let condition = rule.condition { text += " when condition \(condition) holds" }
        return text + "; remove the rule and reach the instances with Session Manager instead"
    }

    /// Rules such as 0.0.0.0/1 + 128.0.0.0/1 that together admit every address.
    private func reportCoveringUnion(_ coverage: [IPNetwork.Family: [IPNetwork]], group: SecurityGroup, report: inout RuleReport) {
        for (family, networks) in coverage where networks.count > 1 && Self.coversEverything(networks, family: family) {
            let cidrs = networks.map(\.description).sorted().joined(separator: ", ")
            report.violation(
                at: group.id, location: group.info.location,
                message: "security group \(group.id) allows TCP 22 from \(cidrs), which together cover every \(family == .ipv4 ? "IPv4" : "IPv6") address: SSH is open to the whole internet; remove these rules and use Session Manager instead",
                key: "union|\(family == .ipv4 ? "ipv4" : "ipv6")")
        }
    }

    static func coversEverything(_ networks: [IPNetwork], family: IPNetwork.Family) -> Bool {
        let width = family == .ipv4 ? 32 : 128
        let last: UInt128 = family == .ipv4 ? (UInt128(1) << 32) - 1 : ~0
        let ranges = networks.map { network -> (UInt128, UInt128) in
            let size: UInt128 = network.prefixLength == 0 ? last : ((UInt128(1) << UInt128(width - network.prefixLength)) - 1)
            return (network.address, network.address + size)
        }.sorted { $0.0 < $1.0 }
        var next: UInt128 = 0
        for (start, end) in ranges {
            if start > next { return false }
            if end >= last { return true }
            next = max(next, end + 1)
        }
        return false
    }
}
