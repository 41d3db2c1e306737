import Foundation
import SSMLintLoaders
import Testing

@Suite("Parameter files")
struct ParameterFileTests {
    /// SSH is open to the world only when Source is 0.0.0.0/0 (the Default is private).
    static let template = """
        Parameters:
          Source: {Type: String, Default: 10.0.0.0/8}
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Source}]
        """

    @Test("the CLI list, the deploy list and the CodePipeline configuration all give values")
    func formats() throws {
        let cli = #"[{"ParameterKey": "Source", "ParameterValue": "0.0.0.0/0"}, {"ParameterKey": "Old", "UsePreviousValue": true}]"#
        #expect(try ParameterFile.parse(Array(cli.utf8), file: "p.json") == ["Source": "0.0.0.0/0"])
        let deploy = #"["Source=0.0.0.0/0", "List=a,b"]"#
        #expect(try ParameterFile.parse(Array(deploy.utf8), file: "p.json") == ["Source": "0.0.0.0/0", "List": "a,b"])
        let pipeline = #"{"Parameters": {"Source": "0.0.0.0/0", "Port": 22}, "Tags": {"team": "x"}}"#
        #expect(try ParameterFile.parse(Array(pipeline.utf8), file: "p.json") == ["Source": "0.0.0.0/0", "Port": "22"])
    }

    @Test("a malformed parameter file is located by file, line and column")
    func malformed() throws {
        let cases: [(String, String)] = [
            ("", "p.json:1:1: the parameter file is empty"),
            ("[{\"ParameterKey\": \"A\"}]", "p.json:1:2: parameter A has no ParameterValue"),
            ("[\n  {\"ParameterValue\": \"x\"}]", "p.json:2:3: a parameter entry needs a ParameterKey"),
            ("{\"Parameters\": {\"A\": [1, 2]}}", "p.json:1:22: the value of parameter A must be text"),
            ("{\"Tags\": {}}", "p.json:1:1: the parameter file has no Parameters"),
            ("\"text\"", "p.json:1:1: the parameter file is a scalar"),
            ("[\"novalue\"]", "p.json:1:2: 'novalue' is not Key=Value"),
            ("[{\"ParameterKey\": \"A\", ", "p.json:2:1: did not find expected node content"),
        ]
        for (text, message) in cases {
            #expect {
                try ParameterFile.parse(Array(text.utf8), file: "p.json")
            } throws: { error in
                String(describing: error).hasPrefix(message)
            }
        }
    }

    @Test("--parameter-file sets values, --parameter wins, a bad file is a usage error")
    func commandLine() throws {
        let directory = try Workspace.make([
            "stack.yaml": Self.template,
            "open.json": #"[{"ParameterKey": "Source", "ParameterValue": "0.0.0.0/0"}]"#,
            "pipeline.json": #"{"Parameters": {"Source": "0.0.0.0/0"}}"#,
            "broken.json": "[{\"ParameterKey\": \"Source\",\n  \"ParameterValue\": [1]}]",
        ])
        #expect(try CLI.run(["scan", "stack.yaml"], directory: directory).status == 0)
        for file in ["open.json", "pipeline.json"] {
            let result = try CLI.run(["scan", "stack.yaml", "--parameter-file", file], directory: directory)
            #expect(result.status == 1 && result.stdout.contains("[SSM006"), "\(file): \(result.stdout)")
        }
        let overridden = try CLI.run(["scan", "stack.yaml", "--parameter-file", "open.json", "--parameter", "Source=10.1.0.0/16"],
                                     directory: directory)
        #expect(overridden.status == 0, "--parameter wins over the file")
        let broken = try CLI.run(["scan", "stack.yaml", "--parameter-file", "broken.json"], directory: directory)
        #expect(broken.status == 64)
        #expect(broken.stderr.contains("broken.json:2:21: the value of parameter Source must be text"), "\(broken.stderr)")
        let missing = try CLI.run(["scan", "stack.yaml", "--parameter-file", "none.json"], directory: directory)
        #expect(missing.status == 64 && missing.stderr.contains("cannot read the parameter file none.json"), "\(missing.stderr)")
        let paths = try CLI.run(["paths", "stack.yaml", "--parameter-file", "broken.json"], directory: directory)
        #expect(paths.status == 64)
    }

    @Test("parameterFiles per template in .ssmlint.yaml; inline parameters win; links out of the repository are refused")
    func configuration() throws {
        let directory = try Workspace.make([
            ".git/HEAD": "ref: refs/heads/main\n",
            ".ssmlint.yaml": """
                templates:
                  - path: "prod/*.yaml"
                    parameterFiles: [params/prod.json]
                  - path: "staging/*.yaml"
                    parameterFiles: [params/prod.json]
                    parameters: {Source: 10.2.0.0/16}
                """,
            "params/prod.json": #"{"Parameters": {"Source": "0.0.0.0/0"}}"#,
            "prod/a.yaml": Self.template, "dev/a.yaml": Self.template, "staging/a.yaml": Self.template,
        ])
        let result = try CLI.run(["scan", "."], directory: directory)
        #expect(result.stdout.contains("prod/a.yaml:8:") && result.stdout.contains("[SSM006"), "\(result.stdout)")
        #expect(!result.stdout.contains("dev/a.yaml:"), "dev keeps its Default")
        #expect(!result.stdout.contains("staging/a.yaml:"), "the entry's own parameters win over its files")

        // A planted link to a file outside the repository is refused without being read.
        let outside = try Workspace.make(["secret.json": #"{"Parameters": {"Source": "0.0.0.0/0"}}"#])
        let params = directory.appendingPathComponent("params/prod.json")
        try FileManager.default.removeItem(at: params)
        try FileManager.default.createSymbolicLink(at: params, withDestinationURL: outside.appendingPathComponent("secret.json"))
        let refused = try CLI.run(["scan", "."], directory: directory)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains(".ssmlint.yaml:3:22: cannot read the parameter file params/prod.json: not read: it leads outside the repository"),
                "\(refused.stderr)")
        // `..` out of the repository is refused the same way.
        let name = "params-\(UUID().uuidString).json"
        let escaped = directory.deletingLastPathComponent().appendingPathComponent(name)
        try Data(#"[]"#.utf8).write(to: escaped)
        defer { try? FileManager.default.removeItem(at: escaped) }
        try Data("parameterFiles: [../\(name)]\n".utf8).write(to: directory.appendingPathComponent(".ssmlint.yaml"))
        let dotdot = try CLI.run(["scan", "."], directory: directory)
        #expect(dotdot.status == 64 && dotdot.stderr.contains("leads outside the repository"), "\(dotdot.stderr)")
        // A bad value is located in the parameter file.
        try Data("parameterFiles: [p.json]\n".utf8).write(to: directory.appendingPathComponent(".ssmlint.yaml"))
        try Data("{\"Parameters\": [1]}".utf8).write(to: directory.appendingPathComponent("p.json"))
        let bad = try CLI.run(["scan", "."], directory: directory)
        #expect(bad.status == 64 && bad.stderr.contains("p.json:1:16: Parameters must be a mapping"), "\(bad.stderr)")
    }
}
