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
public struct JUnitReporter: Reporter {
    public init() {}

    private struct Case {
        var classname: String
        var name: String
        var failure: (type: String, message: String, body: String)?
        var error: (message: String, body: String)?
        var skipped: String?
        var output: String?
    }

    public func render(_ run: ScanRun) throws -> String {
        let suites = run.inputs.map { cases(for: $0, run: run) }
        let xml = try XMLWriter()
        func counts(_ cases: [Case]) {
            xml.attribute("tests", String(cases.count))
            xml.attribute("failures", String(cases.filter { $0.failure != nil }.count))
            xml.attribute("errors", String(cases.filter { $0.error != nil }.count))
        }
        xml.startElement("testsuites")
        xml.attribute("name", run.tool.name)
        counts(suites.flatMap { $0 })
        for (input, cases) in zip(run.inputs, suites) {
            xml.startElement("testsuite")
            xml.attribute("name", input.path)
            counts(cases)
            xml.attribute("skipped", String(cases.filter { $0.skipped != nil && $0.failure == nil && $0.error == nil }.count))
            for testCase in cases { write(testCase, to: xml) }
            xml.endElement()
        }
        xml.endElement()
        return try xml.finish()
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

    private func cases(for input: InputOutcome, run: ScanRun) -> [Case] {
        if let failure = input.failure {
            let position = failure.position.map { ":\($0.line):\($0.column)" } ?? ""
            let text = "\(input.path)\(position): \(failure.message)"
            return [Case(classname: "\(input.path).input", name: "load", error: (text, text))]
        }
        var byPair: [Evaluation: [Finding]] = [:]
        var pairs = Array(input.evaluations)
        var seen = Set(pairs)
        for finding in input.findings {
            let pair = Evaluation(ruleID: finding.ruleID, resource: finding.resource)
            byPair[pair, default: []].append(finding)
            if seen.insert(pair).inserted { pairs.append(pair) }
        }
        if pairs.isEmpty {
            return [Case(classname: "\(input.path).input", name: "scan", output: "no resource any selected rule evaluates")]
        }
        return pairs.map { pair in
            let findings = byPair[pair] ?? []
            var testCase = Case(classname: "\(input.path).\(pair.ruleID)", name: pair.resource.rawValue)
            let failing = findings.filter { $0.counts && !$0.isUnresolved && $0.level >= .warning }
            if let first = failing.first {
                var body = failing.map { describe($0, input: input, run: run) }.joined(separator: "\n")
                // The rule's general remediation only when no finding brings a fix of its own.
                if failing.allSatisfy({ $0.fix == nil }), let remediation = run.definition(for: pair.ruleID)?.remediation, !remediation.isEmpty {
                    body += "\n\nRemediation: \(remediation)"
                }
                testCase.failure = (first.level.rawValue, first.message, body)
            } else if let accepted = findings.first(where: { $0.suppression != nil || $0.baselineState == .unchanged }) {
                testCase.skipped = accepted.suppression.map { "suppressed at \($0.origin): \($0.reason)" } ?? "accepted in the baseline"
            }
            let other = findings.filter { finding in !failing.contains { $0.location == finding.location && $0.message == finding.message } }
            if !other.isEmpty { testCase.output = other.map { describe($0, input: input, run: run) }.joined(separator: "\n") }
            return testCase
        }
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
