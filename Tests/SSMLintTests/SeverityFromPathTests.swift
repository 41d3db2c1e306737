import Foundation
import SSMLintEngine
import Testing

/// A finding whose existence is certain but whose severity depends on a path
/// beyond the input is reported at the lower severity, saying what would make
/// it an error; checks that the facts decide report no undecided note.
@Suite("Severity from the path, existence from the facts")
struct SeverityFromPathTests {
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: Paths.fixtures.appendingPathComponent("paths/\(name).yaml"), encoding: .utf8)
    }

    @Test("private DNS off behind a default route to a firewall endpoint: SSM008 at warning")
    func privateDNSOffBehindFirewall() throws {
        let findings = try Scan.findings(try Self.fixture("firewall-default-route-private-dns-off"), rule: "SSM008", showUnresolved: true)
        #expect(findings.map(\.resource.rawValue).sorted() == ["SsmEndpoint", "SsmMessagesEndpoint"])
        for finding in findings {
            #expect(finding.level == .warning)
            #expect(!finding.isUnresolved)
            #expect(finding.message.contains("vpce-0a1b2c3d4e5f60718"))
            #expect(finding.message.contains("this is an error if that way does not reach the internet"))
        }
        // Nothing reports an error: the firewall may well lead to the internet.
        #expect(try Scan.findings(try Self.fixture("firewall-default-route-private-dns-off")).allSatisfy { $0.level != .error })
    }

    @Test("an endpoint in the instance's own subnet shares its zone, even when the zone is unknown")
    func sameSubnetSameZone() throws {
        // The subnet sets no AvailabilityZone (AWS chooses one), so only the shared subnet decides.
        let text = try Self.fixture("eni-primary-interface")
            .replacingOccurrences(of: "      CidrBlock: 10.20.1.0/24\n      AvailabilityZone: !Select [0, !GetAZs \"\"]\n", with: "      CidrBlock: 10.20.1.0/24\n")
        #expect(!text.contains("GetAZs"))
        let findings = try Scan.findings(text, rule: "SSM004", showUnresolved: true)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }
}
