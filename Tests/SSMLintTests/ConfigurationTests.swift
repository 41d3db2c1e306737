import Foundation
@testable import ssmlint
import SSMLintEngine
import Testing

@Suite("Configuration file")
struct ConfigurationTests {
    static let open = SuppressionTests.template(SuppressionTests.group("Open"))

    @Test("settings come from .ssmlint.yaml found upward to the repository root; the command line wins")
    func discoveryAndPrecedence() throws {
        let directory = try Workspace.make([
            ".git/HEAD": "ref: refs/heads/main\n",
            ".ssmlint.yaml": "failOn: never\nrules:\n  severity:\n    SSM006: warning\n",
            "infra/stack.yaml": Self.open,
        ])
        let infra = directory.appendingPathComponent("infra")
        let fromSubdirectory = try CLI.run(["scan", "stack.yaml"], directory: infra)
        #expect(fromSubdirectory.status == 0, "failOn: never from the file found two levels up")
        #expect(fromSubdirectory.stdout.contains("warning: [SSM006"), "severity override")
        #expect(fromSubdirectory.stdout.contains("infra/stack.yaml:"), "paths are relative to the repository root")
        #expect(try CLI.run(["scan", "stack.yaml", "--fail-on", "warning"], directory: infra).status == 1)
        #expect(try CLI.run(["scan", "stack.yaml", "--no-config"], directory: infra).status == 1)
        let sarif = try CLI.run(["scan", "stack.yaml", "--format", "sarif"], directory: infra)
        #expect(sarif.stdout.contains("\"level\": \"warning\""))
        // The overridden level caps the security severity GitHub shows (SSM006's 8.1 would be High).
        #expect(sarif.stdout.contains("\"security-severity\": \"6.9\""))
        try ReportValidation.sarif(text: sarif.stdout)
    }

    @Test("unknown keys and bad values stop with file:line:col and exit 64")
    func errors() throws {
        let cases: [(String, String)] = [
            ("failOn: sometimes\n", ".ssmlint.yaml:1:9: failOn must be error, warning, note or never"),
            ("rules:\n  disabel: [SSM004]\n", ".ssmlint.yaml:2:3: unknown key 'disabel' in rules"),
            ("plugins: [./x.so]\n", ".ssmlint.yaml:1:1: unknown key 'plugins' in the configuration"),
            ("suppressions:\n  - {rule: SSM006}\n", ".ssmlint.yaml:2:5: a suppression needs a reason"),
            ("suppressions:\n  - {rule: SSM006, reason: x, expires: 2027-02-30}\n", ".ssmlint.yaml:2:40: expires must be a date"),
            ("exclude: [\"[z-a]\"]\n", ".ssmlint.yaml:1:11: exclude: '[z-a]': the range z-a is reversed"),
            ("rules:\n  severity: {SSM999: error}\n", ".ssmlint.yaml:2:22: rules.severity names no known rule: 'SSM999'"),
            ("parameters: [a]\n", ".ssmlint.yaml:1:13: parameters must be a mapping"),
            ("failOn: [\n", ".ssmlint.yaml:2:1:"),
        ]
        for (text, message) in cases {
            let directory = try Workspace.make([".ssmlint.yaml": text, "stack.yaml": Self.open])
            let result = try CLI.run(["scan", "stack.yaml"], directory: directory)
            #expect(result.status == 64, "\(text)")
            #expect(result.stderr.contains(message), "\(text): \(result.stderr)")
            #expect(!result.stderr.contains("Usage:"), "a config error is one line, not the usage text")
        }
    }

    @Test("parameters and Region per template glob; excludes; declarative packs from the file")
    func perTemplate() throws {
        let template = """
            Parameters:
              Source: {Type: String, Default: 10.0.0.0/8}
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: ssh
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Source}]
            """
        let directory = try Workspace.make([
            ".ssmlint.yaml": """
                templates:
                  - path: "prod/*.yaml"
                    parameters: {Source: 0.0.0.0/0}
                exclude: ["vendor/**"]
                rulePacks: [packs]
                """,
            "prod/a.yaml": template, "dev/a.yaml": template, "vendor/x/b.yaml": Self.open,
            "packs/ACME001.yaml": """
                id: ACME001
                name: group descriptions
                severity: note
                resources: [AWS::EC2::SecurityGroup]
                check: {path: GroupDescription, notEquals: ssh}
                examples:
                  - {name: bad, template: "Resources: {G: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: ssh}}}", expect: [G]}
                  - {name: good, template: "Resources: {G: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: web}}}", expect: []}
                """,
        ])
        let result = try CLI.run(["scan", "."], directory: directory)
        #expect(result.stdout.contains("prod/a.yaml:8:") && result.stdout.contains("[SSM006"), "\(result.stdout)")
        #expect(!result.stdout.contains("dev/a.yaml:8:"), "the dev template keeps its 10.0.0.0/8 default")
        #expect(!result.stdout.contains("vendor/"))
        #expect(result.stdout.contains("[ACME001"))
        let cli = try CLI.run(["scan", ".", "--parameter", "Source=192.168.0.0/16"], directory: directory)
        #expect(!cli.stdout.contains("[SSM006"), "a --parameter wins over the file")
    }

    @Test("the JSON Schema in docs accepts the documented examples and rejects a typo")
    func jsonSchema() throws {
        let schema = Paths.repository.appendingPathComponent("docs/ssmlint-config.schema.json")
        let examples = Paths.repository.appendingPathComponent("docs/examples/ssmlint-config")
        let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 2)
        for file in files {
            let url = examples.appendingPathComponent(file)
            #expect(try SchemaCheck.problems(yaml: url, schema: schema).isEmpty, "\(file)")
            // What the schema accepts, ssmlint accepts.
            let bytes = [UInt8](try Data(contentsOf: url))
            #expect(throws: Never.self) { try Configuration(bytes: bytes, file: url.path, displayName: file) }
        }
        let typo = try ReportValidation.write("failOn: error\nrules:\n  disabel: [SSM004]\n", as: "typo.yaml")
        #expect(!(try SchemaCheck.problems(yaml: typo, schema: schema)).isEmpty)
    }
}

/// Validates a YAML file against a JSON Schema with Python's jsonschema and PyYAML.
enum SchemaCheck {
    static func problems(yaml: URL, schema: URL) throws -> String {
        let script = """
            import json, sys, yaml, jsonschema
            # Dates stay text, as ssmlint reads them (PyYAML would make them datetime.date).
            class Loader(yaml.SafeLoader): pass
            Loader.yaml_implicit_resolvers = {key: [r for r in value if r[0] != 'tag:yaml.org,2002:timestamp']
                                              for key, value in yaml.SafeLoader.yaml_implicit_resolvers.items()}
            schema = json.load(open(sys.argv[1]))
            document = yaml.load(open(sys.argv[2]), Loader=Loader)
            for error in jsonschema.Draft7Validator(schema).iter_errors(document):
                print('/'.join(map(str, error.absolute_path)), error.message)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, yaml.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        return process.terminationStatus == 0 ? output : "validator failed: \(output)"
    }
}
