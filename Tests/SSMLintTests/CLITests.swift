import Foundation
import Testing

@Suite("Command line")
struct CLITests {
    static let openSSH = """
        Resources:
          SshGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress:
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
        """
    static let clean = "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n"

    func write(_ files: [String: String]) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test("exit 0 when clean, 1 on findings, and the clang-style console line")
    func exitStatus() throws {
        let directory = try write(["clean.yaml": Self.clean, "open.yaml": Self.openSSH])
        let clean = try CLI.run(["scan", "clean.yaml"], directory: directory)
        #expect(clean.status == 0)
        let open = try CLI.run(["scan", "open.yaml"], directory: directory)
        #expect(open.status == 1)
        #expect(open.stdout.contains("open.yaml:7:11: error: [SSM006 ssh-open-to-world] security group SshGroup"))
        #expect(open.stdout.contains("1 error"))
        #expect(try CLI.run(["scan", "open.yaml", "--fail-on", "never"], directory: directory).status == 0)
        #expect(try CLI.run(["scan", "open.yaml", "--disable", "ssh-open-to-world"], directory: directory).status == 0)
        #expect(try CLI.run(["scan", "open.yaml", "--only", "SSM001"], directory: directory).status == 0)
    }

    @Test("a bad input gives exit 2 with file:line:col, and the other inputs are still scanned")
    func badInput() throws {
        let directory = try write(["a-broken.yaml": "Resources:\n  A: [1, 2\n", "b-open.yaml": Self.openSSH])
        let result = try CLI.run(["scan", ".", "--format", "json"], directory: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("a-broken.yaml:3:1: error:"))
        #expect(result.stdout.contains("\"ruleId\": \"SSM006\""))
        let console = try CLI.run(["scan", "a-broken.yaml", "b-open.yaml"], directory: directory)
        #expect(console.status == 2)
        #expect(console.stdout.contains("a-broken.yaml:3:1: error:"))
        #expect(console.stdout.contains("b-open.yaml:7:11: error: [SSM006"))
    }

    @Test("usage errors exit 64")
    func usage() throws {
        let directory = try write(["open.yaml": Self.openSSH])
        #expect(try CLI.run(["scan", "open.yaml", "--only", "SSM999"], directory: directory).status == 64)
        #expect(try CLI.run(["scan", "open.yaml", "--fail-on", "sometimes"], directory: directory).status == 64)
        #expect(try CLI.run(["scan", "open.yaml", "--format", "xml"], directory: directory).status == 64)
        #expect(try CLI.run(["scan", "open.yaml", "--format", "sarif", "--format", "json"], directory: directory).status == 64)
        #expect(try CLI.run(["scan"], directory: directory).status == 64)
        // --output belongs to one --format; with several, each names its own file.
        #expect(try CLI.run(["scan", "open.yaml", "--format", "sarif", "--format", "json", "--output", "x"], directory: directory).status == 64)
        #expect(try CLI.run(["scan", "open.yaml", "--output", "a.json", "--output", "b.json"], directory: directory).status == 64)
        #expect(try CLI.run(["scan", "open.yaml", "--format", "sarif="], directory: directory).status == 64)
        #expect(try CLI.run(["scan", "open.yaml", "--parameter", "NoEquals"], directory: directory).status == 64)
    }

    @Test("short and = forms go through the same parser: -f=sarif and -o=FILE are honoured, not ignored")
    func shortForms() throws {
        let directory = try write(["open.yaml": Self.openSSH])
        let result = try CLI.run(["scan", "open.yaml", "-f", "sarif", "-o=out.sarif"], directory: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        try ReportValidation.sarif([directory.appendingPathComponent("out.sarif")])
        let equals = try CLI.run(["scan", "open.yaml", "--format=json"], directory: directory)
        #expect(equals.stdout.contains("\"findings\""))
    }

    @Test("paths takes the same model options as scan")
    func pathsOptions() throws {
        let directory = try write(["open.yaml": Self.openSSH])
        let result = try CLI.run(["paths", "open.yaml", "--no-color", "--region", "eu-west-1", "--parameter", "X=1", "--all-instances"], directory: directory)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("each --format names its own file, written atomically")
    func multipleOutputs() throws {
        let directory = try write(["open.yaml": Self.openSSH])
        let result = try CLI.run(["scan", "open.yaml", "--format", "sarif=out.sarif",
                                  "--format", "junit=out.xml", "--format", "console"], directory: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("[SSM006 ssh-open-to-world]"))
        let sarif = try String(contentsOf: directory.appendingPathComponent("out.sarif"), encoding: .utf8)
        let junit = try String(contentsOf: directory.appendingPathComponent("out.xml"), encoding: .utf8)
        #expect(sarif.contains("\"version\": \"2.1.0\""))
        #expect(junit.contains("<testsuites"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        try ReportValidation.sarif([directory.appendingPathComponent("out.sarif")])
        try ReportValidation.junit([directory.appendingPathComponent("out.xml")])
    }

    @Test("an --output that is not a regular file (a pipe, /dev/null) is written in place, not replaced")
    func specialFiles() throws {
        let directory = try write(["open.yaml": Self.openSSH])
        let fifo = directory.appendingPathComponent("report.pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Thread { _ = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() }
        reader.start()
        let result = try CLI.run(["scan", "open.yaml", "--format", "json", "--output", fifo], directory: directory)
        #expect(result.status == 1)
        var status = stat()
        #expect(stat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test("an --output without --format is inferred from its extension")
    func inferredFormat() throws {
        let directory = try write(["open.yaml": Self.openSSH])
        _ = try CLI.run(["scan", "open.yaml", "--output", "report.json"], directory: directory)
        let json = try String(contentsOf: directory.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(json.contains("\"findings\""))
    }

    @Test("standard input is scanned with -")
    func stdin() throws {
        let result = try CLI.run(["scan", "-"], stdin: Self.openSSH)
        #expect(result.status == 1)
        #expect(result.stdout.contains("stdin:7:11: error: [SSM006"))
    }

    @Test("colour only on a terminal, never with NO_COLOR")
    func color() throws {
        let result = try CLI.run(["scan", "-"], stdin: Self.openSSH, environment: ["NO_COLOR": "1"])
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test("rules, explain and --version")
    func catalogue() throws {
        let rules = try CLI.run(["rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("SSM006  ssh-open-to-world"))
        let explain = try CLI.run(["explain", "ssh-open-to-world"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("Remediation:"))
        #expect(explain.stdout.contains("Example inline-ipv4-world (triggers: error on SshGroup)"))
        #expect(try CLI.run(["explain", "SSM999"]).status == 64)
        #expect(try CLI.run(["--version"]).stdout.hasPrefix("0."))
    }

    @Test("paths explains each target's way to every service; --all-instances widens the connectivity rules")
    func paths() throws {
        let template = try String(contentsOf: Paths.fixtures.appendingPathComponent("seeds/seed002-public-ssh-private-ssm.yaml"), encoding: .utf8)
        let result = try CLI.run(["paths", "-"], stdin: template)
        #expect(result.status == 0)
        #expect(result.stdout.contains("instance Instance2"))
        #expect(result.stdout.contains("ssmmessages: endpoint SSMMessagesEndpoint (via private DNS)"))
        #expect(result.stdout.contains("permissions: none: it has no instance profile"))
        let noProfile = template.replacingOccurrences(of: "      IamInstanceProfile: !Ref InstanceProfile\n", with: "")
        #expect(try CLI.run(["scan", "-", "--only", "SSM003"], stdin: noProfile).status == 0)
        let wide = try CLI.run(["scan", "-", "--only", "SSM003", "--all-instances"], stdin: noProfile)
        #expect(wide.status == 1, "Instance1's public subnet is captured by the endpoints' private DNS")
    }

    @Test("--parameter and --region reach the loader")
    func parameters() throws {
        let template = """
            Parameters:
              Port: {Type: Number, Default: 2222}
            Resources:
              G:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: x
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: 0.0.0.0/0}]
            """
        #expect(try CLI.run(["scan", "-"], stdin: template).status == 0)
        #expect(try CLI.run(["scan", "-", "--parameter", "Port=22"], stdin: template).status == 1)
        #expect(try CLI.run(["scan", "-", "--parameter", "Port"], stdin: template).status == 64)
    }
}
