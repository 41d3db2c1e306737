import SSMLintModel

/// What a network ACL does with TCP traffic in one direction, to or from one
/// address range, over a range of destination ports. Network ACLs are
/// stateless: each direction has its own entries, evaluated lowest rule number
/// first; the first entry that matches decides, and the final `*` entry denies.
/// An entry that may match (an unresolved value, an address range that covers
/// only part of the peer, a condition) leaves the ports it may match undecided
/// unless every outcome is the same.
public struct NetworkACLEvaluator: Sendable {
    /// The other end of the traffic, as an entry's address range sees it.
    public enum Peer: Sendable, CustomStringConvertible {
        /// Addresses inside this network (a subnet, or one instance's /32).
        case network(IPNetwork)
        /// Public addresses of AWS service endpoints on the internet.
        case internet
        case unknown(Unresolved)

        public var description: String {
            switch self {
            case .network(let network): return network.description
            case .internet: return "the internet"
            case .unknown: return "an unresolved address range"
            }
        }
    }

    public enum Decision: Sendable {
        case allow(NetworkACLEntry)
        /// `entry` nil: no entry matched, so the final `*` entry denies.
        case deny(NetworkACLEntry?)
        case unknown(Unresolved)

        public var isDeny: Bool {
            if case .deny = self { return true }
            return false
        }
    }

    /// One stretch of destination ports with one decision.
    public struct PortDecision: Sendable {
        public var ports: ClosedRange<Int>
        public var decision: Decision
    }

    /// AWS allows at most 40 entries per direction; far more means hostile input,
    /// and evaluation time grows with the square of the entry count.
    public static let maximumEntries = 200

    public let entries: [NetworkACLEntry]

    public init(entries: [NetworkACLEntry]) {
        self.entries = entries
    }

    /// The decision for every port of `ports`, in port order, covering all of it.
    public func evaluate(egress: Bool, peer: Peer, ports: ClosedRange<Int>) -> [PortDecision] {
        var ordered: [(number: Int, entry: NetworkACLEntry)] = []
        var floating: [(entry: NetworkACLEntry, reason: Unresolved)] = []
        for entry in entries {
            switch entry.isEgress {
            case .known(let direction): if direction != egress { continue }
            case .unknown, .absent: break
            }
            if case .known(let number) = entry.ruleNumber {
                ordered.append((number, entry))
            } else {
                floating.append((entry, entry.ruleNumber.unresolved ?? Unresolved("\(entry.carrier) has no rule number")))
            }
        }
        guard ordered.count + floating.count <= Self.maximumEntries else {
            return [PortDecision(ports: ports, decision: .unknown(Unresolved("the network ACL has more than \(Self.maximumEntries) entries")))]
        }
        ordered.sort { $0.number < $1.number }   // stable: document order breaks ties

        var open = [Pending(ports: ports)]
        var decided: [PortDecision] = []
        for (_, entry) in ordered {
            guard let match = match(entry, egress: egress, peer: peer, ports: ports), !open.isEmpty else { continue }
            var next: [Pending] = []
            for pending in open {
                let (inside, outside) = pending.split(by: match.ports)
                next += outside
                for part in inside {
                    if match.isCertain, case .known(let action) = entry.action {
                        decided.append(PortDecision(ports: part.ports, decision: part.settle(action, entry: entry)))
                    } else {
                        // The entry may decide these ports; later entries decide only when they agree.
                        var tainted = part
                        tainted.add(possible: entry.action.known, reason: match.reason ?? entry.action.unresolved)
                        next.append(tainted)
                    }
                }
            }
            open = next
        }
        for part in open { decided.append(PortDecision(ports: part.ports, decision: part.settle(.deny, entry: nil))) }

        // An entry whose rule number is unknown may come before any other.
        for (entry, reason) in floating {
            guard let match = match(entry, egress: egress, peer: peer, ports: ports) else { continue }
            decided = decided.flatMap { item -> [PortDecision] in
                guard let overlap = item.ports.intersection(match.ports) else { return [item] }
                let agrees: Bool
                switch (item.decision, entry.action) {
                case (.allow, .known(.allow)), (.deny, .known(.deny)): agrees = true
                default: agrees = false
                }
                if agrees { return [item] }
                return Self.replace(item, overlap, with: .unknown(reason))
            }
        }
        return decided.sorted { $0.ports.lowerBound < $1.ports.lowerBound }
    }

    /// The definitely denied ports of an evaluation, adjacent ones merged
    /// (the entry named is the one that denies the first ports of a range).
    public static func denied(_ decisions: [PortDecision]) -> [(ports: ClosedRange<Int>, entry: NetworkACLEntry?)] {
        var result: [(ports: ClosedRange<Int>, entry: NetworkACLEntry?)] = []
        for item in decisions {
            guard case .deny(let entry) = item.decision else { continue }
            if let last = result.last, last.ports.upperBound + 1 == item.ports.lowerBound {
                result[result.count - 1].ports = last.ports.lowerBound...item.ports.upperBound
            } else {
                result.append((item.ports, entry))
            }
        }
        return result
    }

    // MARK: Matching

    private struct Match {
        var ports: ClosedRange<Int>
        /// nil when the entry certainly matches these ports (for this peer).
        var reason: Unresolved?
        var isCertain: Bool { reason == nil }
    }

    /// Whether `entry` matches TCP traffic to `peer` on some of `ports`; nil when it certainly does not.
    private func match(_ entry: NetworkACLEntry, egress: Bool, peer: Peer, ports: ClosedRange<Int>) -> Match? {
        var reason: Unresolved?
        if case .unknown(let why) = entry.isEgress { reason = why }
        if let condition = entry.condition { reason = reason ?? Unresolved("\(entry.carrier) exists only if condition \(condition) holds") }
        var covered = ports
        switch entry.ipProtocol {
        case .known(.all): break
        case .known(.tcp):
            switch (entry.fromPort, entry.toPort) {
            case (.known(let from), .known(let to)):
                guard from <= to, let range = (from...to).intersection(ports) else { return nil }
                covered = range
            case (.unknown(let why), _), (_, .unknown(let why)):
                reason = reason ?? why
            default:
                reason = reason ?? Unresolved("\(entry.name) of \(entry.carrier) is a TCP entry without a port range")
            }
        case .known: return nil   // another protocol never matches TCP traffic
        case .unknown(let why): reason = reason ?? why
        case .absent: reason = reason ?? Unresolved("\(entry.name) of \(entry.carrier) has no protocol")
        }
        switch entry.block {
        case .known(.ipv6): return nil   // IPv6 entries never match IPv4 traffic
        case .known(.ipv4(let text)):
            guard let block = IPNetwork(text.trimmingSpaces), block.family == .ipv4 else {
                reason = reason ?? Unresolved("'\(text)' is not an IPv4 CIDR block")
                break
            }
            switch Self.relation(of: block, to: peer) {
            case .covers: break
            case .disjoint: return nil
            case .partial(let why): reason = reason ?? why
            }
        case .unknown(let why): reason = reason ?? why
        case .absent: reason = reason ?? Unresolved("\(entry.name) of \(entry.carrier) has no CIDR block")
        }
        return Match(ports: covered, reason: reason)
    }

    private enum Relation { case covers, disjoint, partial(Unresolved) }

    private static func relation(of block: IPNetwork, to peer: Peer) -> Relation {
        if block.isEverything { return .covers }
        switch peer {
        case .network(let network):
            if block.contains(network) { return .covers }
            if !block.overlaps(network) { return .disjoint }
            return .partial(Unresolved("\(block) covers only part of \(network)"))
        case .internet:
            if nonPublicRanges.contains(where: { $0.contains(block) }) { return .disjoint }
            return .partial(Unresolved("\(block) may or may not hold the public addresses of the AWS endpoints"))
        case .unknown(let reason):
            return .partial(reason)
        }
    }

    /// Address ranges that never hold an AWS service's public endpoint.
    static let nonPublicRanges: [IPNetwork] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
    ].compactMap { IPNetwork($0) }

    // MARK: Port intervals

    /// Ports not decided yet, with the actions entries that may match them would take.
    private struct Pending {
        var ports: ClosedRange<Int>
        var possible: Set<String> = []
        var reason: Unresolved?

        /// The parts inside and outside `range`.
        func split(by range: ClosedRange<Int>) -> (inside: [Pending], outside: [Pending]) {
            guard let overlap = ports.intersection(range) else { return ([], [self]) }
            var outside: [Pending] = []
            if ports.lowerBound < overlap.lowerBound { outside.append(with(ports.lowerBound...(overlap.lowerBound - 1))) }
            if overlap.upperBound < ports.upperBound { outside.append(with((overlap.upperBound + 1)...ports.upperBound)) }
            return ([with(overlap)], outside)
        }

        private func with(_ range: ClosedRange<Int>) -> Pending {
            var copy = self
            copy.ports = range
            return copy
        }

        /// `action`: nil when the entry's action is unknown (it could be either).
        mutating func add(possible action: NetworkACLEntry.Action?, reason: Unresolved?) {
            if let action { possible.insert(action.rawValue) } else { possible.formUnion(["allow", "deny"]) }
            self.reason = self.reason ?? reason
        }

        /// The decision once an entry certainly matching takes `action` (nil entry: the final deny).
        func settle(_ action: NetworkACLEntry.Action, entry: NetworkACLEntry?) -> Decision {
            if possible.contains(where: { $0 != action.rawValue }) {
                return .unknown(reason ?? Unresolved("an earlier entry may decide otherwise"))
            }
            switch action {
            case .allow: return entry.map { .allow($0) } ?? .unknown(Unresolved("no entry"))
            case .deny: return .deny(entry)
            }
        }
    }

    private static func replace(_ item: PortDecision, _ overlap: ClosedRange<Int>, with decision: Decision) -> [PortDecision] {
        var result: [PortDecision] = []
        if item.ports.lowerBound < overlap.lowerBound {
            result.append(PortDecision(ports: item.ports.lowerBound...(overlap.lowerBound - 1), decision: item.decision))
        }
        result.append(PortDecision(ports: overlap, decision: decision))
        if overlap.upperBound < item.ports.upperBound {
            result.append(PortDecision(ports: (overlap.upperBound + 1)...item.ports.upperBound, decision: item.decision))
        }
        return result
    }
}

extension ClosedRange where Bound == Int {
    /// The ports in both ranges; nil when they do not overlap.
    func intersection(_ other: ClosedRange<Int>) -> ClosedRange<Int>? {
        let lower = Swift.max(lowerBound, other.lowerBound), upper = Swift.min(upperBound, other.upperBound)
        return lower <= upper ? lower...upper : nil
    }
}
