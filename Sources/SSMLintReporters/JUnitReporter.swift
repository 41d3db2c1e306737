import SSMLintEngine

/// JUnit XML for Jenkins, GitLab and Azure DevOps: one `<testsuite>` per
/// input, one `<testcase>` per evaluated (rule, resource) pair, passing ones
/// included, so that a clean scan still has results (Jenkins fails a report
/// without test cases).
///
/// - `classname` is `FILE.RULE` and `name` the resource: Jenkins splits the
///   class name at its last dot, so it shows the file as the package and the
///   rule as the class; GitLab and Azure show the class name as suite / test file.
/// - A case fails when it has an error or warning finding, whatever --fail-on
///   says (that option sets only the exit status); notes stay in `<system-out>`.
/// - A suppressed finding, or one the baseline already had, makes a skipped
///   case whose message says why.
/// - An input that cannot be loaded is one case with an `<error>`; a file the
///   rules had nothing to evaluate in is one passing case.
///
/// The report is written as it is made: the suites' counts come first, from
/// a pass that only classifies each case, and the cases follow one by one.
public struct JUnitReporter: StreamingReporter {
    public init() {}

    private struct Case {
        var classname: String
        var name: String
        var failure: (type: String, message: String, body: String)?
        var error: (message: String, body: String)?
        var skipped: String?
        var output: String?
    }

    /// The counts a `<testsuite>` (and `<testsuites>`) carries.
    private struct Tally {
        var tests = 0, failures = 0, errors = 0, skipped = 0

        static func + (a: Tally, b: Tally) -> Tally {
            Tally(tests: a.tests + b.tests, failures: a.failures + b.failures, errors: a.errors + b.errors, skipped: a.skipped + b.skipped)
        }
    }

    /// The (rule, resource) pairs of one input and the findings on each.
    private struct Suite {
        var input: InputOutcome
        var pairs: [Evaluation] = []
        var findings: [Evaluation: [Finding]] = [:]
        var tally = Tally()
    }

    /// Cases written between two moves of the XML into the destination.
    private static let casesPerChunk = 256

    public func write(_ run: ScanRun, to output: inout some JSONOutput) throws {
        let suites = run.inputs.map { suite(for: $0) }
        let xml = try XMLWriter()
        func counts(_ tally: Tally) {
            xml.attribute("tests", String(tally.tests))
            xml.attribute("failures", String(tally.failures))
            xml.attribute("errors", String(tally.errors))
        }
        xml.startElement("testsuites")
        xml.attribute("name", run.tool.name)
        counts(suites.map(\.tally).reduce(Tally(), +))
        var written = 0
        for suite in suites {
            xml.startElement("testsuite")
            xml.attribute("name", suite.input.path)
            counts(suite.tally)
            xml.attribute("skipped", String(suite.tally.skipped))
            try forEachCase(of: suite, run: run) { testCase in
                write(testCase, to: xml)
                written += 1
                if written % Self.casesPerChunk == 0 { try xml.drain(into: &output) }
            }
            xml.endElement()
        }
        xml.endElement()
        try xml.finish(into: &output)
    }

    private func write(_ testCase: Case, to xml: XMLWriter) {
        xml.startElement("testcase")
        xml.attribute("classname", testCase.classname)
        xml.attribute("name", testCase.name)
        // Exactly one outcome element: consumers disagree on which wins.
        if let failure = testCase.failure {
            xml.startElement("failure")
            xml.attribute("type", failure.type)
            xml.attribute("message", failure.message)
            xml.text(failure.body)
            xml.endElement()
        } else if let error = testCase.error {
            xml.startElement("error")
            xml.attribute("type", "input-error")
            xml.attribute("message", error.message)
            xml.text(error.body)
            xml.endElement()
        } else if let skipped = testCase.skipped {
            xml.startElement("skipped")
            xml.attribute("message", skipped)
            xml.endElement()
        }
        if let output = testCase.output {
            xml.startElement("system-out")
            xml.text(output)
            xml.endElement()
        }
        xml.endElement()
    }

    /// An input's pairs and the counts of its cases, without making them.
    private func suite(for input: InputOutcome) -> Suite {
        var suite = Suite(input: input)
        if input.failure != nil {
            suite.tally = Tally(tests: 1, errors: 1)
            return suite
        }
        var pairs = Array(input.evaluations)
        var seen = Set(pairs)
        for finding in input.findings {
            let pair = Evaluation(ruleID: finding.ruleID, resource: finding.resource)
            suite.findings[pair, default: []].append(finding)
            if seen.insert(pair).inserted { pairs.append(pair) }
        }
        suite.pairs = pairs
        if pairs.isEmpty {
            suite.tally = Tally(tests: 1)
            return suite
        }
        suite.tally.tests = pairs.count
        for pair in pairs {
            let findings = suite.findings[pair] ?? []
            if findings.contains(where: Self.fails) {
                suite.tally.failures += 1
            } else if findings.contains(where: Self.isAccepted) {
                suite.tally.skipped += 1
            }
        }
        return suite
    }

    /// Findings that fail their case: errors and warnings that count.
    private static func fails(_ finding: Finding) -> Bool {
        finding.counts && !finding.isUnresolved && finding.level >= .warning
    }

    /// Findings that make a case without failures skipped: suppressed, or in the baseline.
    private static func isAccepted(_ finding: Finding) -> Bool {
        finding.suppression != nil || finding.baselineState == .unchanged
    }

    private func forEachCase(of suite: Suite, run: ScanRun, _ body: (Case) throws -> Void) throws {
        let input = suite.input
        if let failure = input.failure {
            let position = failure.position.map { ":\($0.line):\($0.column)" } ?? ""
            let text = "\(input.path)\(position): \(failure.message)"
            try body(Case(classname: "\(input.path).input", name: "load", error: (text, text)))
            return
        }
        if suite.pairs.isEmpty {
            try body(Case(classname: "\(input.path).input", name: "scan", output: "no resource any selected rule evaluates"))
            return
        }
        for pair in suite.pairs {
            try body(testCase(pair, findings: suite.findings[pair] ?? [], input: input, run: run))
        }
    }

    private func testCase(_ pair: Evaluation, findings: [Finding], input: InputOutcome, run: ScanRun) -> Case {
        var testCase = Case(classname: "\(input.path).\(pair.ruleID)", name: pair.resource.rawValue)
        let failing = findings.filter(Self.fails)
        if let first = failing.first {
            var body = failing.map { describe($0, input: input, run: run) }.joined(separator: "\n")
            // The rule's general remediation only when no finding brings a fix of its own.
            if failing.allSatisfy({ $0.fix == nil }), let remediation = run.definition(for: pair.ruleID)?.remediation, !remediation.isEmpty {
                body += "\n\nRemediation: \(remediation)"
            }
            testCase.failure = (first.level.rawValue, first.message, body)
        } else if let accepted = findings.first(where: Self.isAccepted) {
            testCase.skipped = accepted.suppression.map { "suppressed at \($0.origin): \($0.reason)" } ?? "accepted in the baseline"
        }
        let other = findings.filter { finding in !failing.contains { $0.location == finding.location && $0.message == finding.message } }
        if !other.isEmpty { testCase.output = other.map { describe($0, input: input, run: run) }.joined(separator: "\n") }
        return testCase
    }

    private func describe(_ finding: Finding, input: InputOutcome, run: ScanRun) -> String {
        let start = finding.location.range.start
        var text = "\(finding.location.file(in: input)):\(start.line):\(start.column): \(finding.level.rawValue): [\(finding.ruleID)] \(finding.message)"
        if let suppression = finding.suppression { text += "\n  suppressed at \(suppression.origin): \(suppression.reason)" }
        if let expired = finding.expiredSuppression {
            text += "\n  the suppression at \(expired.origin) expired on \(expired.expires.map(\.description) ?? "?")"
        }
        if let fix = finding.fix { text += "\n  fix: \(fix)" }
        if finding.trend == .new, let comparison = run.comparison { text += "\n  new since \(comparison.label)" }
        return text
    }
}
