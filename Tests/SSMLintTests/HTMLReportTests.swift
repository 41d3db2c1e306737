import Foundation
import SSMLintEngine
import SSMLintReporters
import SSMLintRules
import Testing

/// `--format html`: one page, nothing loaded from anywhere, every input-controlled text escaped.
@Suite("HTML report")
struct HTMLReportTests {
    static let hostile = "Web\"'<script>alert(1)</script><img src=x onerror=alert(2)>\n]]&amp;"

    static func finding(_ rule: String, _ level: Severity, resource: String, message: String) -> Finding {
        let position = SourcePosition(line: 3, column: 5)
        return Finding(ruleID: rule, level: level, message: message, fix: "Fix \(hostile)", resource: ResourceID(resource),
                       location: SourceLocation(file: "", range: SourceRange(start: position, end: position), logicalPath: "Resources"))
    }

    static func run() -> ScanRun {
        var counted = finding("SSM006", .error, resource: "Open", message: "security group \(hostile) allows TCP port 22")
        counted.trend = .new
        var suppressed = finding("SSM014", .error, resource: "Quiet", message: "instance Quiet has no path")
        suppressed.suppression = Suppression(kind: .external, reason: "reason \(hostile)", expires: nil, origin: ".ssmlint.yaml:4:7")
        var accepted = finding("SSM007", .warning, resource: "Old", message: "instance Old has no instance profile")
        accepted.baselineState = .unchanged
        var run = ScanRun(tool: ToolInfo(name: "ssmlint", version: "0.1.0", informationURI: ProjectLinks.repository),
                          rules: BuiltInRules.definitions,
                          inputs: [InputOutcome(path: "repo-a/net<b>\"x/stack.yaml", format: .cloudFormation, findings: [counted, suppressed, accepted]),
                                   InputOutcome(path: "repo-b/broken.yaml", format: nil, failure: InputFailure(message: "bad \(hostile)"))],
                          failOn: .error)
        run.baselineAbsent = [Baseline.Entry(fingerprint: "f", rule: "SSM003", file: "repo-a/gone.yaml", resource: "Gone", message: "gone \(hostile)")]
        var comparison = Comparison(label: "nightly-\(hostile).json", previous: [])
        comparison.fixed = [RecordedFinding(fingerprint: "g", rule: "SSM005", file: "repo-a/x.yaml", resource: "Fixed", message: "fixed \(hostile)")]
        run.comparison = comparison
        return run
    }

    static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test("hostile text is escaped everywhere; findings, suppressed, baseline and trend each have their section")
    func escapingAndSections() throws {
        let html = try HTMLReporter(settings: ReportSettings(root: "/")).render(Self.run())
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror=alert(2)>"))
        #expect(html.contains("Web&quot;&#39;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;\\n]]&amp;amp;"))
        #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script")
        let findings = try #require(Self.between(html, "<table id=\"findings-table\"", "</table>"))
        #expect(findings.components(separatedBy: "<tr data-severity=").count - 1 == 1, "the suppressed and baseline findings are not in the table")
        #expect(findings.contains("data-rule=\"SSM006\"") && findings.contains("<td>new</td>"))
        let suppressed = try #require(Self.between(html, "<section id=\"suppressed\"", "</section>"))
        #expect(suppressed.contains("instance Quiet has no path") && suppressed.contains(".ssmlint.yaml:4:7: reason Web&quot;"))
        let baseline = try #require(Self.between(html, "<section id=\"baseline\"", "</section>"))
        #expect(baseline.contains("instance Old has no instance profile") && baseline.contains("gone Web&quot;"))
        let trend = try #require(Self.between(html, "<section id=\"trend\"", "</section>"))
        #expect(trend.contains("1 new, 1 fixed since nightly-Web&quot;") && trend.contains("fixed Web&quot;"))
        let inputs = try #require(Self.between(html, "<section id=\"inputs\"", "</section>"))
        #expect(inputs.contains("repo-b/broken.yaml") && inputs.contains("bad Web&quot;"))
        let directories = try #require(Self.between(html, "<h3>By directory</h3>", "</table>"))
        #expect(directories.contains("<th scope=\"row\">repo-a/net&lt;b&gt;&quot;x</th><td>1</td><td>1</td><td>0</td><td>0</td>"))
        #expect(directories.contains("<th scope=\"row\">repo-b</th><td>1</td><td>0</td><td>0</td><td>0</td>"))
    }

    @Test("rule IDs link to their documentation only through web addresses")
    func ruleLinks() throws {
        var definition = try #require(BuiltInRules.definitions.first)
        #expect(HTMLReporter.link(definition, text: definition.id).hasPrefix("<a href=\"https://"))
        definition.helpURI = "javascript:alert(1)"
        definition.links = []
        #expect(!HTMLReporter.link(definition, text: definition.id).contains("<a"))
    }

    @Test("a Content-Security-Policy forbids every load; the inline style and script are allowed by their hashes")
    func contentSecurityPolicy() throws {
        let html = try HTMLReporter(settings: ReportSettings(root: "/")).render(Self.run())
        let policy = try #require(Self.between(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\">"))
        #expect(policy.hasPrefix("default-src 'none';"))
        #expect(policy.contains("base-uri 'none'") && policy.contains("form-action 'none'"))
        let style = try #require(Self.between(html, "<style>", "</style>"))
        let script = try #require(Self.between(html, "<script>", "</script>"))
        #expect(policy.contains("style-src '\(HTMLReporter.hash(style))'"))
        #expect(policy.contains("script-src '\(HTMLReporter.hash(script))'"))
        // Known SHA-256 of "abc", as CSP writes it.
        #expect(HTMLReporter.hash("abc") == "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(!html.contains(" src=\"") && !html.contains("<link") && !html.contains("url(") && !html.contains("@import"))
    }

    @Test("scan --format html=FILE: the trend of --compare, and the drawing of each VPC with findings (or why there is none)")
    func command() throws {
        let directory = try CLI.temporaryDirectory()
        let trends = Paths.fixtures.appendingPathComponent("trends")
        let yesterday = trends.appendingPathComponent("yesterday").path, today = trends.appendingPathComponent("today").path
        _ = try CLI.run(["scan", yesterday, "--root", yesterday, "--format", "json=yesterday.json"], directory: directory)
        let result = try CLI.run(["scan", today, "--root", today, "--compare", "yesterday.json", "--output", "report.html"], directory: directory)
        #expect(result.status == 1)
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("2 new, 2 fixed since yesterday.json"))
        #expect(html.contains("<td>Legacy</td>") && html.contains("<td>Batch</td>"))

        let seed = Paths.fixtures.appendingPathComponent("seeds/seed001-hub-spoke-before-phz.yaml").path
        let empty = try CLI.temporaryDirectory()
        let withoutGraphviz = try CLI.run(["scan", seed, "--format", "html"], environment: ["PATH": empty.path])
        #expect(withoutGraphviz.status == 1)
        #expect(withoutGraphviz.stdout.contains("No network drawings: Graphviz is not installed"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") {
            let drawn = try CLI.run(["scan", seed, "--format", "html"])
            let network = try #require(Self.between(drawn.stdout, "<section id=\"network\"", "</section>"))
            #expect(network.contains("<figcaption>VPC UserVPC in "))
            #expect(network.contains("<svg") && network.contains("SSM009"))
            #expect(!network.contains("<script") && !network.contains("href"))
            // Graphviz numbers element ids alike in every drawing: none are kept, so none repeat.
            let drawings = try #require(network.range(of: "<svg"))
            #expect(!network[drawings.lowerBound...].contains(" id=\""))
        }
    }
}
