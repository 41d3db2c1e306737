import SSMLintModel

/// EC2 Instance Connect Endpoints and the compute targets they can open SSH or
/// RDP tunnels to: the second private way in beside Session Manager.
///
/// The endpoint's network interface connects to the instance on TCP 22 or 3389
/// (the operating system is unknown, so either port will do). Its security
/// groups must let that traffic out; inbound rules on the endpoint do not
/// matter. The instance's groups must admit it: from the endpoint's group
/// always, from the endpoint's private address when client IP preservation is
/// off, from the client's own address when it is on.
public struct InstanceConnectAnalysis: Sendable {
    public static let ports = [22, 3389]

    /// Endpoints whose subnet and VPC are declared, in document order.
    public let placements: [InstanceConnectPlacement]
    /// Endpoints whose subnet or VPC cannot be resolved: every check on them stays silent.
    public let unplaced: [(endpoint: InstanceConnectEndpoint, reason: Unresolved)]
    /// Every target linked to an endpoint, with what its connection needs and lacks.
    public let accesses: [InstanceConnectAccess]

    /// Accesses by target identity (an auto scaling group has one per subnet).
    public func accesses(of target: ComputeTarget) -> [InstanceConnectAccess] {
        accesses.filter { $0.target === target }
    }
}

/// An endpoint with its subnet, VPC and security groups resolved.
public struct InstanceConnectPlacement: Sendable {
    public let endpoint: InstanceConnectEndpoint
    public let subnet: Subnet
    public let vpc: ResourceID
    /// The declared groups, or the VPC's default group when none were given.
    public let groups: [ResourceRef]
    public let usesDefaultGroup: Bool
    /// The endpoint can carry only IPv4 (an explicit `ipv4` type, or a subnet without IPv6).
    public let isIPv4Only: Bool

    public var id: ResourceID { endpoint.id }
    public var preserveClientIp: Value<Bool> { endpoint.preserveClientIp }
}

/// Why an endpoint and a target belong together.
public enum InstanceConnectLink: String, Sendable, Comparable {
    /// An egress rule of the endpoint's groups names one of the target's groups.
    case endpointEgressToTargetGroup = "egress to the instance's security group"
    /// An ingress rule of the target's groups names one of the endpoint's groups.
    case targetIngressFromEndpointGroup = "ingress from the endpoint's security group"
    /// An egress rule of the endpoint's groups names a CIDR (not /0) holding the target's subnet.
    case endpointEgressToTargetSubnet = "egress to the instance's subnet"
    /// Weak: same VPC, and the target admits TCP 22 or 3389 from somewhere.
    case sameVPCWithSSHIngress = "same VPC and an inbound SSH/RDP rule"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
    private var order: Int {
        switch self {
        case .endpointEgressToTargetGroup: return 0
        case .targetIngressFromEndpointGroup: return 1
        case .endpointEgressToTargetSubnet: return 2
        case .sameVPCWithSSHIngress: return 3
        }
    }
}

/// What stops one endpoint from reaching one target.
public enum InstanceConnectProblem: Sendable, Equatable {
    /// No egress rule of the endpoint's groups covers the target on TCP 22/3389.
    case endpointEgressMissing
    /// No ingress rule of the target's groups on TCP 22/3389 can match the endpoint's traffic.
    case targetIngressMissing
    /// Client IP preservation is on and the target admits 22/3389 only from other
    /// groups and private CIDRs, while the source address is the client's.
    case preservedClientOutsidePrivateSources
    /// Client IP preservation is on and the target lives in another VPC.
    case preservationAcrossVPCs(targetVPC: ResourceID)
    /// The target's subnet is IPv6-only and the endpoint's subnet has no IPv6 CIDR.
    case ipv6OnlyTarget

    public var key: String {
        switch self {
        case .endpointEgressMissing: return "egress"
        case .targetIngressMissing: return "ingress"
        case .preservedClientOutsidePrivateSources: return "preserved-client-ip"
        case .preservationAcrossVPCs: return "other-vpc"
        case .ipv6OnlyTarget: return "ipv6-only"
        }
    }
}

/// One (endpoint, target) pair that the input links together.
public struct InstanceConnectAccess: Sendable {
    public enum State: Sendable {
        case works
        case broken([InstanceConnectProblem])
        case unknown(Unresolved)
    }

    public let placement: InstanceConnectPlacement
    public let target: ComputeTarget
    public let links: [InstanceConnectLink]
    public let state: State

    /// Only the weak link holds: SSH intent, but not necessarily through the endpoint.
    public var isWeaklyLinked: Bool { links == [.sameVPCWithSSHIngress] }
}

/// What is wrong with an endpoint whatever its targets.
public enum InstanceConnectEndpointProblem: Sendable {
    /// Every group is declared and none lets TCP 22/3389 out; `onlyStandaloneRules`
    /// when that rests on standalone egress rules having removed the default rule.
    case noEgress(onlyStandaloneRules: Bool)
    /// Another endpoint already uses the subnet or VPC (one of each, not adjustable).
    case duplicate(of: ResourceID, sharedSubnet: Bool)
    /// Client IP preservation on an endpoint whose subnet gives it IPv6 addresses.
    case preservationOnDualStack
}

extension NetworkAnalysis {
    /// The EC2 Instance Connect Endpoints of the input and the targets they serve.
    /// Computed on each call; cheap when the input declares no such endpoint.
    public func instanceConnect() -> InstanceConnectAnalysis {
        guard !model.instanceConnectEndpoints.isEmpty else {
            return InstanceConnectAnalysis(placements: [], unplaced: [], accesses: [])
        }
        var placements: [InstanceConnectPlacement] = []
        var unplaced: [(endpoint: InstanceConnectEndpoint, reason: Unresolved)] = []
        for endpoint in model.instanceConnectEndpoints {
            switch place(endpoint) {
            case .known(let placement): placements.append(placement)
            case .unknown(let reason): unplaced.append((endpoint, reason))
            case .absent: unplaced.append((endpoint, Unresolved("the endpoint has no subnet")))
            }
        }
        let evaluator = InstanceConnectEvaluator(analysis: self)
        var accesses: [InstanceConnectAccess] = []
        for placement in placements {
            for target in targets {
                if let access = evaluator.access(placement, target) { accesses.append(access) }
            }
        }
        return InstanceConnectAnalysis(placements: placements, unplaced: unplaced, accesses: accesses)
    }

    /// What is wrong with `placement` whatever its targets (its quota is checked by `duplicateInstanceConnectEndpoints`).
    public func instanceConnectProblems(of placement: InstanceConnectPlacement) -> (problems: [InstanceConnectEndpointProblem], unresolved: [Unresolved]) {
        var problems: [InstanceConnectEndpointProblem] = []
        var unresolved: [Unresolved] = []
        switch InstanceConnectEvaluator(analysis: self).egressOnPorts(placement) {
        case .known(let onlyStandalone?): problems.append(.noEgress(onlyStandaloneRules: onlyStandalone))
        case .unknown(let reason): unresolved.append(reason)
        default: break
        }
        if placement.preserveClientIp.known == true, placement.endpoint.ipAddressType.known?.lowercased() != "ipv4" {
            let ipv6 = placement.subnet.ipv6Native.known == true ? Value<Bool>.known(true) : placement.subnet.hasIPv6CIDR
            switch ipv6 {
            case .known(true): problems.append(.preservationOnDualStack)
            case .unknown(let reason): unresolved.append(reason)
            default: break
            }
        }
        return (problems, unresolved)
    }

    /// Endpoints that share a VPC or a subnet with an earlier one (a quota of one
    /// each that cannot be raised). An endpoint whose subnet is one of several
    /// candidates (`count` or `for_each` over subnets) counts when every candidate
    /// is in the same VPC. Conditional endpoints may not exist: they never count.
    public func duplicateInstanceConnectEndpoints() -> [(endpoint: InstanceConnectEndpoint, problem: InstanceConnectEndpointProblem)] {
        var seenVPCs: [ResourceID: ResourceID] = [:]
        var seenSubnets: [ResourceID: ResourceID] = [:]
        var duplicates: [(endpoint: InstanceConnectEndpoint, problem: InstanceConnectEndpointProblem)] = []
        for endpoint in model.instanceConnectEndpoints where !endpoint.info.isConditional {
            let subnet = endpoint.subnet.known?.declaredID.flatMap { model.subnets[$0] != nil ? $0 : nil }
            let candidates = subnet.map { [$0] } ?? (endpoint.subnet.unresolved?.candidates ?? [])
            let vpcs = Set(candidates.map { model.subnets[$0]?.vpc.known?.declaredID })
            guard !candidates.isEmpty, vpcs.count == 1, let vpc = vpcs.first ?? nil, model.vpcs[vpc] != nil else { continue }
            if let subnet, let earlier = seenSubnets[subnet] {
                duplicates.append((endpoint, .duplicate(of: earlier, sharedSubnet: true)))
            } else if let earlier = seenVPCs[vpc] {
                duplicates.append((endpoint, .duplicate(of: earlier, sharedSubnet: false)))
            }
            if let subnet { seenSubnets[subnet] = seenSubnets[subnet] ?? endpoint.id }
            seenVPCs[vpc] = seenVPCs[vpc] ?? endpoint.id
        }
        return duplicates
    }

    private func place(_ endpoint: InstanceConnectEndpoint) -> Value<InstanceConnectPlacement> {
        guard case .known(let ref) = endpoint.subnet else {
            return .unknown(endpoint.subnet.unresolved ?? Unresolved("the endpoint has no subnet"))
        }
        guard case .declared(let subnetID) = ref, let subnet = model.subnets[subnetID] else {
            return .unknown(Unresolved("subnet \(ref) is not declared in the input"))
        }
        guard case .known(.declared(let vpcID)) = subnet.vpc, let vpc = model.vpcs[vpcID] else {
            return .unknown(subnet.vpc.unresolved ?? Unresolved("the VPC of subnet \(subnetID) is not declared in the input"))
        }
        var groups: [ResourceRef] = []
        var usesDefault = false
        switch endpoint.securityGroups {
        case .absent:
            groups = [.declared(vpc.defaultSecurityGroupID)]
            usesDefault = true
        case .unknown(let reason):
            return .unknown(reason)
        case .known(let refs):
            for ref in refs {
                guard case .known(let group) = ref else {
                    return .unknown(ref.unresolved ?? Unresolved("a security group of the endpoint is unknown"))
                }
                groups.append(group)
            }
            if groups.isEmpty {
                groups = [.declared(vpc.defaultSecurityGroupID)]
                usesDefault = true
            }
        }
        let type = endpoint.ipAddressType.known?.lowercased()
        let ipv4Only = type == "ipv4" || (type == nil && subnet.hasIPv6CIDR.or(false).known == false && subnet.ipv6Native.known != true)
        return .known(InstanceConnectPlacement(endpoint: endpoint, subnet: subnet, vpc: vpcID, groups: groups,
                                               usesDefaultGroup: usesDefault, isIPv4Only: ipv4Only))
    }
}

/// The security-group arithmetic behind `InstanceConnectAnalysis`.
struct InstanceConnectEvaluator {
    let analysis: NetworkAnalysis
    var model: InfrastructureModel { analysis.model }

    /// Whether a rule admits TCP 22 or 3389.
    static func onPorts(_ rule: SecurityGroupRule) -> Value<Bool> {
        var pending: Unresolved?
        for port in InstanceConnectAnalysis.ports {
            switch rule.allowsTCP(port: port) {
            case .known(true): return .known(true)
            case .unknown(let reason): pending = pending ?? reason
            default: break
            }
        }
        if let pending { return .unknown(pending) }
        return .known(false)
    }

    /// Whether the endpoint's groups let any TCP 22/3389 out. `.known(nil)`: they do;
    /// `.known(flag)`: they do not (flag: only because standalone rules removed the default).
    func egressOnPorts(_ placement: InstanceConnectPlacement) -> Value<Bool?> {
        var onlyStandalone = false
        var pending: Unresolved?
        for ref in placement.groups {
            guard case .declared(let id) = ref, let group = model.securityGroups[id] else {
                return .unknown(Unresolved("security group \(ref) is not declared in the input, so its rules are unknown"))
            }
            switch group.implicitEgress {
            case .allowAll: return .known(nil)
            case .removedByStandaloneRules: onlyStandalone = true
            case .none: break
            }
            for rule in group.egress {
                switch Self.onPorts(rule) {
                case .known(true):
                    if let condition = rule.condition { pending = pending ?? Unresolved("the egress rule exists only if condition \(condition) holds") }
                    else { return .known(nil) }
                case .unknown(let reason): pending = pending ?? reason
                default: break
                }
            }
        }
        if analysis.groups.hasStrayEgress { return .unknown(Unresolved("an egress rule is added to a security group that cannot be resolved")) }
        if let pending { return .unknown(pending) }
        return .known(onlyStandalone)
    }

    func access(_ placement: InstanceConnectPlacement, _ target: ComputeTarget) -> InstanceConnectAccess? {
        guard case .known(let targetRefs) = target.securityGroups else { return nil }
        let targetGroups = Set(targetRefs.compactMap(\.known))
        let endpointGroups = Set(placement.groups)
        let subnetNetwork = analysis.groups.subnetCIDR(target)
        let targetVPC = target.vpc.known?.declaredID
        var links: [InstanceConnectLink] = []

        // L1 and L3: the endpoint's egress names the target.
        for group in declaredGroups(placement.groups) {
            for rule in group.egress {
                switch rule.peer {
                case .known(.securityGroup(let ref)) where targetGroups.contains(ref):
                    links.append(.endpointEgressToTargetGroup)
                case .known(.selfGroup) where targetGroups.contains(.declared(group.id)):
                    links.append(.endpointEgressToTargetGroup)
                case .known(.ipv4CIDR(let text)):
                    if let network = IPNetwork(text), !network.isEverything, let subnet = subnetNetwork.known, network.contains(subnet) {
                        links.append(.endpointEgressToTargetSubnet)
                    }
                default: break
                }
            }
        }
        // L2 and L4: the target's ingress names the endpoint, or admits SSH/RDP in the same VPC.
        var admitsPorts = false
        for group in declaredGroups(Array(targetGroups)) {
            for rule in group.ingress {
                switch rule.peer {
                case .known(.securityGroup(let ref)) where endpointGroups.contains(ref):
                    links.append(.targetIngressFromEndpointGroup)
                case .known(.selfGroup) where endpointGroups.contains(.declared(group.id)):
                    links.append(.targetIngressFromEndpointGroup)
                default: break
                }
                if rule.condition == nil, Self.onPorts(rule).known == true { admitsPorts = true }
            }
        }
        if admitsPorts, targetVPC == placement.vpc { links.append(.sameVPCWithSSHIngress) }
        guard !links.isEmpty else { return nil }
        links = Array(Set(links)).sorted()
        return InstanceConnectAccess(placement: placement, target: target, links: links,
                                     state: state(placement, target, links: links, targetGroups: targetRefs, subnetNetwork: subnetNetwork))
    }

    private func declaredGroups(_ refs: [ResourceRef]) -> [SecurityGroup] {
        refs.compactMap { $0.declaredID.flatMap { model.securityGroups[$0] } }
    }

    private func state(_ placement: InstanceConnectPlacement, _ target: ComputeTarget, links: [InstanceConnectLink],
                       targetGroups: [Value<ResourceRef>], subnetNetwork: Value<IPNetwork>) -> InstanceConnectAccess.State {
        if placement.endpoint.info.isConditional {
            return .unknown(Unresolved("endpoint \(placement.id) exists only if condition \(placement.endpoint.info.condition ?? "?") holds"))
        }
        if target.info.isConditional {
            return .unknown(Unresolved("\(target.displayName) exists only if condition \(target.info.condition ?? "?") holds"))
        }
        var problems: [InstanceConnectProblem] = []
        var pending: Unresolved?
        let preserve = placement.preserveClientIp

        // D: preservation needs the instance in the endpoint's own VPC.
        if preserve.known == true,
           links.contains(.endpointEgressToTargetGroup) || links.contains(.endpointEgressToTargetSubnet),
           case .known(.declared(let vpc)) = target.vpc, model.vpcs[vpc] != nil, vpc != placement.vpc {
            problems.append(.preservationAcrossVPCs(targetVPC: vpc))
        } else if target.vpc.known?.declaredID != placement.vpc {
            // Other VPCs without preservation: peering and transit gateway paths are not modelled.
            return .unknown(Unresolved("\(target.displayName) is not in the endpoint's VPC, and whether the endpoint reaches other VPCs is not modelled"))
        }

        switch egressCovers(placement, target, subnetNetwork: subnetNetwork) {
        case .known(false): problems.append(.endpointEgressMissing)
        case .unknown(let reason): pending = pending ?? reason
        default: break
        }
        switch ingressAdmits(placement, targetGroups: targetGroups) {
        case .known(.none): problems.append(.targetIngressMissing)
        case .known(.onlyPrivateSources): problems.append(.preservedClientOutsidePrivateSources)
        case .unknown(let reason): pending = pending ?? reason
        default: break
        }
        if case .known(.declared(let subnetID)) = target.subnet, let subnet = model.subnets[subnetID], subnet.ipv6Native.known == true {
            switch placement.subnet.ipv6Native.known == true ? .known(true) : placement.subnet.hasIPv6CIDR.or(false) {
            case .known(false): problems.append(.ipv6OnlyTarget)
            case .unknown(let reason): pending = pending ?? reason
            default: break
            }
        }
        if !problems.isEmpty { return .broken(problems) }
        if let pending { return .unknown(pending) }
        return .works
    }

    /// B: whether an egress rule of the endpoint's groups covers the target on 22/3389.
    private func egressCovers(_ placement: InstanceConnectPlacement, _ target: ComputeTarget, subnetNetwork: Value<IPNetwork>) -> Value<Bool> {
        let targetGroups = Set((target.securityGroups.known ?? []).compactMap(\.known))
        var pending: Unresolved?
        for ref in placement.groups {
            guard case .declared(let id) = ref, let group = model.securityGroups[id] else {
                return .unknown(Unresolved("security group \(ref) is not declared in the input, so its rules are unknown"))
            }
            if group.implicitEgress == .allowAll { return .known(true) }
            for rule in group.egress {
                let ports = Self.onPorts(rule)
                if ports.known == false { continue }
                let covers: Value<Bool>
                switch rule.peer {
                case .unknown(let reason): covers = .unknown(reason)
                case .absent: covers = .known(false)
                case .known(.ipv4CIDR(let text)):
                    guard let network = IPNetwork(text) else { covers = .unknown(Unresolved("'\(text)' is not a CIDR")); break }
                    if network.isEverything { covers = .known(true); break }
                    switch subnetNetwork {
                    case .known(let subnet): covers = .known(network.contains(subnet))
                    case .unknown(let reason): covers = .unknown(reason)
                    case .absent: covers = .unknown(Unresolved("the target's subnet CIDR is unknown"))
                    }
                case .known(.ipv6CIDR(let text)):
                    covers = IPNetwork(text)?.isEverything == true && placement.isIPv4Only == false
                        ? .unknown(Unresolved("egress to \(text) covers the target only over IPv6")) : .known(false)
                case .known(.securityGroup(let destination)):
                    if targetGroups.contains(destination) { covers = .known(true) }
                    else if case .external = destination, targetGroups.contains(where: { $0.declaredID == nil }) {
                        covers = .unknown(Unresolved("security group \(destination) is not declared in the input"))
                    } else { covers = .known(false) }
                case .known(.selfGroup):
                    covers = .known(targetGroups.contains(.declared(group.id)))
                case .known(.prefixList(let list)):
                    covers = list.declaredID.flatMap { model.prefixLists[$0] } != nil
                        ? .known(true) : .unknown(Unresolved("prefix list \(list) is not declared in the input"))
                }
                switch (ports, covers) {
                case (_, .known(false)): continue
                case (.unknown(let reason), _), (_, .unknown(let reason)): pending = pending ?? reason
                default:
                    if let condition = rule.condition { pending = pending ?? Unresolved("the egress rule exists only if condition \(condition) holds") }
                    else { return .known(true) }
                }
            }
        }
        if analysis.groups.hasStrayEgress { return .unknown(Unresolved("an egress rule is added to a security group that cannot be resolved")) }
        if let pending { return .unknown(pending) }
        return .known(false)
    }

    enum IngressVerdict: Equatable {
        /// A source on 22/3389 can match the endpoint's traffic.
        case admitted
        /// Client IP preservation is on and the sources are only other groups and private CIDRs.
        case onlyPrivateSources
        /// No source on 22/3389 can match.
        case none
    }

    /// C and C′: whether an ingress rule of the target's groups on 22/3389 can match the endpoint.
    private func ingressAdmits(_ placement: InstanceConnectPlacement, targetGroups: [Value<ResourceRef>]) -> Value<IngressVerdict> {
        let endpointGroups = Set(placement.groups)
        let preserve = placement.preserveClientIp
        var pending: Unresolved?
        var privateCIDRs = 0
        for ref in targetGroups {
            guard case .known(.declared(let id)) = ref, let group = model.securityGroups[id] else {
                return .unknown(ref.unresolved ?? Unresolved("security group \(ref.known?.description ?? "?") is not declared in the input, so its rules are unknown"))
            }
            for rule in group.ingress {
                let ports = Self.onPorts(rule)
                if ports.known == false { continue }
                let matches: Value<Bool>
                switch rule.peer {
                case .unknown(let reason): matches = .unknown(reason)
                case .absent: matches = .known(false)
                case .known(.securityGroup(let source)):
                    if endpointGroups.contains(source) { matches = .known(true) }
                    else if case .external = source, endpointGroups.contains(where: { $0.declaredID == nil }) {
                        matches = .unknown(Unresolved("security group \(source) is not declared in the input"))
                    } else { matches = .known(false) }
                case .known(.selfGroup):
                    matches = .known(endpointGroups.contains(.declared(group.id)))
                case .known(.ipv4CIDR(let text)), .known(.ipv6CIDR(let text)):
                    guard let network = IPNetwork(text) else { matches = .unknown(Unresolved("'\(text)' is not a CIDR")); break }
                    matches = cidrMatches(network, placement, preserve: preserve)
                    // With the client's address kept, a private range is presumably not where clients are.
                    if matches.known == true, ports.known == true, rule.condition == nil, preserve.known == true,
                       network.family == .ipv4, network.isRFC1918 {
                        privateCIDRs += 1
                        continue
                    }
                case .known(.prefixList(let list)):
                    switch preserve {
                    case .known(false):
                        guard let declared = list.declaredID.flatMap({ model.prefixLists[$0] }), case .known(let entries) = declared.entries else {
                            matches = .unknown(Unresolved("prefix list \(list) is not declared in the input")); break
                        }
                        var result: Value<Bool> = .known(false)
                        for entry in entries {
                            guard let text = entry.known, let network = IPNetwork(text) else {
                                result = .unknown(entry.unresolved ?? Unresolved("a prefix list entry is unknown")); continue
                            }
                            if cidrMatches(network, placement, preserve: preserve).known == true { result = .known(true); break }
                        }
                        matches = result
                    default: matches = .known(true)
                    }
                }
                switch (ports, matches) {
                case (_, .known(false)): continue
                case (.unknown(let reason), _), (_, .unknown(let reason)): pending = pending ?? reason
                default:
                    if let condition = rule.condition { pending = pending ?? Unresolved("the ingress rule exists only if condition \(condition) holds") }
                    else { return .known(.admitted) }
                }
            }
        }
        if let stray = analysis.groups.strayIngress.first {
            return .unknown(Unresolved("ingress rule \(stray.carrier) is added to a security group that cannot be resolved"))
        }
        if let pending { return .unknown(pending) }
        return .known(privateCIDRs > 0 ? .onlyPrivateSources : .none)
    }

    /// Whether connections from the endpoint can come from `network`: any address
    /// when the client's is kept (or may be), the endpoint subnet's otherwise.
    private func cidrMatches(_ network: IPNetwork, _ placement: InstanceConnectPlacement, preserve: Value<Bool>) -> Value<Bool> {
        if network.isEverything { return network.family == .ipv4 || !placement.isIPv4Only ? .known(true) : .known(false) }
        guard preserve.known == false else { return .known(true) }
        if network.family == .ipv6 {
            return placement.isIPv4Only ? .known(false) : .unknown(Unresolved("the endpoint may connect over IPv6"))
        }
        switch placement.subnet.cidrBlock {
        case .known(let text):
            guard let subnet = IPNetwork(text) else { return .unknown(Unresolved("'\(text)' is not a CIDR")) }
            return .known(network.overlaps(subnet))
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .unknown(Unresolved("subnet \(placement.subnet.id) has no CidrBlock"))
        }
    }
}

extension IPNetwork {
    /// 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16.
    var isRFC1918: Bool {
        Self.rfc1918.contains { $0.contains(self) }
    }

    private static let rfc1918 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].compactMap(IPNetwork.init)
}
