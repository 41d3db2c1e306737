import SSMLintModel

/// How well a set of ingress rules admits a target's traffic (docs/how-it-decides.md).
public enum Coverage: Sendable, Equatable {
    case full
    /// A source CIDR covers only part of the target's subnet.
    case partial(String)
    case none
    case unknown(Unresolved)

    static func combine(_ values: [Coverage]) -> Coverage {
        if values.contains(.full) { return .full }
        if let unknown = values.first(where: { if case .unknown = $0 { return true } else { return false } }) { return unknown }
        if let partial = values.first(where: { if case .partial = $0 { return true } else { return false } }) { return partial }
        return .none
    }
}

/// Evaluates security-group rules against compute targets: the union of each
/// group's rules, protocol/port normalisation, CIDR containment with real
/// address arithmetic, source groups, self references.
struct SecurityGroupEvaluator {
    let model: InfrastructureModel
    /// VPC CIDRs, primary and secondary.
    let vpcCIDRs: [ResourceID: [Value<String>]]
    /// Standalone ingress rules whose group cannot be resolved: they may target any group.
    let strayIngress: [SecurityGroupRule]
    /// A standalone egress rule whose group cannot be resolved: it may open any group.
    let hasStrayEgress: Bool
    /// Every subnet's and rule's CIDR text, parsed once: rules ask for each
    /// target and endpoint pair, and parsing was a measurable part of a large scan.
    private let networks: [String: IPNetwork]

    init(model: InfrastructureModel) {
        self.model = model
        var cidrs: [ResourceID: [Value<String>]] = [:]
        for vpc in model.vpcs { cidrs[vpc.id, default: []].append(vpc.cidrBlock) }
        for block in model.vpcCidrBlocks {
            if case .known(.declared(let vpc)) = block.vpc { cidrs[vpc, default: []].append(block.cidrBlock) }
        }
        vpcCIDRs = cidrs
        strayIngress = model.unattachedSecurityGroupRules.filter { $0.direction == .ingress && $0.targetGroup.unresolved != nil }
        hasStrayEgress = model.unattachedSecurityGroupRules.contains { $0.direction == .egress && $0.targetGroup.unresolved != nil }
        var networks: [String: IPNetwork] = [:]
        func parse(_ text: String?) {
            if let text, networks[text] == nil, let network = IPNetwork(text) { networks[text] = network }
        }
        for subnet in model.subnets { parse(subnet.cidrBlock.known) }
        for group in model.securityGroups {
            for rule in group.ingress + group.egress {
                if case .known(.ipv4CIDR(let text)) = rule.peer { parse(text) }
            }
        }
        self.networks = networks
    }

    /// The network a CIDR text names, nil when it is not one.
    func network(_ text: String) -> IPNetwork? {
        networks[text] ?? IPNetwork(text)
    }

    /// Whether the groups `groups` (an endpoint's) admit TCP `port` from `target`.
    func ingressCoverage(groups: Value<[Value<ResourceRef>]>, port: Int, from target: ComputeTarget,
                         groupReferencesWork: Bool = true) -> Coverage {
        guard case .known(let refs) = groups else { return .unknown(groups.unresolved ?? Unresolved("security groups unknown")) }
        var results: [Coverage] = []
        for ref in refs {
            guard case .known(.declared(let id)) = ref, let group = model.securityGroups[id] else {
                results.append(.unknown(ref.unresolved ?? Unresolved("security group \(ref.known?.description ?? "?") is not declared in the input, so its rules are unknown")))
                continue
            }
            for rule in group.ingress {
                results.append(coverage(of: rule, group: group, port: port, target: target, groupReferencesWork: groupReferencesWork))
            }
        }
        if !strayIngress.isEmpty, Coverage.combine(results) != .full {
            results.append(.unknown(Unresolved("ingress rule \(strayIngress[0].carrier) is added to a group that cannot be resolved")))
        }
        return Coverage.combine(results)
    }

    private func coverage(of rule: SecurityGroupRule, group: SecurityGroup, port: Int, target: ComputeTarget,
                          groupReferencesWork: Bool) -> Coverage {
        let allows = rule.allowsTCP(port: port)
        if allows.known == false { return .none }
        var source = sourceCoverage(rule.peer, group: group, target: target)
        if !groupReferencesWork, source == .full, case .known(.securityGroup) = rule.peer {
            source = .unknown(Unresolved("rule \(rule.carrier) names the instance's security group across a transit gateway, which works only with security group referencing support turned on"))
        }
        switch (allows, source) {
        case (_, .none): return .none
        case (.unknown(let reason), _): return .unknown(reason)
        default: break
        }
        if let condition = rule.condition, source == .full {
            return .unknown(Unresolved("the covering rule exists only if condition \(condition) holds"))
        }
        return source
    }

    private func sourceCoverage(_ peer: Value<RulePeer>, group: SecurityGroup, target: ComputeTarget) -> Coverage {
        switch peer {
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .none
        case .known(let peer):
            switch peer {
            case .ipv6CIDR: return .none   // IPv4 traffic (3.2 e)
            case .ipv4CIDR(let text):
                guard let network = network(text) else { return .unknown(Unresolved("'\(text)' is not a CIDR")) }
                return cidrCoverage(network, target: target)
            case .selfGroup:
                return memberCoverage(.declared(group.id), target: target)
            case .securityGroup(let source):
                return memberCoverage(source, target: target)
            case .prefixList(let ref):
                guard case .declared(let id) = ref, let list = model.prefixLists[id], case .known(let entries) = list.entries else {
                    return .unknown(Unresolved("prefix list \(ref) is not declared in the input"))
                }
                var results: [Coverage] = []
                for entry in entries {
                    guard let text = entry.known, let network = IPNetwork(text) else {
                        results.append(.unknown(entry.unresolved ?? Unresolved("prefix list entry unknown")))
                        continue
                    }
                    results.append(cidrCoverage(network, target: target))
                }
                return Coverage.combine(results)
            }
        }
    }

    /// A source CIDR against the target's subnet (its primary private IPv4 lies there).
    func cidrCoverage(_ network: IPNetwork, target: ComputeTarget) -> Coverage {
        guard network.family == .ipv4 else { return .none }
        guard case .known(let subnetNetwork) = subnetCIDR(target) else {
            return .unknown(subnetCIDR(target).unresolved ?? Unresolved("subnet CIDR unknown"))
        }
        if network.contains(subnetNetwork) { return .full }
        if network.overlaps(subnetNetwork) {
            if let address = target.privateIpAddress.known, let host = IPNetwork(address + "/32"), network.contains(host) { return .full }
            return .partial("\(network) covers only part of \(subnetNetwork)")
        }
        return .none
    }

    func subnetCIDR(_ target: ComputeTarget) -> Value<IPNetwork> {
        guard case .known(.declared(let id)) = target.subnet, let subnet = model.subnets[id] else {
            return .unknown(target.subnet.unresolved ?? Unresolved("subnet \(target.subnet.known?.description ?? "?") is not declared"))
        }
        switch subnet.cidrBlock {
        case .known(let text):
            guard let network = network(text) else { return .unknown(Unresolved("'\(text)' is not a CIDR")) }
            return .known(network)
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .unknown(Unresolved("subnet \(id) has no CidrBlock"))
        }
    }

    /// Traffic from members of `source`: covered when the target carries that group.
    private func memberCoverage(_ source: ResourceRef, target: ComputeTarget) -> Coverage {
        guard case .known(let groups) = target.securityGroups else {
            return .unknown(target.securityGroups.unresolved ?? Unresolved("the target's security groups are unknown"))
        }
        var pending: Unresolved?
        for group in groups {
            switch group {
            case .known(let ref):
                if ref == source { return .full }
                if case .external = ref, case .external = source { pending = pending ?? Unresolved("security group \(ref) is external") }
            case .unknown(let reason): pending = reason
            case .absent: break
            }
        }
        if let pending { return .unknown(pending) }
        return .none
    }

    // MARK: Egress

    /// Whether the target's groups let TCP `port` out to `destination`.
    func egressAllows(_ target: ComputeTarget, port: Int, to destination: EgressDestination) -> EgressVerdict {
        guard case .known(let refs) = target.securityGroups else {
            return .unknown(target.securityGroups.unresolved ?? Unresolved("the target's security groups are unknown"))
        }
        var pending: Unresolved?
        var onlyStandalone = false
        for ref in refs {
            guard case .known(.declared(let id)) = ref, let group = model.securityGroups[id] else {
                return .unknown(ref.unresolved ?? Unresolved("security group \(ref.known?.description ?? "?") is not declared in the input"))
            }
            switch group.implicitEgress {
            case .allowAll: return .allowed
            case .removedByStandaloneRules: onlyStandalone = true
            case .none: break
            }
            for rule in group.egress {
                switch ruleAllowsEgress(rule, port: port, destination: destination) {
                case .known(true):
                    if let condition = rule.condition { pending = Unresolved("the egress rule exists only if condition \(condition) holds") }
                    else { return .allowed }
                case .unknown(let reason): pending = reason
                default: break
                }
            }
        }
        if hasStrayEgress {
            return .unknown(Unresolved("an egress rule is added to a group that cannot be resolved"))
        }
        if let pending { return .unknown(pending) }
        return .blocked(onlyStandaloneRules: onlyStandalone)
    }

    private func ruleAllowsEgress(_ rule: SecurityGroupRule, port: Int, destination: EgressDestination) -> Value<Bool> {
        switch rule.allowsTCP(port: port) {
        case .known(false): return .known(false)
        case .unknown(let reason): return .unknown(reason)
        default: break
        }
        switch rule.peer {
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .known(false)
        case .known(.ipv6CIDR): return .known(false)
        case .known(.ipv4CIDR(let text)):
            guard let network = network(text) else { return .unknown(Unresolved("'\(text)' is not a CIDR")) }
            if network.isEverything { return .known(true) }
            switch destination {
            case .internet:
                // A specific public range might be AWS's (pinned IP ranges): unknown.
                return network.isPrivateUse ? .known(false) : .unknown(Unresolved("egress to \(network) may or may not include the public Systems Manager endpoints"))
            case .endpoint(let networks, _, _):
                switch networks {
                case .known(let list): return .known(!list.isEmpty && list.allSatisfy { network.contains($0) })
                case .unknown(let reason): return .unknown(reason)
                case .absent: return .known(false)
                }
            }
        case .known(.securityGroup(let ref)):
            guard case .endpoint(_, let groups, let referencesWork) = destination else { return .known(false) }
            if groups.contains(ref) && !referencesWork {
                return .unknown(Unresolved("egress to security group \(ref) across a transit gateway works only with security group referencing support turned on"))
            }
            return .known(groups.contains(ref))
        case .known(.selfGroup):
            return .known(false)
        case .known(.prefixList(let ref)):
            return .unknown(Unresolved("egress to prefix list \(ref)"))
        }
    }
}

/// Where a target's traffic to Systems Manager goes.
public enum EgressDestination: Sendable {
    /// The public service endpoints (internet or NAT path).
    case internet
    /// An interface endpoint: its ENI subnets' CIDRs and its security groups
    /// (which a rule can name unless the path crosses a transit gateway).
    case endpoint(subnets: Value<[IPNetwork]>, groups: Set<ResourceRef>, groupReferencesWork: Bool)
}

public enum EgressVerdict: Sendable {
    case allowed
    /// No rule lets the traffic out; `onlyStandaloneRules` when the group's
    /// default allow-all rule was removed by standalone egress resources.
    case blocked(onlyStandaloneRules: Bool)
    case unknown(Unresolved)
}

extension IPNetwork {
    /// RFC 1918, CGNAT and link-local ranges: never the public SSM endpoints.
    var isPrivateUse: Bool {
        Self.privateUseRanges.contains { $0.contains(self) }
    }

    private static let privateUseRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8"]
        .compactMap(IPNetwork.init)
}
