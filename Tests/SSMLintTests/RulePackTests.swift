import Foundation
import SSMLintRuleSchema
import SSMLintRules
import Testing

/// Declarative packs (--rules-dir), `rules --verify`, collisions and the
/// generated rule reference.
@Suite("Declarative rule packs")
struct RulePackTests {
    static let pack = Paths.examples.appendingPathComponent("rule-pack").path
    static let template = """
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              KeyName: ops
          Open:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: open
              SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]
        """

    func write(_ files: [String: String]) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return directory
    }

    @Test("a pack's rules produce findings in every format, listed like built-in rules")
    func formats() throws {
        let directory = try write(["stack.yaml": Self.template])
        let result = try CLI.run(["scan", "stack.yaml", "--rules-dir", Self.pack,
                                  "--format", "console", "--format", "sarif=out.sarif",
                                  "--format", "junit=out.xml", "--format", "json=out.json"],
                                 directory: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("warning: [ACME001 detailed-monitoring] instance Web does not enable detailed monitoring"))
        #expect(result.stdout.contains("warning: [ACME002 no-ssh-key-pair] Web sets a key pair"))
        #expect(result.stdout.contains("error: [ACME003 no-world-open-ingress] security group Open"))
        let sarif = try String(contentsOf: directory.appendingPathComponent("out.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"id\": \"ACME001\"") && sarif.contains("\"ruleId\": \"ACME003\""))
        let junit = try String(contentsOf: directory.appendingPathComponent("out.xml"), encoding: .utf8)
        #expect(junit.contains("classname=\"stack.yaml.ACME001\" name=\"Web\"") && junit.contains("classname=\"stack.yaml.ACME003\" name=\"Open\""))
        let json = try String(contentsOf: directory.appendingPathComponent("out.json"), encoding: .utf8)
        #expect(json.contains("\"ruleId\": \"ACME002\""))
        try ReportValidation.sarif([directory.appendingPathComponent("out.sarif")])
        try ReportValidation.junit([directory.appendingPathComponent("out.xml")])
    }

    @Test("rules lists pack rules with their source; explain works for them")
    func listing() throws {
        let rules = try CLI.run(["rules", "--rules-dir", Self.pack])
        #expect(rules.stdout.contains("ACME001  detailed-monitoring"))
        #expect(rules.stdout.contains("pack \(Self.pack)/ACME001.yaml"))
        let explain = try CLI.run(["explain", "ACME002", "--rules-dir", Self.pack])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("Source: pack"))
        #expect(explain.stdout.contains("Example instance-with-key (triggers: warning on Bastion)"))
    }

    @Test("rules --verify passes for a correct pack and names the failing example of a wrong one")
    func verify() throws {
        let good = try CLI.run(["rules", "--verify", Self.pack])
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.contains("0 failed"))
        let rule = try String(contentsOfFile: Self.pack + "/ACME001.yaml", encoding: .utf8)
            .replacingOccurrences(of: "    expect: [Web]", with: "    expect: []")
        let directory = try write(["ACME001.yaml": rule])
        let bad = try CLI.run(["rules", "--verify", directory.path])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("ACME001 example 'monitoring-off': unexpected warning on Web"))
    }

    @Test("malformed packs and ID collisions stop the scan with file:line:col and exit 64")
    func malformed() throws {
        let typo = try write(["ACME009.yaml": """
            id: ACME009
            name: typo
            severity: warning
            resources: [AWS::EC2::Instance]
            check:
              path: Monitoring
              equal: true
            """, "stack.yaml": Self.template])
        let result = try CLI.run(["scan", "stack.yaml", "--rules-dir", typo.path], directory: typo)
        #expect(result.status == 64)
        #expect(result.stderr.contains("ACME009.yaml:7:3: unknown key 'equal'"))
        #expect(result.stdout.isEmpty, "the scan does not start")

        let misspelt = try write(["ACME010.yaml": """
            id: ACME010
            name: misspelt type
            severity: warning
            resources: [AWS::EC2::Volume]
            check:
              path: {AWS::EC2::Volumes: Encrypted}
              equals: true
            """])
        let typeError = try CLI.run(["rules", "--verify", misspelt.path])
        #expect(typeError.status == 64)
        #expect(typeError.stderr.contains("the check has a path for AWS::EC2::Volumes, which is not in 'resources'"))

        let clash = try write(["SSM006.yaml": """
            id: SSM006
            name: clash
            severity: warning
            resources: [AWS::EC2::Instance]
            check: {path: Monitoring, equals: true}
            """])
        let collision = try CLI.run(["rules", "--rules-dir", clash.path])
        #expect(collision.status == 64)
        #expect(try CLI.run(["rules", "--verify", clash.path]).status == 64, "verify checks collisions like a scan")
        #expect(collision.stderr.contains("SSM006.yaml:1:5: rule id SSM006 is already defined by built-in"))
        let twice = try CLI.run(["rules", "--rules-dir", Self.pack, "--rules-dir", Self.pack])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("rule id ACME001 is already defined by pack"))
    }

    @Test("docs/rules.md matches rules/*.yaml (run `swift package generate-rule-docs` after editing a rule)")
    func documentation() throws {
        let committed = try String(contentsOf: Paths.repository.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(committed == RuleDocumentation.markdown(BuiltInRules.definitions))
    }
}
