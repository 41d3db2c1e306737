import SSMLintKit

/// Clang/Xcode-style lines that editors jump to, then a summary:
/// `path:line:col: error: [SSM006 ssh-open-to-world] message`. Text that
/// comes from the inputs or packs is escaped (`TerminalText`), with or
/// without colour, so each finding stays one line.
public struct ConsoleReporter: Reporter {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ run: ScanRun) throws -> String {
        var output = ""
        let slugs = Dictionary(run.rules.map { ($0.id, $0.slug) }, uniquingKeysWith: { a, _ in a })
        let safe = TerminalText.escaped
        for input in run.inputs {
            let path = safe(input.path)
            if let failure = input.failure {
                let position = failure.position.map { ":\($0.line):\($0.column)" } ?? ""
                output += "\(bold("\(path)\(position):")) \(paint("error:", .error)) \(safe(failure.message))\n"
                continue
            }
            for error in input.toolErrors {
                output += "\(bold("\(path):")) \(paint("error:", .error)) \(safe(error))\n"
            }
            for finding in input.findings {
                let start = finding.location.range.start
                let tag = safe([finding.ruleID, slugs[finding.ruleID]].compactMap { $0 }.joined(separator: " "))
                output += "\(bold("\(path):\(start.line):\(start.column):")) \(paint("\(finding.level.rawValue):", finding.level)) [\(tag)] \(safe(finding.message))\n"
                for related in finding.related {
                    let position = related.location.range.start
                    output += "\(bold("\(path):\(position.line):\(position.column):")) \(paint("note:", .note)) \(safe(related.resource.rawValue)): \(safe(related.message))\n"
                }
            }
        }
        output += summary(run) + "\n"
        return output
    }

    private func summary(_ run: ScanRun) -> String {
        let findings = run.findings
        func count(_ level: Severity) -> Int { findings.filter { $0.level == level }.count }
        func plural(_ number: Int, _ word: String) -> String { "\(number) \(word)\(number == 1 ? "" : "s")" }
        let failed = run.inputs.filter { $0.failure != nil }.count
        var text = "ssmlint: \(plural(run.inputs.count, "input")) scanned"
        if failed > 0 { text += " (\(failed) could not be loaded)" }
        text += ", \(run.rules.count) rules: \(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(plural(count(.note), "note"))"
        return text
    }

    private func bold(_ text: String) -> String {
        color ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func paint(_ text: String, _ level: Severity) -> String {
        guard color else { return text }
        let code: String
        switch level {
        case .error: code = "1;31"
        case .warning: code = "1;33"
        case .note: code = "1;36"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
