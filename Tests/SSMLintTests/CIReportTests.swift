import Foundation
import SSMLintEngine
import SSMLintPacks
import SSMLintReporters
import SSMLintRules
import Testing

/// The reports CI systems show natively: GitHub workflow-command annotations,
/// GitLab Code Quality, a Markdown summary, and SARIF whose descriptors never
/// let GitHub show a note as a serious security alert.
@Suite("CI reports")
struct CIReportTests {
    static let tool = ToolInfo(name: "ssmlint", version: "0.1.0", informationURI: ProjectLinks.repository)

    /// A template whose SSH rule cannot be decided (a parameter without a default).
    static let undecided = """
        Parameters:
          Cidr: {Type: String}
        Resources:
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: x
              SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr}]
        """

    /// A logical ID that tries to end the annotation and forge another, and to
    /// inject HTML, a table cell, a code span and a mention into Markdown.
    static let hostileID = "Evil\n::error file=forged.yaml,line=1::forged <script>alert(1)</script> | `x` @team"
    static let hostile = """
        Resources:
          "Evil\\n::error file=forged.yaml,line=1::forged <script>alert(1)</script> | `x` @team":
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
        """

    static func outcome(_ text: String, path: String, rules: [RegisteredRule] = BuiltInRules.all, showUnresolved: Bool = false) throws -> InputOutcome {
        let loaded = try Scan.load(text, file: path)
        let result = Engine(rules: rules, options: Engine.Options(showUnresolved: showUnresolved)).run(RuleContext(model: loaded.model))
        return InputOutcome(path: path, format: loaded.model.format, findings: result.findings, evaluations: result.evaluations)
    }

    static func run(_ inputs: [InputOutcome], rules: [RuleDefinition] = BuiltInRules.definitions) -> ScanRun {
        ScanRun(tool: tool, rules: rules, inputs: inputs, failOn: .error)
    }

    static func seed(_ name: String) throws -> String {
        try String(contentsOf: Paths.fixtures.appendingPathComponent("seeds/\(name)"), encoding: .utf8)
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    // MARK: GitHub

    @Test("github: one escaped annotation per finding with its fix, then the console report with commands stopped")
    func githubAnnotations() throws {
        let scan = Self.run([try Self.outcome(ReporterTests.template, path: "infra/stack.yaml")])
        let text = try GitHubReporter(settings: ReportSettings(root: "/work"), stopToken: "TOKEN").render(scan)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "::error file=infra/stack.yaml,line=3,endLine=5,title=SSM001 vpc-dns-attributes::"
                + "VPC VPC: EnableDnsHostnames is not set (default false), so the Systems Manager names do not resolve through "
                + "endpoint Endpoint (ssmmessages, private DNS on), which needs both DNS attributes"
                + "%0AFix: Set EnableDnsSupport: true and EnableDnsHostnames: true on VPC (Terraform: enable_dns_support = true, enable_dns_hostnames = true)."
                + "%0A- Endpoint (line 6): ssmmessages endpoint with private DNS enabled")
        // A one-line range carries columns; GitHub ignores them across lines.
        #expect(lines[1] == "::error file=infra/stack.yaml,line=18,endLine=18,col=30,endColumn=92,title=SSM006 ssh-open-to-world::"
                + "security group SshGroup allows TCP port 22 from 0.0.0.0/0, so SSH (TCP 22) is open to the whole internet"
                + "%0AFix: Remove the rule and reach the instances with Session Manager, or restrict the source to a known CIDR or security group.")
        #expect(lines[2] == "::stop-commands::TOKEN")
        let console = try ConsoleReporter(settings: ReportSettings(root: "/work")).render(scan)
        #expect(lines[3...].joined(separator: "\n") == console + "::TOKEN::\n")
    }

    @Test("github: a hostile logical ID cannot end an annotation or forge a command")
    func githubEscaping() throws {
        let scan = Self.run([try Self.outcome(Self.hostile, path: "odd:dir,x/stack%.yaml")])
        #expect(scan.findings.contains { $0.resource.rawValue == Self.hostileID }, "the loader keeps the logical ID as written")
        let text = try GitHubReporter(settings: ReportSettings(root: "/work"), stopToken: "TOKEN").render(scan)
        let lines = text.split(separator: "\n").map(String.init)
        let stop = try #require(lines.firstIndex(of: "::stop-commands::TOKEN"))
        let resume = try #require(lines.firstIndex(of: "::TOKEN::"))
        #expect(resume == lines.count - 1)
        // Before the pause: only ssmlint's own annotations, each on one line.
        #expect(stop == 1)
        #expect(lines[0] == "::error file=odd%3Adir%2Cx/stack%25.yaml,line=6,endLine=6,col=30,endColumn=92,title=SSM006 ssh-open-to-world::"
                + "security group Evil%0A::error file=forged.yaml,line=1::forged <script>alert(1)</script> | `x` @team allows TCP port 22 "
                + "from 0.0.0.0/0, so SSH (TCP 22) is open to the whole internet%0AFix: Remove the rule and reach the instances with "
                + "Session Manager, or restrict the source to a known CIDR or security group.")
        // Inside the pause, the console report keeps the line break visible as \n instead of starting a line with it.
        #expect(!lines[(stop + 1)..<resume].contains { $0.hasPrefix("::") })
        #expect(text.contains("security group Evil\\n::error file=forged.yaml"))
        // A fresh random token per run, so the report's text cannot resume commands.
        let first = try GitHubReporter(settings: ReportSettings(root: "/work")).render(scan)
        let second = try GitHubReporter(settings: ReportSettings(root: "/work")).render(scan)
        func token(_ text: String) -> Substring? {
            text.split(separator: "\n").first { $0.hasPrefix("::stop-commands::") }?.dropFirst("::stop-commands::".count)
        }
        #expect(token(first) != nil && token(first) != token(second))
        #expect(token(first).map { $0.count >= 32 } == true)
    }

    @Test("github: most severe first, at most 10 of each kind, and a notice saying how many were not annotated")
    func githubLimits() throws {
        let open = try Self.outcome(ReporterTests.template, path: "a.yaml")
        let base = try #require(open.findings.first { $0.ruleID == "SSM006" })
        var findings: [Finding] = []
        func add(_ level: Severity, _ count: Int) {
            for index in 0..<count {
                var finding = base
                finding.level = level
                finding.resource = ResourceID("\(level.rawValue)\(index)")
                finding.isUnresolved = level == .note
                findings.append(finding)
            }
        }
        add(.note, 3)
        add(.warning, 11)
        add(.error, 12)
        var suppressed = base
        suppressed.resource = ResourceID("Accepted")
        suppressed.suppression = Suppression(kind: .inSource, reason: "approved", expires: nil, origin: "a.yaml:1:1")
        var inBaseline = base
        inBaseline.resource = ResourceID("Known")
        inBaseline.baselineState = .unchanged
        findings += [suppressed, inBaseline]
        let scan = Self.run([InputOutcome(path: "a.yaml", format: .cloudFormation, findings: findings),
                             InputOutcome(path: "broken.yaml", format: nil, failure: InputFailure(message: "bad", position: SourcePosition(line: 2, column: 4)))])
        let text = try GitHubReporter(settings: ReportSettings(root: "/work"), stopToken: "T").render(scan)
        let commands = text.split(separator: "\n").prefix { !$0.hasPrefix("::stop-commands::") }.filter { $0.hasPrefix("::") }
        let kinds = commands.map { $0.prefix { $0 != " " } }
        #expect(kinds == Array(repeating: "::error", count: 10) + Array(repeating: "::warning", count: 10) + Array(repeating: "::notice", count: 4))
        // The input error leads; suppressed and baseline findings are not annotated.
        #expect(commands[0] == "::error file=broken.yaml,line=2,col=4,title=ssmlint could not scan this file::bad")
        #expect(!commands.contains { $0.contains("Accepted") || $0.contains("Known") })
        let notice = "GitHub shows at most 10 annotations of each kind per step: 3 errors and 1 warning not annotated. The step's log lists every finding."
        #expect(commands[20] == "::notice title=ssmlint%3A not every finding is annotated::" + notice)
        #expect(commands[21].hasPrefix("::notice file=a.yaml,line=18,endLine=18,col=30,endColumn=92,title=SSM006 ssh-open-to-world (could not be decided)::"))
        #expect(text.contains("\nssmlint: " + notice + "\n"))
        // The log below still lists every finding.
        #expect(text.components(separatedBy: "[SSM006 ssh-open-to-world]").count - 1 == 3 + 11 + 12 + 1)
    }

    // MARK: GitLab

    @Test("gitlab: a schema-valid Code Quality report with namespaced checks, unique fingerprints and mapped severities")
    func gitlab() throws {
        var seeded = try Self.outcome(try Self.seed("seed002-without-private-dns.yaml"), path: "./infra/seed.yaml")
        seeded.path = "./infra/seed.yaml"
        let suppressedIndex = try #require(seeded.findings.firstIndex { $0.ruleID == "SSM008" && $0.level == .error })
        seeded.findings[suppressedIndex].suppression = Suppression(kind: .external, reason: "accepted", expires: nil, origin: ".ssmlint.yaml:3:5")
        let suppressedResource = seeded.findings[suppressedIndex].resource.rawValue
        let undecided = try Self.outcome(Self.undecided, path: "infra/undecided.yaml", showUnresolved: true)
        let broken = InputOutcome(path: "infra/broken.yaml", format: nil, failure: InputFailure(message: "duplicate key 'A'", position: SourcePosition(line: 4, column: 3)))
        let scan = Self.run([seeded, undecided, broken])
        let text = try GitLabReporter().render(scan)
        try ReportValidation.gitlab(text: text)
        let issues = try #require(try Self.json(text) as? [[String: Any]])
        func field(_ issue: [String: Any], _ path: String...) -> Any? {
            path.reduce(issue as Any?) { ($0 as? [String: Any])?[$1] }
        }
        let summary = issues.map { issue in
            "\(field(issue, "check_name")!) \(field(issue, "severity")!) \(field(issue, "location", "path")!):\(field(issue, "location", "lines", "begin")!)"
        }
        #expect(summary == [
            "ssmlint/SSM006 critical infra/seed.yaml:97",  // error, security severity 8.1 (High)
            "ssmlint/SSM007 minor infra/seed.yaml:143",  // a warning: the public instance has no instance profile
            "ssmlint/SSM008 minor infra/seed.yaml:127",  // the warning variant
            "ssmlint/SSM008 major infra/seed.yaml:135",  // error, security severity 5.0; the one at line 119 is suppressed
            "ssmlint/SSM006/unresolved info infra/undecided.yaml:8",
            "ssmlint/input-error critical infra/broken.yaml:4",
        ])
        #expect(!text.contains(suppressedResource + " ("), "suppressed findings are left out")
        let ssh = try #require(issues.first { field($0, "check_name") as? String == "ssmlint/SSM006" })
        let finding = try #require(seeded.findings.first { $0.ruleID == "SSM006" })
        #expect(field(ssh, "fingerprint") as? String == finding.fingerprint(path: "./infra/seed.yaml"))
        #expect((field(ssh, "description") as? String)?.hasSuffix(" Fix: " + finding.fix!) == true)
        #expect(field(ssh, "location", "lines", "end") as? Int == 101)
        let failure = try #require(issues.first { field($0, "check_name") as? String == "ssmlint/input-error" })
        #expect(field(failure, "description") as? String == "ssmlint could not scan this file: duplicate key 'A'")
    }

    @Test("gitlab: repeated fingerprints are made unique, descriptions stay on one line, an empty scan is []")
    func gitlabEdges() throws {
        let open = try Self.outcome(ReporterTests.template, path: "a.yaml")
        var twice = open
        twice.findings += open.findings
        let text = try GitLabReporter().render(Self.run([twice]))
        try ReportValidation.gitlab(text: text)
        let issues = try #require(try Self.json(text) as? [[String: Any]])
        #expect(issues.count == 2 * open.findings.count)
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)
        let hostile = try GitLabReporter().render(Self.run([try Self.outcome(Self.hostile, path: "h.yaml")]))
        try ReportValidation.gitlab(text: hostile)
        #expect(hostile.contains("security group Evil\\\\n::error"), "the line break is shown escaped, not kept")
        let empty = try GitLabReporter().render(Self.run([InputOutcome(path: "a.yaml", format: .cloudFormation)]))
        #expect(empty == "[]\n")
        try ReportValidation.gitlab(text: empty)
    }

    // MARK: Markdown

    @Test("markdown: verdict, input errors, counts per rule and file, the errors with their fix, and what was accepted")
    func markdown() throws {
        var seeded = try Self.outcome(try Self.seed("seed002-without-private-dns.yaml"), path: "infra/seed.yaml")
        let index = try #require(seeded.findings.firstIndex { $0.ruleID == "SSM008" && $0.level == .error })
        seeded.findings[index].suppression = Suppression(kind: .external, reason: "accepted", expires: nil, origin: ".ssmlint.yaml:3:5")
        let broken = InputOutcome(path: "infra/broken.yaml", format: nil, failure: InputFailure(message: "duplicate key 'A'", position: SourcePosition(line: 4, column: 3)))
        var scan = Self.run([seeded, broken])
        scan.skipped = [SkippedInput(path: "package.json", reason: "not a template or plan")]
        let text = try MarkdownReporter().render(scan)
        #expect(text.hasPrefix("## ssmlint failed: some inputs could not be scanned\n\n2 inputs scanned (1 could not be loaded): **2 errors**, 2 warnings, 0 notes.\n"))
        #expect(text.contains("### Inputs that could not be scanned\n\n- **infra/broken.yaml:4:3**: duplicate key 'A'\n"))
        #expect(text.contains("| SSM006 ssh-open-to-world | 1 | 0 | 0 |\n| SSM007 instance-profile-without-ssm-permissions | 0 | 1 | 0 |\n| SSM008 endpoint-private-dns-disabled | 1 | 1 | 0 |\n"))
        #expect(text.contains("| infra/seed.yaml | 2 | 2 | 0 |\n"))
        #expect(text.contains("- **infra/seed.yaml:97** SSM006 ssh-open-to-world: security group InstanceSecurityGroup1 allows TCP port 22 from 0.0.0.0/0"))
        #expect(text.contains("  - Fix: Remove the rule and reach the instances with Session Manager"))
        #expect(text.contains("- **infra/seed.yaml:135** SSM008"))
        #expect(!text.contains("- **infra/seed.yaml:119**"), "the suppressed error is not listed")
        #expect(!text.contains("- **infra/seed.yaml:127**"), "warnings are counted, not listed")
        #expect(text.hasSuffix("Also: 1 suppressed; 1 file skipped: not a template or plan.\n"))
    }

    @Test("markdown: template text cannot inject HTML, break a table, open a code span or mention anyone")
    func markdownEscaping() throws {
        let text = try MarkdownReporter().render(Self.run([try Self.outcome(Self.hostile, path: "a|b`<i>.yaml")]))
        #expect(!text.contains("<script>") && !text.contains("<i>"))
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`x\\` @\u{2060}team"))
        #expect(text.contains("| a\\|b\\`&lt;i&gt;.yaml | 1 | 0 | 0 |"))
        // Every table row still has exactly its four cells (escaped pipes do not count).
        for line in text.split(separator: "\n") where line.hasPrefix("|") {
            #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 5, "\(line)")
        }
        #expect(!text.contains("Evil\n"), "the logical ID stays on its line")
    }

    @Test("markdown: a report over the size limit is cut at a line, with a note")
    func markdownLimit() throws {
        let open = try Self.outcome(ReporterTests.template, path: "a.yaml")
        let many = (0..<400).map { index in
            var input = open
            input.path = "stacks/stack-\(index).yaml"
            return input
        }
        let scan = Self.run(many)
        let full = try MarkdownReporter().render(scan)
        #expect(full.utf8.count <= MarkdownReporter.defaultByteLimit)
        #expect(full.contains("350 more files with findings not listed."))
        let small = try MarkdownReporter(byteLimit: 4_000).render(scan)
        #expect(small.utf8.count <= 4_000)
        #expect(small.contains("\n> **Cut short**: this summary is limited to 4000 bytes; "))
        #expect(small.hasPrefix("## ssmlint failed\n"))
    }

    // MARK: SARIF descriptors

    func descriptors(_ sarif: String) throws -> (rules: [[String: Any]], results: [[String: Any]], run: [String: Any]) {
        let log = try #require(try Self.json(sarif) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        return (try #require(driver["rules"] as? [[String: Any]]), try #require(run["results"] as? [[String: Any]]), run)
    }

    @Test("SARIF: unresolved notes and level variants point at descriptors of their own level and score")
    func sarifDescriptors() throws {
        let scan = Self.run([
            try Self.outcome(try Self.seed("seed002-without-private-dns.yaml"), path: "seed.yaml", showUnresolved: true),
            try Self.outcome(Self.undecided, path: "undecided.yaml", showUnresolved: true),
        ])
        let text = try SARIFReporter(settings: ReportSettings(root: "/work")).render(scan)
        try ReportValidation.sarif(text: text)
        let (rules, results, _) = try descriptors(text)
        func rule(_ id: String) throws -> [String: Any] { try #require(rules.first { $0["id"] as? String == id }) }
        func properties(_ id: String) throws -> [String: Any] { try #require(try rule(id)["properties"] as? [String: Any]) }
        let unresolved = try #require(results.first { $0["ruleId"] as? String == "SSM006/unresolved" })
        #expect(unresolved["level"] as? String == "note")
        #expect(rules[try #require(unresolved["ruleIndex"] as? Int)]["id"] as? String == "SSM006/unresolved")
        #expect(try properties("SSM006/unresolved")["security-severity"] == nil)
        #expect((try properties("SSM006/unresolved")["tags"] as? [String])?.contains("security") == false)
        #expect(try properties("SSM006")["security-severity"] as? String == "8.1")
        let variant = try #require(results.first { $0["ruleId"] as? String == "SSM008/warning" })
        #expect(variant["level"] as? String == "warning")
        #expect((try rule("SSM008/warning")["defaultConfiguration"] as? [String: Any])?["level"] as? String == "warning")
        #expect(try properties("SSM008/warning")["security-severity"] as? String == "5.0")
        #expect(results.filter { $0["ruleId"] as? String == "SSM008" }.allSatisfy { $0["level"] as? String == "error" })
        // Only ssmlint's own fingerprint: GitHub computes primaryLocationLineHash itself.
        for result in results {
            #expect((result["partialFingerprints"] as? [String: String]).map { Array($0.keys) } == ["ssmlint/v1"])
        }
    }

    @Test("SARIF: a level lowered by the configuration caps the security severity GitHub shows")
    func sarifOverrides() throws {
        var definitions = BuiltInRules.definitions
        for index in definitions.indices {
            switch definitions[index].id {
            case "SSM006": definitions[index].severity = .note  // 8.1 would show a note as High
            case "SSM008":
                definitions[index].severity = .warning
                definitions[index].securitySeverity = "7.5"  // a warning never shows as High
                definitions[index].severityVariants = definitions[index].severityVariants.mapValues { _ in .warning }
            default: break
            }
        }
        let byID = Dictionary(uniqueKeysWithValues: definitions.map { ($0.id, $0) })
        let rules = BuiltInRules.all.map { RegisteredRule(definition: byID[$0.id]!, implementation: $0.implementation) }
        let scan = Self.run([try Self.outcome(try Self.seed("seed002-without-private-dns.yaml"), path: "seed.yaml", rules: rules)], rules: definitions)
        let text = try SARIFReporter(settings: ReportSettings(root: "/work")).render(scan)
        try ReportValidation.sarif(text: text)
        let (rules2, results, _) = try descriptors(text)
        func score(_ id: String) -> String? {
            ((rules2.first { $0["id"] as? String == id })?["properties"] as? [String: Any])?["security-severity"] as? String
        }
        #expect(score("SSM006") == "3.9")
        #expect(score("SSM008") == "6.9")
        #expect(score("SSM001") == "5.0")
        #expect(results.contains { $0["ruleId"] as? String == "SSM006" && $0["level"] as? String == "note" })
        #expect(!rules2.contains { ($0["id"] as? String)?.contains("/") == true }, "overridden findings use the rule's own descriptor")
    }

    @Test("SARIF: --sarif-category sets automationDetails.id; no absolute path of the machine anywhere")
    func sarifCategoryAndPaths() throws {
        let root = "/home/builder/checkout-7f3a"
        let scan = Self.run([try Self.outcome(ReporterTests.template, path: "infra/stack.yaml")])
        let text = try SARIFReporter(settings: ReportSettings(root: root, sarifCategory: "ssmlint/infra")).render(scan)
        try ReportValidation.sarif(text: text)
        let (_, _, run) = try descriptors(text)
        #expect((run["automationDetails"] as? [String: Any])?["id"] as? String == "ssmlint/infra/")
        #expect(!text.contains(root) && !text.contains("file://") && !text.contains("/home/"))
        let base = (run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any]
        #expect(base?["uri"] == nil && base?["description"] != nil)
        let plain = try SARIFReporter(settings: ReportSettings(root: root)).render(scan)
        #expect(try descriptors(plain).run["automationDetails"] == nil)
    }

    /// The acceptance check: every rule example, every seed architecture and the
    /// undecidable templates, scanned by all rules with --show-unresolved, give
    /// SARIF that passes check-sarif in its default mode, and no note points at
    /// a descriptor whose security-severity is 4.0 or more.
    @Test("SARIF of all rule examples and seeds with --show-unresolved passes check-sarif; no note shows as Medium or above")
    func sarifAcceptance() throws {
        var inputs: [InputOutcome] = []
        for rule in BuiltInRules.definitions {
            for example in rule.examples {
                let path = "rules/\(rule.id)/\(example.name).\(example.format == .terraformPlan ? "json" : "yaml")"
                let loaded = try Scan.load(example.input, file: path, parameters: example.parameters, region: example.region)
                let result = Engine(rules: BuiltInRules.all, options: Engine.Options(showUnresolved: true)).run(RuleContext(model: loaded.model))
                inputs.append(InputOutcome(path: path, format: loaded.model.format, findings: result.findings, evaluations: result.evaluations))
            }
        }
        for seed in SeedFixtureTests.expectations.map(\.0) {
            inputs.append(try Self.outcome(try Self.seed(seed), path: "seeds/\(seed)", showUnresolved: true))
        }
        for (name, template) in UnknownStaysSilentTests.templates {
            inputs.append(try Self.outcome(template, path: "undecided/\(name).yaml", showUnresolved: true))
        }
        inputs.append(try Self.outcome(Self.undecided, path: "undecided/ssh.yaml", showUnresolved: true))
        let scan = Self.run(inputs)
        let notes = scan.findings.filter { $0.level == .note && $0.isUnresolved }
        #expect(notes.count >= 5 && notes.contains { $0.ruleID == "SSM006" }, "the scan has undecided notes, including one of a High rule")
        #expect(scan.findings.contains { $0.level == .warning && $0.ruleID == "SSM008" }, "and a warning variant of an error rule")
        let file = try ReportValidation.write(try SARIFReporter(settings: ReportSettings(root: "/work")).render(scan), as: "all.sarif")
        try ReportValidation.sarif([file])
        let problems = try ReportValidation.severityProblems(Data(contentsOf: file))
        #expect(problems.isEmpty)
    }
}

@Suite("CI reports from the command line")
struct CIReportCLITests {
    static let warning = """
        Resources:
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
          Bastion:
            Type: AWS::EC2::SecurityGroup
            Metadata:
              ssmlint:
                ignore: [{rule: SSM006, reason: approved bastion}]
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
        """

    func directory() throws -> URL {
        let directory = try CLI.temporaryDirectory()
        let infra = directory.appendingPathComponent("infra")
        try FileManager.default.createDirectory(at: infra, withIntermediateDirectories: true)
        try CLITests.openSSH.write(to: infra.appendingPathComponent("open.yaml"), atomically: true, encoding: .utf8)
        try "Resources:\n  A: [1, 2\n".write(to: infra.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try Self.warning.write(to: infra.appendingPathComponent("suppressed.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("with --fail-on-input-error=false an unreadable input no longer fails the run, and every format still reports it")
    func inputErrorsInEveryFormat() throws {
        let directory = try directory()
        for format in ["console", "json", "junit", "sarif", "github", "gitlab", "markdown"] {
            let strict = try CLI.run(["scan", "infra/broken.yaml", "--format", format], directory: directory)
            #expect(strict.status == 2, "\(format)")
            let relaxed = try CLI.run(["scan", "infra", "--format", "\(format)=report.out", "--fail-on-input-error=false"], directory: directory)
            #expect(relaxed.status == 1, "\(format): the SSH finding still fails the run")
            let report = try String(contentsOf: directory.appendingPathComponent("report.out"), encoding: .utf8)
            #expect(report.contains("infra/broken.yaml"), "\(format)")
            #expect(report.contains("did not find expected ',' or ']'") || report.contains("did not find expected ',' or '\\]'"), "\(format)")
            let file = directory.appendingPathComponent("report.out")
            switch format {
            case "sarif": try ReportValidation.sarif([file])
            case "junit": try ReportValidation.junit([file])
            case "gitlab": try ReportValidation.gitlab(text: report)
            case "github": #expect(report.hasPrefix("::error file=infra/broken.yaml,line=3,col=1,title=ssmlint could not scan this file::"))
            default: break
            }
        }
    }

    @Test("--format github prints the annotations and the whole console report on standard output")
    func github() throws {
        let directory = try directory()
        let result = try CLI.run(["scan", "infra", "--format", "github"], directory: directory)
        #expect(result.status == 2)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "::error file=infra/broken.yaml,line=3,col=1,title=ssmlint could not scan this file::did not find expected ',' or ']' while parsing a flow sequence")
        #expect(lines[1].hasPrefix("::error file=infra/open.yaml,line=7,endLine=7,col=11,"))
        #expect(lines.contains { $0.hasPrefix("::stop-commands::") })
        #expect(result.stdout.contains("infra/open.yaml:7:11: error: [SSM006 ssh-open-to-world]"))
        #expect(result.stdout.contains("ssmlint: 3 inputs scanned (1 could not be loaded)"))
        #expect(result.stdout.contains("(1 suppressed)"))
        #expect(!lines.contains { $0.hasPrefix("::") && $0.contains("Bastion") }, "the suppressed finding is not annotated")
        #expect(result.stderr.isEmpty, "the input error is in the report on standard output, not repeated")
    }

    @Test("--quiet prints only input errors, the error findings that fail the run, and the summary")
    func quiet() throws {
        let directory = try directory()
        let result = try CLI.run(["scan", "infra", "--quiet", "--show-suppressed"], directory: directory)
        #expect(result.status == 2)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6, "\(result.stdout)")
        #expect(lines[0].hasPrefix("infra/broken.yaml:3:1: error: "))
        #expect(lines[1].hasPrefix("infra/open.yaml:7:11: error: [SSM006 ssh-open-to-world]"))
        #expect(lines[2].hasPrefix("    fix: "))
        #expect(lines[3].hasPrefix("infra/suppressed.yaml:6:30: error: [SSM006 ssh-open-to-world] security group Sg "))
        #expect(lines[4].hasPrefix("    fix: "))
        #expect(lines[5].hasPrefix("ssmlint: 3 inputs scanned"))
        #expect(!result.stdout.contains("Bastion"), "--quiet wins over --show-suppressed")
        #expect(try CLI.run(["scan", "infra", "--quiet", "--verbose"], directory: directory).status == 64)
    }

    @Test("overlapping inputs are scanned once")
    func overlapping() throws {
        let directory = try directory()
        let result = try CLI.run(["scan", "infra", "infra/open.yaml", "./infra/open.yaml", "infra/../infra/open.yaml",
                                  "--format", "json", "--fail-on-input-error=false"], directory: directory)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["path"] as? String } == ["infra/broken.yaml", "infra/open.yaml", "infra/suppressed.yaml"])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["file"] as? String == "infra/open.yaml" }.count == 1)
        // A file a directory scan would skip is judged strictly when it is also named.
        try #"{"name": "app"}"#.write(to: directory.appendingPathComponent("infra/package.json"), atomically: true, encoding: .utf8)
        let skipped = try CLI.run(["scan", "infra", "--only", "SSM001", "--fail-on-input-error=false", "--verbose"], directory: directory)
        #expect(skipped.stdout.contains("infra/package.json: skipped"))
        let named = try CLI.run(["scan", "infra", "infra/package.json", "--only", "SSM001", "--format", "json"], directory: directory)
        let failed = try #require((try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])?["inputs"] as? [[String: Any]])
        #expect(failed.filter { $0["path"] as? String == "infra/package.json" }.map { $0["status"] as? String } == ["failed"])
    }

    @Test("SARIF from the command line: relative URIs, the category, no path of the machine")
    func sarif() throws {
        let directory = try directory()
        let nested = directory.appendingPathComponent("infra")
        for arguments in [["scan", "infra", "--format", "sarif=out.sarif", "--sarif-category", "iac"],
                          ["scan", nested.path, "--root", directory.path, "--format", "sarif=out.sarif", "--sarif-category", "iac"]] {
            _ = try CLI.run(arguments, directory: directory)
            let file = directory.appendingPathComponent("out.sarif")
            try ReportValidation.sarif([file])
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains(directory.path) && !text.contains(directory.resolvingSymlinksInPath().path) && !text.contains("file://"))
            #expect(text.contains("\"uri\": \"infra/open.yaml\""))
            #expect(text.contains("\"automationDetails\": {\n        \"id\": \"iac/\""))
        }
        #expect(try CLI.run(["scan", "infra", "--sarif-category", ""], directory: directory).status == 64)
    }

    @Test("an --output ending in .md is a Markdown summary")
    func markdownOutput() throws {
        let directory = try directory()
        _ = try CLI.run(["scan", "infra/open.yaml", "--output", "summary.md"], directory: directory)
        let text = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(text.hasPrefix("## ssmlint failed\n"))
    }
}
