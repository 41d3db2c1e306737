import SSMLintEngine

/// Clang/Xcode-style lines that editors jump to, then a summary:
/// `path:line:col: error: [SSM006 ssh-open-to-world] message`. The fix and the
/// related resources follow on indented lines, so that they are not taken for
/// findings of their own.
public struct ConsoleReporter: Reporter {
    public var settings: ReportSettings

    public init(settings: ReportSettings) {
        self.settings = settings
    }

    public init(color: Bool) {
        self.init(settings: ReportSettings(color: color, root: ""))
    }

    public func render(_ run: ScanRun) throws -> String {
        var output = ""
        let slugs = Dictionary(run.rules.map { ($0.id, $0.slug) }, uniquingKeysWith: { a, _ in a })
        for input in run.inputs {
            if let failure = input.failure {
                let position = failure.position.map { ":\($0.line):\($0.column)" } ?? ""
                output += "\(bold("\(input.path)\(position):")) \(paint("error:", .error)) \(failure.message)\n"
                continue
            }
            for error in input.toolErrors {
                output += "\(bold("\(input.path):")) \(paint("error:", .error)) \(error)\n"
            }
            for warning in input.warnings {
                let position = warning.position.map { ":\($0.line):\($0.column)" } ?? ""
                output += "\(bold("\(input.path)\(position):")) \(paint("warning:", .warning)) \(warning.message)\n"
            }
            for finding in input.findings where finding.suppression == nil || settings.showSuppressed {
                let start = finding.location.range.start
                let tag = [finding.ruleID, slugs[finding.ruleID]].compactMap { $0 }.joined(separator: " ")
                var level = paint("\(finding.level.rawValue):", finding.level)
                if finding.suppression != nil { level = "suppressed \(finding.level.rawValue):" }
                var line = "\(bold("\(input.path):\(start.line):\(start.column):")) \(level) [\(tag)] \(finding.message)"
                if finding.baselineState == .unchanged { line += " (in the baseline)" }
                output += line + "\n"
                if let suppression = finding.suppression {
                    output += "    suppressed at \(suppression.origin): \(suppression.reason)\(suppression.expires.map { " (until \($0))" } ?? "")\n"
                }
                if let expired = finding.expiredSuppression {
                    output += "    the suppression at \(expired.origin) expired on \(expired.expires.map(\.description) ?? "?"): \(expired.reason)\n"
                }
                if let fix = finding.fix { output += "    fix: \(fix)\n" }
                for related in finding.related {
                    let position = related.location.range.start
                    output += "    - \(related.resource) (\(input.path):\(position.line):\(position.column)): \(related.message)\n"
                }
            }
        }
        if settings.verbose {
            for skipped in run.skipped { output += "\(skipped.path): skipped: \(skipped.reason)\n" }
        }
        output += RunSummary(run: run).line + "\n"
        return output
    }

    private func bold(_ text: String) -> String {
        settings.color ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func paint(_ text: String, _ level: Severity) -> String {
        guard settings.color else { return text }
        let code: String
        switch level {
        case .error: code = "1;31"
        case .warning: code = "1;33"
        case .note: code = "1;36"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
