import Foundation
import SSMLintEngine
import Testing

/// Suppressions in template Metadata and in .ssmlint.yaml: a reason is
/// required, expiry brings the finding back, and every format treats a
/// suppressed finding as accepted.
@Suite("Suppressions")
struct SuppressionTests {
    static func group(_ name: String, metadata: String = "") -> String {
        """
          \(name):
            Type: AWS::EC2::SecurityGroup
        \(metadata)
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]

        """
    }

    static func template(_ groups: String, top: String = "") -> String { top + "Resources:\n" + groups }

    static let today = ["SSMLINT_TODAY": "2026-11-30"]

    @Test("a resource's Metadata suppression with a reason accepts its finding and nothing else")
    func resourceLevel() throws {
        let text = Self.template(Self.group("Bastion", metadata: """
                Metadata:
                  ssmlint:
                    ignore:
                      - {rule: SSM006, reason: "approved bastion, ticket SEC-42", expires: 2027-03-31}
            """) + Self.group("Other"))
        let directory = try Workspace.make(["stack.yaml": text])
        let result = try CLI.run(["scan", "stack.yaml"], environment: Self.today, directory: directory)
        #expect(result.status == 1)
        #expect(!result.stdout.contains("security group Bastion"))
        #expect(result.stdout.contains("security group Other"))
        #expect(result.stdout.contains("1 suppressed"))
        let shown = try CLI.run(["scan", "stack.yaml", "--show-suppressed"], environment: Self.today, directory: directory)
        #expect(shown.stdout.contains("suppressed error: [SSM006 ssh-open-to-world] security group Bastion"))
        #expect(shown.stdout.contains("suppressed at stack.yaml:"))
        #expect(shown.stdout.contains("approved bastion, ticket SEC-42 (until 2027-03-31)"))
        // The JSON summary counts the suppressed finding apart, and both by level.
        let json = try CLI.run(["scan", "stack.yaml", "--format", "json"], environment: Self.today, directory: directory)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["suppressed"] as? Int == 1)
        #expect(summary["errors"] as? Int == 2)
        #expect(summary["warnings"] as? Int == 0)
        #expect(summary["notes"] as? Int == 0)
    }

    @Test("a suppression without a reason does not suppress and is reported")
    func reasonRequired() throws {
        let text = Self.template(Self.group("Bastion", metadata: """
                Metadata:
                  ssmlint:
                    ignore: [{rule: SSM006}, SSM006]
            """))
        let directory = try Workspace.make(["stack.yaml": text])
        let result = try CLI.run(["scan", "stack.yaml"], environment: Self.today, directory: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("error: [SSM006 ssh-open-to-world] security group Bastion"))
        #expect(result.stdout.contains("warning: the suppression of SSM006 on Bastion has no reason, so it does not suppress"))
        let sarif = try CLI.run(["scan", "stack.yaml", "--format", "sarif"], environment: Self.today, directory: directory)
        #expect(sarif.stdout.contains("has no reason, so it does not suppress"))
        try ReportValidation.sarif(text: sarif.stdout)
    }

    @Test("after its expiry day the finding comes back, with a note that the suppression expired")
    func expiry() throws {
        let text = Self.template(Self.group("Bastion", metadata: """
                Metadata:
                  ssmlint:
                    ignore: [{rule: ssh-open-to-world, reason: temporary, expires: 2026-11-30}]
            """))
        let directory = try Workspace.make(["stack.yaml": text])
        let lastDay = try CLI.run(["scan", "stack.yaml"], environment: ["SSMLINT_TODAY": "2026-11-30"], directory: directory)
        #expect(lastDay.status == 0, "a suppression holds during its expiry day")
        let after = try CLI.run(["scan", "stack.yaml"], environment: ["SSMLINT_TODAY": "2026-12-01"], directory: directory)
        #expect(after.status == 1)
        #expect(after.stdout.contains("the suppression at stack.yaml:"))
        #expect(after.stdout.contains("expired on 2026-11-30: temporary"))
        #expect(after.stdout.contains("1 suppression expired"))
    }

    @Test("a template-level suppression covers the whole file")
    func templateLevel() throws {
        let text = Self.template(Self.group("A") + Self.group("B"), top: """
            Metadata:
              ssmlint:
                ignore: [{rule: SSM006, reason: lab account}]

            """)
        let directory = try Workspace.make(["stack.yaml": text, "other.yaml": Self.template(Self.group("C"))])
        let result = try CLI.run(["scan", "stack.yaml", "other.yaml"], environment: Self.today, directory: directory)
        #expect(result.stdout.contains("2 suppressed"))
        #expect(result.stdout.contains("security group C"), "the suppression stays within its file")
    }

    @Test("config suppressions by resource and path glob; unknown rules in the config stop the scan")
    func configLevel() throws {
        let config = """
            suppressions:
              - rule: SSM006
                resource: "module.bastion.*"
                path: "plans/*.json"
                reason: bastion module, reviewed
              - rule: ssh-open-to-world
                resource: "Leg*"
                reason: legacy stack
                expires: 2027-01-31
            """
        let directory = try Workspace.make([
            ".ssmlint.yaml": config,
            "infra/stack.yaml": Self.template(Self.group("Legacy") + Self.group("Fresh")),
        ])
        let result = try CLI.run(["scan", "infra"], environment: Self.today, directory: directory)
        #expect(result.stdout.contains("security group Fresh"))
        #expect(!result.stdout.contains("security group Legacy"))
        #expect(result.stdout.contains("1 suppressed"))
        let sarif = try CLI.run(["scan", "infra", "--format", "sarif", "--sarif-include-suppressed"], environment: Self.today, directory: directory)
        #expect(sarif.stdout.contains("\"kind\": \"external\""))
        #expect(sarif.stdout.contains("\"justification\": \"legacy stack (until 2027-01-31)\""))
        try ReportValidation.sarif(text: sarif.stdout)
        try FileManager.default.removeItem(at: directory.appendingPathComponent(".ssmlint.yaml"))
        try "suppressions:\n  - {rule: SSM999, reason: typo}\n".write(to: directory.appendingPathComponent(".ssmlint.yaml"), atomically: true, encoding: .utf8)
        let typo = try CLI.run(["scan", "infra"], environment: Self.today, directory: directory)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains(".ssmlint.yaml:2:5: the suppression names no known rule: 'SSM999'"))
    }

    @Test("default SARIF leaves suppressed findings out; the option keeps them with suppressions[]; both validate")
    func sarif() throws {
        let text = Self.template(Self.group("Bastion", metadata: """
                Metadata:
                  ssmlint:
                    ignore: [{rule: SSM006, reason: approved}]
            """) + Self.group("Other"))
        let directory = try Workspace.make(["stack.yaml": text])
        _ = try CLI.run(["scan", "stack.yaml", "--format", "sarif=default.sarif", "--format", "junit=report.xml"], environment: Self.today, directory: directory)
        _ = try CLI.run(["scan", "stack.yaml", "--format", "sarif=all.sarif", "--sarif-include-suppressed"], environment: Self.today, directory: directory)
        let plain = try String(contentsOf: directory.appendingPathComponent("default.sarif"), encoding: .utf8)
        let all = try String(contentsOf: directory.appendingPathComponent("all.sarif"), encoding: .utf8)
        #expect(!plain.contains("security group Bastion") && !plain.contains("\"suppressions\""))
        #expect(plain.components(separatedBy: "\"ruleId\": \"SSM006\"").count == 2, "one SSM006 result: Other")
        #expect(all.components(separatedBy: "\"ruleId\": \"SSM006\"").count == 3)
        #expect(all.contains("\"kind\": \"inSource\"") && all.contains("\"status\": \"accepted\"") && all.contains("\"justification\": \"approved\""))
        try ReportValidation.sarif([directory.appendingPathComponent("default.sarif"), directory.appendingPathComponent("all.sarif")])
        let junit = try String(contentsOf: directory.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(junit.contains("<skipped message=\"suppressed at stack.yaml:"))
        try ReportValidation.junit([directory.appendingPathComponent("report.xml")])
    }
}
