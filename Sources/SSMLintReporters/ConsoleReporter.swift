import SSMLintEngine

/// Clang/Xcode-style lines that editors jump to, then a summary:
/// `path:line:col: error: [SSM006 ssh-open-to-world] message`. The fix and the
/// related resources follow on indented lines, so that they are not taken for
/// findings of their own. With `quiet`, only what makes the run fail is
/// listed: input errors, rule failures and error findings that count (not
/// suppressed, not already in the baseline).
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
        let safe = ReportText.oneLine
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
            for warning in input.warnings where !settings.quiet {
                let position = warning.position.map { ":\($0.line):\($0.column)" } ?? ""
                output += "\(bold("\(safe(warning.file ?? input.path))\(position):")) \(paint("warning:", .warning)) \(safe(warning.message))\n"
            }
            for finding in input.findings where isListed(finding) {
                let start = finding.location.range.start
                let tag = [finding.ruleID, slugs[finding.ruleID]].compactMap { $0 }.joined(separator: " ")
                var level = paint("\(finding.level.rawValue):", finding.level)
                if finding.suppression != nil { level = "suppressed \(finding.level.rawValue):" }
                var line = "\(bold("\(safe(finding.location.file(in: input))):\(start.line):\(start.column):")) \(level) [\(safe(tag))] \(safe(finding.message))"
                if finding.baselineState == .unchanged { line += " (in the baseline)" }
                if finding.trend == .new, let comparison = run.comparison { line += " (new since \(comparison.label))" }
                output += line + "\n"
                if let suppression = finding.suppression {
                    output += "    suppressed at \(safe(suppression.origin)): \(safe(suppression.reason))\(suppression.expires.map { " (until \($0))" } ?? "")\n"
                }
                if let expired = finding.expiredSuppression {
                    output += "    the suppression at \(safe(expired.origin)) expired on \(expired.expires.map(\.description) ?? "?"): \(safe(expired.reason))\n"
                }
                if let fix = finding.fix { output += "    fix: \(safe(fix))\n" }
                for related in finding.related {
                    let position = related.location.range.start
                    output += "    - \(safe(related.resource.rawValue)) (\(safe(related.location.file(in: input))):\(position.line):\(position.column)): \(safe(related.message))\n"
                }
            }
        }
        if settings.verbose && !settings.quiet {
            for skipped in run.skipped { output += "\(safe(skipped.path)): skipped: \(safe(skipped.reason))\n" }
        }
        output += RunSummary(run: run).line + "\n"
        return output
    }

    private func isListed(_ finding: Finding) -> Bool {
        if settings.quiet { return finding.level == .error && finding.counts }
        return finding.suppression == nil || settings.showSuppressed
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
