import Foundation
import Testing

@Suite("Baseline")
struct BaselineTests {
    static let two = SuppressionTests.template(SuppressionTests.group("First") + SuppressionTests.group("Second"))

    @Test("after --write-baseline, only a new finding fails, even when every line has moved")
    func newFindingFails() throws {
        let directory = try Workspace.make([".git/HEAD": "x\n", "infra/stack.yaml": Self.two])
        let write = try CLI.run(["scan", "infra", "--write-baseline", "baseline.json"], directory: directory)
        #expect(write.status == 1, "writing a baseline does not change the verdict of that run")
        let baseline = try String(contentsOf: directory.appendingPathComponent("baseline.json"), encoding: .utf8)
        #expect(baseline.contains("\"file\": \"infra/stack.yaml\""))
        #expect(!baseline.contains(directory.path), "no absolute path in a baseline")
        #expect(try CLI.run(["scan", "infra", "--baseline", "baseline.json"], directory: directory).status == 0)

        // Every line moves (a header and reordered resources), and one finding is added.
        let moved = "Description: moved down\nMetadata:\n  Owner: team\n" + SuppressionTests.template(
            SuppressionTests.group("Third") + SuppressionTests.group("Second") + SuppressionTests.group("First"))
        try moved.write(to: directory.appendingPathComponent("infra/stack.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["scan", "infra", "--baseline", "baseline.json"], directory: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("baseline: 1 new, 2 unchanged, 0 gone"), "\(result.stdout)")
        #expect(result.stdout.contains("security group Third allows"))
        let sarif = try CLI.run(["scan", "infra", "--baseline", "baseline.json", "--format", "sarif"], directory: directory)
        #expect(sarif.stdout.components(separatedBy: "\"baselineState\": \"new\"").count == 2)
        #expect(sarif.stdout.components(separatedBy: "\"baselineState\": \"unchanged\"").count == 3)
        try ReportValidation.sarif(text: sarif.stdout)
    }

    @Test("a finding that is fixed is counted as gone")
    func goneFinding() throws {
        let directory = try Workspace.make(["stack.yaml": Self.two])
        _ = try CLI.run(["scan", "stack.yaml", "--write-baseline", "baseline.json"], directory: directory)
        try SuppressionTests.template(SuppressionTests.group("First")).write(
            to: directory.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["scan", "stack.yaml", "--baseline", "baseline.json"], directory: directory)
        #expect(result.status == 0)
        #expect(result.stdout.contains("baseline: 0 new, 1 unchanged, 1 gone"))
    }

    @Test("a baseline written in one checkout works in another, and a broken one is a usage error")
    func portable() throws {
        let first = try Workspace.make([".git/HEAD": "x\n", "infra/stack.yaml": Self.two])
        _ = try CLI.run(["scan", "infra", "--write-baseline", "baseline.json"], directory: first)
        let second = try Workspace.make([".git/HEAD": "x\n", "infra/stack.yaml": Self.two, "ci/README": "baselines live here\n"])
        try FileManager.default.copyItem(at: first.appendingPathComponent("baseline.json"), to: second.appendingPathComponent("ci/baseline.json"))
        let fromElsewhere = try CLI.run(["scan", "../infra", "--baseline", "baseline.json"], directory: second.appendingPathComponent("ci"))
        #expect(fromElsewhere.status == 0, "\(fromElsewhere.stdout)")
        try "{\"findings\": []}".write(to: second.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["scan", "infra", "--baseline", "bad.json"], directory: second)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("bad.json: not an ssmlint baseline"))
    }
}

@Suite("Trends")
struct TrendTests {
    static let fixture = Paths.fixtures.appendingPathComponent("trends")

    @Test("--compare with yesterday's JSON report: exact new, unchanged and fixed counts in every format")
    func yesterdayAndToday() throws {
        let directory = try CLI.temporaryDirectory()
        let yesterday = try CLI.run(["scan", Self.fixture.appendingPathComponent("yesterday").path, "--root",
                                     Self.fixture.appendingPathComponent("yesterday").path, "--format", "json=yesterday.json"],
                                    directory: directory)
        #expect(yesterday.status == 1)
        let today = Self.fixture.appendingPathComponent("today").path
        let console = try CLI.run(["scan", today, "--root", today, "--compare", "yesterday.json"], directory: directory)
        #expect(console.status == 1, "a comparison does not change the exit status")
        #expect(console.stdout.contains("2 new, 2 fixed since yesterday.json"), "\(console.stdout)")
        #expect(console.stdout.contains("security group Debug allows TCP port 22 from 0.0.0.0/0, so SSH (TCP 22) is open to the whole internet (new since yesterday.json)"))
        #expect(!console.stdout.contains("security group Admin allows TCP port 22 from 0.0.0.0/0, so SSH (TCP 22) is open to the whole internet (new"))

        let json = try CLI.run(["scan", today, "--root", today, "--compare", "yesterday.json", "--format", "json"], directory: directory)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let comparison = try #require(report["comparison"] as? [String: Any])
        #expect(comparison["new"] as? Int == 2)
        let fixed = try #require(comparison["fixed"] as? [[String: Any]])
        #expect(Set(fixed.compactMap { $0["resource"] as? String }) == ["Legacy", "Batch"])
        let trends = (report["findings"] as? [[String: Any]] ?? []).map { "\($0["resource"]!) \($0["trend"]!)" }.sorted()
        #expect(trends == ["Admin unchanged", "Debug new", "Reports new"])

        let sarif = try CLI.run(["scan", today, "--root", today, "--compare", "yesterday.json", "--format", "sarif"], directory: directory)
        #expect(sarif.stdout.components(separatedBy: "\"ssmlint/trend\": \"new\"").count == 3)
        #expect(sarif.stdout.components(separatedBy: "\"trend\": \"fixed\"").count == 3)
        try ReportValidation.sarif(text: sarif.stdout)
        let markdown = try CLI.run(["scan", today, "--root", today, "--compare", "yesterday.json", "--format", "markdown"], directory: directory)
        #expect(markdown.stdout.contains("2 new, 2 fixed since yesterday.json"))
        let junit = try CLI.run(["scan", today, "--root", today, "--compare", "yesterday.json", "--format", "junit"], directory: directory)
        #expect(junit.stdout.components(separatedBy: "new since yesterday.json").count == 3)
    }

    @Test("--compare with something that is not an ssmlint JSON report is a usage error")
    func notAReport() throws {
        let directory = try Workspace.make(["old.json": "{\"findings\": []}", "stack.yaml": SuppressionTests.template(SuppressionTests.group("A"))])
        let result = try CLI.run(["scan", "stack.yaml", "--compare", "old.json"], directory: directory)
        #expect(result.status == 64)
        #expect(result.stderr.contains("old.json: not an ssmlint JSON report"))
    }
}
