import SSMLintEngine

/// JUnit XML for Jenkins, GitLab and Azure DevOps: one
/// `<testsuite>` per input, one `<testcase>` per evaluated (rule, resource)
/// pair, passing ones included. A test case fails when its findings reach the
/// `--fail-on` threshold; findings below it are kept in `<system-out>`. An input
/// that cannot be loaded is one test case with an `<error>`.
public struct JUnitReporter: Reporter {
    public init() {}

    private struct Case {
        var name: String
        var failure: (type: String, message: String, body: String)?
        var error: (message: String, body: String)?
        var output: String?
    }

    public func render(_ run: ScanRun) throws -> String {
        let suites = run.inputs.map { cases(for: $0, run: run) }
        let xml = try XMLWriter()
        xml.startElement("testsuites")
        xml.attribute("name", run.tool.name)
        xml.attribute("tests", String(suites.reduce(0) { $0 + $1.count }))
        xml.attribute("failures", String(suites.reduce(0) { $0 + $1.filter { $0.failure != nil }.count }))
        xml.attribute("errors", String(suites.reduce(0) { $0 + $1.filter { $0.error != nil }.count }))
        for (input, cases) in zip(run.inputs, suites) {
            xml.startElement("testsuite")
            xml.attribute("name", input.path)
            xml.attribute("tests", String(cases.count))
            xml.attribute("failures", String(cases.filter { $0.failure != nil }.count))
            xml.attribute("errors", String(cases.filter { $0.error != nil }.count))
            xml.attribute("skipped", "0")
            for testCase in cases {
                xml.startElement("testcase")
                xml.attribute("classname", input.path)
                xml.attribute("name", testCase.name)
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
                }
                if let output = testCase.output {
                    xml.startElement("system-out")
                    xml.text(output)
                    xml.endElement()
                }
                xml.endElement()
            }
            xml.endElement()
        }
        xml.endElement()
        return try xml.finish()
    }

    private func cases(for input: InputOutcome, run: ScanRun) -> [Case] {
        if let failure = input.failure {
            let position = failure.position.map { ":\($0.line):\($0.column)" } ?? ""
            let text = "\(input.path)\(position): \(failure.message)"
            return [Case(name: "load \(input.path)", error: (text, text))]
        }
        var byPair: [Evaluation: [Finding]] = [:]
        for finding in input.findings {
            byPair[Evaluation(ruleID: finding.ruleID, resource: finding.resource), default: []].append(finding)
        }
        var pairs = input.evaluations
        var seen = Set(pairs)
        for finding in input.findings {
            let pair = Evaluation(ruleID: finding.ruleID, resource: finding.resource)
            if seen.insert(pair).inserted { pairs.append(pair) }
        }
        return pairs.map { pair in
            let findings = byPair[pair] ?? []
            var testCase = Case(name: "\(pair.ruleID) \(pair.resource.rawValue)")
            let failing = findings.filter { run.failOn.isReached(by: $0.level) }
            if let first = failing.first {
                // Each finding with its own fix; the rule's general remediation only when no finding has one.
                var body = failing.map { describe($0, input: input) }.joined(separator: "\n")
                if failing.allSatisfy({ $0.fix == nil }), let remediation = run.definition(for: pair.ruleID)?.remediation, !remediation.isEmpty {
                    body += "\n\nRemediation: \(remediation)"
                }
                testCase.failure = (first.level.rawValue, first.message, body)
            }
            let passing = findings.filter { !run.failOn.isReached(by: $0.level) }
            if !passing.isEmpty {
                testCase.output = passing.map { describe($0, input: input) }.joined(separator: "\n")
            }
            return testCase
        }
    }

    private func describe(_ finding: Finding, input: InputOutcome) -> String {
        let start = finding.location.range.start
        var text = "\(input.path):\(start.line):\(start.column): \(finding.level.rawValue): [\(finding.ruleID)] \(finding.message)"
        if let fix = finding.fix { text += "\n  fix: \(fix)" }
        return text
    }
}
