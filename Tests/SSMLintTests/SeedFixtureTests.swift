import Foundation
import SSMLintEngine
import SSMLintPacks
import Testing

/// Templates reproducing the seed posts' architectures (Fixtures/seeds, see its
/// EXPECTATIONS.md), with the findings domain.md says a correct tool gives,
/// not what the posts claim where domain.md says they are wrong.
@Suite("Seed architectures")
struct SeedFixtureTests {
    static let expectations: [(String, [String])] = [
        // Private designs without an S3 endpoint (seeds 000, 001's hub, 002) also get the SSM015 note.
        // Seed 000: an AZ without endpoint ENI still works through the other AZs: a warning (S2).
        ("seed000-three-az-experiment.yaml", ["SSM004 warning InstancePrivateD", "SSM015 note VPC"]),
        ("seed000-duplicate-az-subnets.yaml", ["SSM013 error EC2MessagesEndpoint", "SSM013 error SSMEndpoint", "SSM013 error SSMMessagesEndpoint"]),
        // Seed 001: with hosted zones it works; before them the cause is SSM009 (peered endpoint without DNS), never SSM014.
        ("seed001-hub-spoke-peering.yaml", ["SSM015 note SharedVPC"]),
        ("seed001-hub-spoke-before-phz.yaml", ["SSM015 note SharedVPC"]),
        // Seed 002: the public SSH instance has no profile, so only SSM006 and SSM007 (the missing profile) concern it.
        ("seed002-public-ssh-private-ssm.yaml", ["SSM006 error InstanceSecurityGroup1", "SSM007 warning Instance1", "SSM015 note VPC"]),
        // Seed 002 trusting "PrivateDnsEnabled defaults to true" (S1): CloudFormation's default is false.
        ("seed002-without-private-dns.yaml", ["SSM006 error InstanceSecurityGroup1", "SSM007 warning Instance1", "SSM008 error SSMEndpoint",
                                              "SSM008 error SSMMessagesEndpoint", "SSM008 warning EC2MessagesEndpoint"]),
        ("seed002-minus-endpoints.yaml", ["SSM006 error InstanceSecurityGroup1", "SSM007 warning Instance1", "SSM014 error Instance2"]),
        // Seed 003: NAT-only works but is not private (S11); with endpoints, DNS sends the agent to them.
        ("seed003-nat-only.yaml", ["SSM005 warning PrivateInstance"]),
        ("seed003-endpoints-and-nat.yaml", []),
        // Seed 004: clean; hostnames left off is SSM001 (it replaces SSM008/SSM002/SSM014); ssmmessages is required (S4).
        ("seed004-private-subnet-ssm.yaml", []),
        ("seed004-without-dns-hostnames.yaml", ["SSM001 error VPC"]),
        ("seed004-without-ssmmessages.yaml", ["SSM002 error VPC"]),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var expected: [String]
        var testDescription: String { file }
    }

    static let cases = expectations.map { Case(file: $0.0, expected: $0.1.sorted()) }

    @Test("a seed architecture gives exactly the findings domain.md calls for", arguments: cases)
    func seed(_ item: Case) throws {
        let url = Paths.fixtures.appendingPathComponent("seeds/\(item.file)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let findings = try Scan.findings(text)
        let actual = findings.map { "\($0.ruleID) \($0.level.rawValue) \($0.resource)" }.sorted()
        #expect(actual == item.expected, "\(findings.map(\.message).joined(separator: "\n"))")
    }

    @Test("every seed fixture is covered by an expectation")
    func complete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Paths.fixtures.appendingPathComponent("seeds").path)
            .filter { $0.hasSuffix(".yaml") }
        #expect(Set(files) == Set(Self.expectations.map(\.0)))
    }
}
