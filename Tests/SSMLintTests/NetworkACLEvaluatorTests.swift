import SSMLintEngine
import SSMLintAnalysis
import SSMLintModel
import SSMLintSource
import Testing

/// The network ACL evaluator on its own: stateless directions, rule-number
/// order, first match wins, the final deny, protocols, port ranges, address
/// containment, IPv6 entries, and what stays undecided.
@Suite("Network ACL evaluation")
struct NetworkACLEvaluatorTests {
    static let location = SourceLocation(file: "t.yaml", range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 1)), logicalPath: "Resources/Acl")

    static func entry(_ number: Value<Int>, egress: Bool = true, _ proto: String = "6", _ action: NetworkACLEntry.Action = .allow,
                      _ cidr: String = "0.0.0.0/0", ports: (Int, Int)? = nil, condition: String? = nil) -> NetworkACLEntry {
        NetworkACLEntry(carrier: ResourceID("Entry\(number.known ?? 0)"), location: location, ruleNumber: number, isEgress: .known(egress),
                        ipProtocol: IPProtocol(parsing: proto).map { .known($0) } ?? .unknown(Unresolved("protocol")),
                        action: .known(action), block: .known(cidr.contains(":") ? .ipv6(cidr) : .ipv4(cidr)),
                        fromPort: ports.map { .known($0.0) } ?? .absent, toPort: ports.map { .known($0.1) } ?? .absent, condition: condition)
    }

    static let endpointSubnet = NetworkACLEvaluator.Peer.network(IPNetwork("10.0.2.0/24")!)

    /// The decision for one port.
    func decide(_ entries: [NetworkACLEntry], egress: Bool = true, peer: NetworkACLEvaluator.Peer = endpointSubnet, port: Int = 443) -> NetworkACLEvaluator.Decision {
        let result = NetworkACLEvaluator(entries: entries).evaluate(egress: egress, peer: peer, ports: port...port)
        #expect(result.count == 1 && result[0].ports == port...port)
        return result[0].decision
    }

    func isAllow(_ decision: NetworkACLEvaluator.Decision) -> Bool { if case .allow = decision { return true }; return false }
    func isUnknown(_ decision: NetworkACLEvaluator.Decision) -> Bool { if case .unknown = decision { return true }; return false }
    func denyingRule(_ decision: NetworkACLEvaluator.Decision) -> Int?? {
        if case .deny(let entry) = decision { return .some(entry?.ruleNumber.known) }
        return nil
    }

    @Test("the lowest rule number decides, whatever the order of the entries")
    func ordering() {
        let denyFirst = [Self.entry(.known(200), "-1"), Self.entry(.known(100), "6", .deny, "10.0.0.0/16", ports: (443, 443))]
        #expect(denyingRule(decide(denyFirst)) == .some(100))
        let allowFirst = [Self.entry(.known(200), "-1", .deny), Self.entry(.known(100), "6", .allow, "10.0.0.0/16", ports: (443, 443))]
        #expect(isAllow(decide(allowFirst)))
    }

    @Test("no matching entry: the final * entry denies")
    func finalDeny() {
        #expect(denyingRule(decide([])) == .some(nil))
        // An entry for another port does not match.
        #expect(denyingRule(decide([Self.entry(.known(100), ports: (22, 22))])) == .some(nil))
    }

    @Test("protocols: -1 and all match every port, 6 and tcp match their ports, others never match TCP")
    func protocols() {
        for proto in ["-1", "all", "ALL"] { #expect(isAllow(decide([Self.entry(.known(100), proto, ports: (0, 0))]))) }
        for proto in ["6", "tcp", "TCP"] { #expect(isAllow(decide([Self.entry(.known(100), proto, ports: (400, 500))]))) }
        // TCP with port 0 only does not cover 443.
        #expect(denyingRule(decide([Self.entry(.known(100), "tcp", ports: (0, 0))])) == .some(nil))
        for proto in ["17", "udp", "1", "50"] { #expect(denyingRule(decide([Self.entry(.known(100), proto, ports: (0, 65535))])) == .some(nil)) }
        // An unrecognised protocol may be TCP: undecided.
        #expect(isUnknown(decide([Self.entry(.known(100), "bogus", ports: (443, 443))])))
    }

    @Test("inbound and outbound entries are separate")
    func directions() {
        let inboundOnly = [Self.entry(.known(100), egress: false, "-1")]
        #expect(denyingRule(decide(inboundOnly, egress: true)) == .some(nil))
        #expect(isAllow(decide(inboundOnly, egress: false)))
    }

    @Test("address ranges: containing matches, disjoint skips, partial overlap stays undecided, IPv6 never matches IPv4")
    func addresses() {
        #expect(isAllow(decide([Self.entry(.known(100), "-1", .allow, "10.0.0.0/8")])))
        #expect(denyingRule(decide([Self.entry(.known(100), "-1", .allow, "192.168.0.0/16")])) == .some(nil))
        #expect(isUnknown(decide([Self.entry(.known(100), "-1", .allow, "10.0.2.0/25")])))
        // A partial deny followed by a deny of everything: denied either way.
        #expect(denyingRule(decide([Self.entry(.known(100), "-1", .deny, "10.0.2.0/25"), Self.entry(.known(200), "-1", .deny)])) == .some(200))
        #expect(denyingRule(decide([Self.entry(.known(100), "-1", .allow, "::/0")])) == .some(nil))
        // A fixed private address inside the subnet is covered by a /25 that contains it.
        let host = NetworkACLEvaluator.Peer.network(IPNetwork("10.0.2.10/32")!)
        #expect(isAllow(decide([Self.entry(.known(100), "-1", .allow, "10.0.2.0/25")], peer: host)))
    }

    @Test("the internet: private ranges never match, 0.0.0.0/0 does, other public ranges stay undecided")
    func internet() {
        #expect(denyingRule(decide([Self.entry(.known(100), "-1", .allow, "10.0.0.0/8")], peer: .internet)) == .some(nil))
        #expect(isAllow(decide([Self.entry(.known(100), "-1")], peer: .internet)))
        #expect(isUnknown(decide([Self.entry(.known(100), "-1", .allow, "52.0.0.0/8")], peer: .internet)))
    }

    @Test("port ranges split the decision")
    func portRanges() {
        let entries = [Self.entry(.known(100), egress: false, "6", .allow, ports: (32768, 65535))]
        let result = NetworkACLEvaluator(entries: entries).evaluate(egress: false, peer: Self.endpointSubnet, ports: 1024...65535)
        #expect(result.map(\.ports) == [1024...32767, 32768...65535])
        #expect(result[0].decision.isDeny && isAllow(result[1].decision))
        let denied = NetworkACLEvaluator.denied(result)
        #expect(denied.count == 1 && denied[0].ports == 1024...32767 && denied[0].entry == nil)
    }

    @Test("an entry whose rule number is unknown matters only where it could change the outcome")
    func unknownRuleNumber() {
        let unknown = Value<Int>.unknown(Unresolved("parameter without default"))
        // It could come before the allow: undecided.
        #expect(isUnknown(decide([Self.entry(.known(100), "-1"), Self.entry(unknown, "6", .deny, "10.0.2.0/24", ports: (443, 443))])))
        // It allows what is allowed anyway, or matches nothing here: decided.
        #expect(isAllow(decide([Self.entry(.known(100), "-1"), Self.entry(unknown, "6", .allow, ports: (443, 443))])))
        #expect(isAllow(decide([Self.entry(.known(100), "-1"), Self.entry(unknown, "6", .deny, ports: (22, 22))])))
    }

    @Test("an entry that exists only under a condition may or may not decide")
    func conditionalEntry() {
        #expect(isUnknown(decide([Self.entry(.known(100), "-1", .allow, condition: "Maybe")])))
        #expect(denyingRule(decide([Self.entry(.known(100), "-1", .deny, condition: "Maybe")])) == .some(nil))
    }

    @Test("more entries than any real network ACL has: undecided, not slow")
    func hostileEntryCount() {
        let entries = (0...NetworkACLEvaluator.maximumEntries).map { Self.entry(.known($0 + 1), "6", .deny, ports: ($0, $0)) }
        #expect(isUnknown(decide(entries)))
        // Just under the cap, every entry carving a single port, stays fast and exact.
        let many = (1..<NetworkACLEvaluator.maximumEntries).map { Self.entry(.known($0), egress: false, "6", .deny, ports: (1023 + 2 * $0, 1023 + 2 * $0)) }
        let result = NetworkACLEvaluator(entries: many).evaluate(egress: false, peer: Self.endpointSubnet, ports: 1024...65535)
        #expect(result.first?.ports.lowerBound == 1024 && result.last?.ports.upperBound == 65535)
        #expect(zip(result, result.dropFirst()).allSatisfy { $0.ports.upperBound + 1 == $1.ports.lowerBound })
    }
}
