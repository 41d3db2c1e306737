import SSMLintModel

/// A network ACL that definitely drops one leg of the HTTPS connections SSM
/// Agent opens (domain facts: network ACLs are stateless, so the request and
/// the reply are filtered separately, in each subnet they leave or enter).
public struct NetworkACLBlock: Sendable {
    public enum Leg: String, Sendable {
        /// The request leaving the instance's subnet (TCP 443).
        case requestOut = "request-out"
        /// The request entering the endpoint's subnet (TCP 443).
        case requestIn = "request-in"
        /// The reply leaving the endpoint's subnet (to the instance's ephemeral port).
        case replyOut = "reply-out"
        /// The reply entering the instance's subnet (to its ephemeral port).
        case replyIn = "reply-in"

        public var isReply: Bool { self == .replyOut || self == .replyIn }
        public var isEgress: Bool { self == .requestOut || self == .replyOut }
    }

    public var leg: Leg
    public var acl: NetworkACL
    /// The subnet whose network ACL this is.
    public var subnet: ResourceID
    /// The other end: a subnet, or nil for the internet.
    public var peerSubnet: ResourceID?
    public var peer: NetworkACLEvaluator.Peer
    /// The denied destination ports, each with the entry that denies it (nil: the final `*` entry).
    public var denied: [(ports: ClosedRange<Int>, entry: NetworkACLEntry?)]
}

/// The other end of SSM Agent's HTTPS connections.
public enum AgentServer: Sendable, Hashable {
    /// An interface endpoint's network interface in this subnet.
    case subnet(ResourceID)
    /// Public service endpoints, through an internet or NAT gateway.
    case internet
}

extension NetworkAnalysis {
    /// Ephemeral ports that clients pick from: Linux (Amazon Linux included)
    /// and Windows Server 2008 and later. A reply is definitely dropped for
    /// every instance when the denied ports reach into both ranges.
    public static let linuxEphemeralPorts = 32768...61000
    public static let windowsEphemeralPorts = 49152...65535
    /// The whole range AWS recommends opening for replies.
    public static let ephemeralPorts = 1024...65535

    /// Where SSM Agent on `target` connects for `path`: each subnet holding a
    /// network interface of the endpoint, or the internet; nil when unknown.
    public func agentServers(for path: ServicePath) -> Value<[AgentServer]> {
        switch path {
        case .internet: return .known([.internet])
        case .endpoint(let endpoint):
            guard case .known(let refs) = endpointSubnets(endpoint) else {
                return .unknown(Unresolved("the subnets of endpoint \(endpoint.endpoint.id) are unknown"))
            }
            var servers: [AgentServer] = []
            for ref in refs {
                guard case .known(.declared(let id)) = ref, model.subnets[id] != nil else {
                    return .unknown(Unresolved("subnet \(ref.known?.description ?? "?") of endpoint \(endpoint.endpoint.id) is not declared in the input"))
                }
                if !servers.contains(.subnet(id)) { servers.append(.subnet(id)) }
            }
            return .known(servers)
        case .none: return .known([])
        case .unknown(let reason): return .unknown(reason)
        }
    }

    /// The address range a target's traffic comes from: its fixed private
    /// address, else its subnet's CIDR block.
    public func clientAddress(of target: ComputeTarget) -> NetworkACLEvaluator.Peer {
        if let text = target.privateIpAddress.known, let address = IPNetwork(text.trimmingSpaces + "/32") { return .network(address) }
        guard case .known(.declared(let subnet)) = target.subnet else {
            return .unknown(target.subnet.unresolved ?? Unresolved("the target's subnet is not declared"))
        }
        return subnetPeer(subnet)
    }

    private func subnetPeer(_ subnet: ResourceID) -> NetworkACLEvaluator.Peer {
        guard let declared = model.subnets[subnet] else { return .unknown(Unresolved("subnet \(subnet) is not declared")) }
        switch declared.cidrBlock {
        case .known(let text):
            guard let network = IPNetwork(text.trimmingSpaces), network.family == .ipv4 else {
                return .unknown(Unresolved("'\(text)' is not an IPv4 CIDR block"))
            }
            return .network(network)
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .unknown(Unresolved("subnet \(subnet) has no CIDR block"))
        }
    }

    /// The network ACL legs that definitely drop SSM Agent's connections from
    /// `client` (a subnet and the address range inside it) to `server`, and
    /// the reasons of legs that could not be decided. Traffic that stays
    /// inside one subnet is not filtered by network ACLs.
    public func networkACLBlocks(client: ResourceID, address: NetworkACLEvaluator.Peer,
                                 server: AgentServer) -> (blocks: [NetworkACLBlock], unresolved: [Unresolved]) {
        var legs: [(NetworkACLBlock.Leg, ResourceID, NetworkACLEvaluator.Peer, ResourceID?)] = []
        switch server {
        case .internet:
            legs = [(.requestOut, client, .internet, nil), (.replyIn, client, .internet, nil)]
        case .subnet(let endpointSubnet):
            guard endpointSubnet != client else { return ([], []) }
            let serverRange = subnetPeer(endpointSubnet)
            legs = [(.requestOut, client, serverRange, endpointSubnet), (.requestIn, endpointSubnet, address, client),
                    (.replyOut, endpointSubnet, address, client), (.replyIn, client, serverRange, endpointSubnet)]
        }
        var blocks: [NetworkACLBlock] = []
        var unresolved: [Unresolved] = []
        for (leg, subnet, peer, peerSubnet) in legs {
            let acl: NetworkACL
            switch subnetACLs.acl(of: subnet) {
            case .known(let found): acl = found
            case .unknown(let reason): unresolved.append(reason); continue
            case .absent: continue
            }
            let evaluator = NetworkACLEvaluator(entries: acl.entries)
            let ports = leg.isReply ? Self.ephemeralPorts : 443...443
            let decisions = evaluator.evaluate(egress: leg.isEgress, peer: peer, ports: ports)
            let denied = NetworkACLEvaluator.denied(decisions)
            let definite = leg.isReply
                ? denied.contains { $0.ports.intersection(Self.linuxEphemeralPorts) != nil }
                    && denied.contains { $0.ports.intersection(Self.windowsEphemeralPorts) != nil }
                : !denied.isEmpty
            if definite {
                blocks.append(NetworkACLBlock(leg: leg, acl: acl, subnet: subnet, peerSubnet: peerSubnet, peer: peer, denied: denied))
            } else {
                for case .unknown(let reason) in decisions.map(\.decision) { unresolved.append(reason); break }
            }
        }
        return (blocks, unresolved)
    }
}
