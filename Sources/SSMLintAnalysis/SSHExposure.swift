import SSMLintModel

/// Ingress rules that admit SSH (TCP 22) from the whole internet: a rule whose
/// source is a zero-length prefix, or rules of one group whose sources
/// together cover every address. SSM006 reports them; SSM016 asks whether an
/// instance carries such a group.
public enum SSHExposure {
    public static let port = 22

    /// What one ingress rule says about SSH.
    public enum RuleVerdict: Sendable {
        /// Not an IP source, or definitely not TCP 22.
        case notSSH
        /// Definitely admits TCP 22 from `network` (written `cidr` in the input).
        case opens(IPNetwork, cidr: String)
        /// The source is unknown, and the rule may admit TCP 22.
        case unknownSource(Unresolved)
        /// The source is known, whether TCP 22 is included is not.
        case unknownPorts(IPNetwork, cidr: String, Unresolved)
    }

    public static func verdict(of rule: SecurityGroupRule) -> RuleVerdict {
        let cidr: String
        switch rule.peer {
        case .known(.ipv4CIDR(let text)), .known(.ipv6CIDR(let text)): cidr = text
        case .known, .absent: return .notSSH
        case .unknown(let reason):
            return rule.allowsTCP(port: port).known == false ? .notSSH : .unknownSource(reason)
        }
        guard let network = IPNetwork(cidr) else { return .notSSH }
        switch rule.allowsTCP(port: port) {
        case .known(true): return .opens(network, cidr: cidr)
        case .unknown(let reason): return .unknownPorts(network, cidr: cidr, reason)
        case .known(false), .absent: return .notSSH
        }
    }

    /// The address families whose whole space `networks` cover together.
    public static func coveredFamilies(_ networks: [IPNetwork]) -> [IPNetwork.Family] {
        [IPNetwork.Family.ipv4, .ipv6].filter { family in
            let sources = networks.filter { $0.family == family }
            return sources.count > 1 && IPNetwork.unionCoversEverything(sources, family: family)
        }
    }

    /// Whether `rules` (one group's ingress) definitely open SSH to every
    /// address. A rule that exists only under a condition, or whose source or
    /// ports are unknown, makes the answer unknown unless another rule decides.
    public static func opensToWorld(_ rules: [SecurityGroupRule]) -> Value<Bool> {
        var sources: [IPNetwork] = []
        var pending: Unresolved?
        for rule in rules where rule.direction == .ingress && rule.peer != .known(.selfGroup) {
            switch verdict(of: rule) {
            case .notSSH:
                continue
            case .opens(let network, let cidr):
                if let condition = rule.condition {
                    pending = pending ?? Unresolved("the rule from \(cidr) exists only if condition \(condition) holds")
                } else if network.isEverything {
                    return .known(true)
                } else {
                    sources.append(network)
                }
            case .unknownSource(let reason):
                pending = pending ?? reason
            case .unknownPorts(_, _, let reason):
                pending = pending ?? reason
            }
        }
        if !coveredFamilies(sources).isEmpty { return .known(true) }
        if let pending { return .unknown(pending) }
        return .known(false)
    }
}

extension NetworkAnalysis {
    /// Whether one of the target's security groups admits SSH from every
    /// address (what SSM006 reports on those groups).
    public func opensSSHToWorld(_ target: ComputeTarget) -> Value<Bool> {
        guard case .known(let refs) = target.securityGroups else {
            return .unknown(target.securityGroups.unresolved ?? Unresolved("the target's security groups are unknown"))
        }
        var pending: Unresolved?
        func consider(_ verdict: Value<Bool>) -> Bool {
            switch verdict {
            case .known(true): return true
            case .unknown(let reason): pending = pending ?? reason
            default: break
            }
            return false
        }
        for ref in refs {
            switch ref {
            case .known(.declared(let id)) where model.securityGroups[id] != nil:
                if consider(SSHExposure.opensToWorld(model.securityGroups[id]!.ingress)) { return .known(true) }
            case .known(let group):
                // A group outside the input: only the rules the input adds to it are known.
                if consider(SSHExposure.opensToWorld(ingressOnUndeclaredGroups[group] ?? [])) { return .known(true) }
                pending = pending ?? Unresolved("security group \(group) is not declared in the input, so its rules are unknown")
            case .unknown(let reason):
                pending = pending ?? reason
            case .absent:
                continue
            }
        }
        // Standalone rules whose group cannot be resolved may land on any group.
        if strayIngressOpensSSH.known != false {
            pending = pending ?? Unresolved("an ingress rule is added to a security group that cannot be resolved")
        }
        if let pending { return .unknown(pending) }
        return .known(false)
    }
}
