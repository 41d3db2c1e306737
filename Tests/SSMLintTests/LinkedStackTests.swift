import Foundation
import SSMLintModel
import Testing

/// One small design (a private subnet with ssm and ec2messages endpoints but
/// no ssmmessages endpoint, and an instance whose group opens SSH to the
/// world) written four ways: one template, a network stack exporting to an
/// application stack, a parent with two nested stacks, and a CDK assembly.
@Suite("Stacks linked within one scan")
struct LinkedStackTests {
    static let fixtures = Paths.fixtures.appendingPathComponent("linked-stacks")

    struct Found: Hashable, CustomStringConvertible {
        var rule: String
        var level: String
        var resource: String
        var description: String { "\(rule) \(level) \(resource)" }
    }

    /// Findings of a scan (rule, level, resource) and the files they were reported in.
    static func findings(_ arguments: [String], directory: URL = fixtures) throws -> (found: [Found], files: [String: String], status: Int32) {
        let result = try CLI.run(["scan", "--no-config", "--format", "json", "--root", directory.path] + arguments, directory: directory)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        var found: [Found] = []
        var files: [String: String] = [:]
        for finding in report["findings"] as? [[String: Any]] ?? [] {
            let item = Found(rule: finding["ruleId"] as? String ?? "", level: finding["level"] as? String ?? "",
                             resource: finding["resource"] as? String ?? "")
            found.append(item)
            files[item.description] = finding["file"] as? String
        }
        return (found.sorted { $0.description < $1.description }, files, result.status)
    }

    @Test("two stacks linked by exports and a nested-stack parent give the findings of the single template")
    func sameFindings() throws {
        let single = try Self.findings(["single"])
        #expect(single.found.contains(Found(rule: "SSM002", level: "error", resource: "VPC")))
        #expect(single.found.contains(Found(rule: "SSM006", level: "error", resource: "AppSG")))
        let twoStacks = try Self.findings(["two-stacks", "--stack-name", "two-stacks/network.yaml=network"])
        #expect(twoStacks.found == single.found)
        #expect(twoStacks.files["SSM002 error VPC"] == "two-stacks/network.yaml", "reported where the VPC is declared")
        #expect(twoStacks.files["SSM006 error AppSG"] == "two-stacks/app.yaml")
        let nested = try Self.findings(["nested"])
        #expect(nested.found == single.found)
        #expect(nested.files["SSM002 error VPC"] == "nested/network.yaml")
        // A CDK assembly: cross-stack references are exports with literal names (Network:ExportsOutputRef…).
        let cdk = try Self.findings(["cdk"])
        #expect(cdk.found == single.found)
        #expect(cdk.files["SSM002 error VPC"] == "cdk/cdk.out/Network.template.json")
        // Named one by one, as a pull-request check passes changed files.
        let named = try Self.findings(["nested/parent.yaml", "nested/app.yaml", "nested/network.yaml"])
        #expect(named.found == single.found)
    }

    @Test("the exporting stack's name can come from .ssmlint.yaml")
    func stackNameFromConfiguration() throws {
        let directory = try Workspace.make([
            ".ssmlint.yaml": "templates:\n  - path: \"net/*.yaml\"\n    stackName: network\n",
            "net/network.yaml": try String(contentsOf: Self.fixtures.appendingPathComponent("two-stacks/network.yaml"), encoding: .utf8),
            "app/app.yaml": try String(contentsOf: Self.fixtures.appendingPathComponent("two-stacks/app.yaml"), encoding: .utf8),
        ])
        let result = try CLI.run(["scan", ".", "--format", "json"], directory: directory)
        #expect(result.stdout.contains("\"ruleId\": \"SSM002\""), "\(result.stdout)")
    }

    @Test("an import that matches no export, or an export two templates declare, stays unknown and silent")
    func unmatchedImports() throws {
        // Without the network stack's name, ${AWS::StackName}-SubnetA names no known export.
        let unnamed = try Self.findings(["two-stacks"])
        #expect(unnamed.found.map(\.rule) == ["SSM006"], "\(unnamed.found)")
        let network = try String(contentsOf: Self.fixtures.appendingPathComponent("two-stacks/network.yaml"), encoding: .utf8)
        let app = try String(contentsOf: Self.fixtures.appendingPathComponent("two-stacks/app.yaml"), encoding: .utf8)
        let literal = network.replacingOccurrences(of: "!Sub \"${AWS::StackName}-", with: "\"network-")
        let twice = try Workspace.make(["a/network.yaml": literal, "b/network.yaml": literal, "app.yaml": app])
        let ambiguous = try Self.findings(["."], directory: twice)
        #expect(!ambiguous.found.contains { $0.rule == "SSM002" }, "which of two exporters is deployed is not known")
        let once = try Workspace.make(["a/network.yaml": literal, "app.yaml": app])
        #expect(try Self.findings(["."], directory: once).found.contains { $0.rule == "SSM002" }, "a literal export name links")
    }

    @Test("stacks that declare the same logical IDs are analysed alone, with a remark")
    func clashingIdentities() throws {
        let network = try String(contentsOf: Self.fixtures.appendingPathComponent("two-stacks/network.yaml"), encoding: .utf8)
        let app = try String(contentsOf: Self.fixtures.appendingPathComponent("two-stacks/app.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  AppSG:", with: "  EndpointSG:").replacingOccurrences(of: "!Ref AppSG", with: "!Ref EndpointSG")
        let directory = try Workspace.make(["network.yaml": network, "app.yaml": app])
        let result = try CLI.run(["scan", ".", "--no-config", "--stack-name", "network.yaml=network", "--format", "json"], directory: directory)
        #expect(result.stdout.contains("they declare the same logical IDs (EndpointSG)"), "\(result.stdout)")
        let found = try Self.findings([".", "--stack-name", "network.yaml=network"], directory: directory).found
        #expect(found.map(\.rule) == ["SSM006"], "\(found)")
    }

    @Test("a nested stack's TemplateURL never leads outside the report root, through .. or a link")
    func hostileTemplateURLs() throws {
        let app = try String(contentsOf: Self.fixtures.appendingPathComponent("nested/app.yaml"), encoding: .utf8)
        let network = try String(contentsOf: Self.fixtures.appendingPathComponent("nested/network.yaml"), encoding: .utf8)
        let parent = try String(contentsOf: Self.fixtures.appendingPathComponent("nested/parent.yaml"), encoding: .utf8)
        let outside = try Workspace.make(["network.yaml": network])
        let directory = try Workspace.make([
            "repo/parent.yaml": parent.replacingOccurrences(of: "./network.yaml", with: "../\(outside.lastPathComponent)/network.yaml"),
            "repo/app.yaml": app,
        ])
        // The escaping path resolves to a real template, which is still not read.
        let repository = directory.appendingPathComponent("repo")
        let escaped = try Self.findings([repository.path, "\(outside.path)/network.yaml"], directory: repository)
        #expect(escaped.found.map(\.rule) == ["SSM006"], "\(escaped.found)")
        // A link inside the checkout to a template outside it is not followed either.
        try FileManager.default.createSymbolicLink(at: repository.appendingPathComponent("network.yaml"),
                                                   withDestinationURL: outside.appendingPathComponent("network.yaml"))
        try parent.write(to: repository.appendingPathComponent("parent.yaml"), atomically: true, encoding: .utf8)
        let linked = try Self.findings(["."], directory: repository)
        #expect(linked.found.map(\.rule) == ["SSM006"], "the other templates are still scanned: \(linked.found)")
    }

    @Test("a template nested in itself or used twice is scanned, not linked")
    func nestingCycles() throws {
        let directory = try Workspace.make([
            "loop.yaml": """
                Resources:
                  Self:
                    Type: AWS::CloudFormation::Stack
                    Properties: {TemplateURL: ./loop.yaml}
                """,
            "a.yaml": "Resources:\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./b.yaml}\n",
            "b.yaml": "Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./a.yaml}\n",
            "twice.yaml": """
                Resources:
                  One: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: ./group.yaml}}
                  Two: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: ./group.yaml}}
                """,
            "group.yaml": SuppressionTests.template(SuppressionTests.group("Open")),
        ])
        let result = try CLI.run(["scan", ".", "--no-config", "--format", "json"], directory: directory)
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((report["inputs"] as? [Any])?.count == 5)
        #expect(result.stdout.contains("\"ruleId\": \"SSM006\""))
    }

    @Test("linking and trimming visit every resource table of the model")
    func everyTableLinked() {
        let tables = Mirror(reflecting: InfrastructureModel(file: "t.yaml", format: .cloudFormation)).children
            .filter { String(describing: type(of: $0.value)).hasPrefix("ResourceTable<") }
        #expect(tables.count == InfrastructureModel.tableCount)
    }
}
