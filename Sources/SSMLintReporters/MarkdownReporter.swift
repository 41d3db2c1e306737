import SSMLintEngine

/// A short Markdown summary for `$GITHUB_STEP_SUMMARY` or a merge-request
/// comment: the verdict, inputs that could not be scanned, counts per rule and
/// per file, then the errors that fail the run with their fix, and what
/// suppressions and the baseline accepted.
///
/// - Everything a template, plan or file name controls is escaped for
///   Markdown and HTML (no raw tags, no table-breaking pipes, no code spans,
///   no @mentions), and kept on one line.
/// - The report stays under `byteLimit` (by default 60,000 bytes: a GitHub
///   comment holds 65,536 characters, a step summary 1 MiB); what does not fit
///   is cut at a line, with a note saying how much was left out.
public struct MarkdownReporter: Reporter {
    public static let defaultByteLimit = 60_000
    /// Files listed in the per-file table; the rest are counted.
    public static let fileRows = 50

    public var byteLimit: Int

    public init(byteLimit: Int = MarkdownReporter.defaultByteLimit) {
        self.byteLimit = byteLimit
    }

    private struct Counts {
        var errors = 0, warnings = 0, notes = 0

        mutating func add(_ level: Severity) {
            switch level {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }

        var cells: String { "\(errors) | \(warnings) | \(notes)" }
    }

    public func render(_ run: ScanRun) throws -> String {
        let summary = RunSummary(run: run)
        let shown = run.inputs.map { input in (input, input.findings.filter { $0.suppression == nil }) }
        var total = Counts()
        for (_, findings) in shown { for finding in findings { total.add(finding.level) } }
        var lines: [String] = []

        let verdict: String
        switch run.exitStatus {
        case .success: verdict = "passed"
        case .findings: verdict = "failed"
        case .inputError: verdict = "failed: some inputs could not be scanned"
        case .internalError: verdict = "failed: a rule could not run"
        case .usage: verdict = "failed"
        }
        lines.append("## ssmlint \(verdict)")
        lines.append("")
        let unreadable = run.inputs.filter { $0.failure != nil }.count
        lines.append("\(summary.plural(run.inputs.count, "input")) scanned" + (unreadable > 0 ? " (\(unreadable) could not be loaded)" : "")
                     + ": **\(summary.plural(total.errors, "error"))**, \(summary.plural(total.warnings, "warning")), "
                     + "\(summary.plural(total.notes, "note")).")
        if let trend = summary.trend { lines += ["", Self.escape(trend.prefix(1).uppercased() + trend.dropFirst()) + "."] }

        let failed = run.inputs.filter { $0.failure != nil || !$0.toolErrors.isEmpty }
        if !failed.isEmpty {
            lines += ["", "### Inputs that could not be scanned", ""]
            for input in failed {
                if let failure = input.failure {
                    let position = failure.position.map { ":\($0.line):\($0.column)" } ?? ""
                    lines.append("- **\(Self.escape(input.path))\(position)**: \(Self.escape(failure.message))")
                }
                for error in input.toolErrors {
                    lines.append("- **\(Self.escape(input.path))**: a rule failed: \(Self.escape(error))")
                }
            }
        }

        if total.errors + total.warnings + total.notes > 0 {
            var byRule: [String: Counts] = [:]
            var byFile: [(path: String, counts: Counts)] = []
            for (input, findings) in shown where !findings.isEmpty {
                var counts = Counts()
                for finding in findings {
                    counts.add(finding.level)
                    byRule[finding.ruleID, default: Counts()].add(finding.level)
                }
                byFile.append((input.path, counts))
            }
            let order = run.rules.map(\.id) + byRule.keys.sorted().filter { id in !run.rules.contains { $0.id == id } }
            lines += ["", "### Findings by rule", "", "| Rule | Errors | Warnings | Notes |", "|:--|--:|--:|--:|"]
            for id in order {
                guard let counts = byRule[id] else { continue }
                let name = run.definition(for: id).map { " \(Self.escape($0.slug))" } ?? ""
                lines.append("| \(Self.escape(id))\(name) | \(counts.cells) |")
            }
            // Most errors first, then most warnings and notes, then by path.
            byFile.sort { a, b in
                let x = (a.counts.errors, a.counts.warnings, a.counts.notes), y = (b.counts.errors, b.counts.warnings, b.counts.notes)
                return x != y ? x > y : a.path < b.path
            }
            lines += ["", "### Findings by file", "", "| File | Errors | Warnings | Notes |", "|:--|--:|--:|--:|"]
            for entry in byFile.prefix(Self.fileRows) {
                lines.append("| \(Self.escape(entry.path)) | \(entry.counts.cells) |")
            }
            if byFile.count > Self.fileRows {
                lines += ["", "\(summary.plural(byFile.count - Self.fileRows, "more file")) with findings not listed."]
            }
        }

        let errors = run.inputs.flatMap { input in
            input.findings.filter { $0.level == .error && $0.counts }.map { (finding: Finding) in (finding.location.file(in: input), finding) }
        }
        if !errors.isEmpty {
            lines += ["", run.baselineAbsent == nil ? "### Errors" : "### Errors not in the baseline", ""]
            for (path, finding) in errors {
                let start = finding.location.range.start
                let slug = run.definition(for: finding.ruleID).map { " \(Self.escape($0.slug))" } ?? ""
                lines.append("- **\(Self.escape(path)):\(start.line)** \(Self.escape(finding.ruleID))\(slug): \(Self.escape(finding.message))")
                if let expired = finding.expiredSuppression {
                    lines.append("  - The suppression at \(Self.escape(expired.origin)) expired on \(expired.expires.map(\.description) ?? "?").")
                }
                if let fix = finding.fix { lines.append("  - Fix: \(Self.escape(fix))") }
            }
        }

        var accepted = summary.accepted
        if !run.skipped.isEmpty { accepted.append("\(summary.plural(run.skipped.count, "file")) skipped: not a template or plan") }
        if !accepted.isEmpty {
            lines += ["", "Also: " + accepted.joined(separator: "; ") + "."]
        }
        return bounded(lines)
    }

    /// The lines, cut so that the report and the note about the cut fit the limit.
    private func bounded(_ lines: [String]) -> String {
        let full = lines.joined(separator: "\n") + "\n"
        guard full.utf8.count > byteLimit else { return full }
        var output = ""
        var size = 0
        var kept = 0
        let reserve = 200
        for line in lines {
            let length = line.utf8.count + 1
            if size + length > max(0, byteLimit - reserve) { break }
            output += line + "\n"
            size += length
            kept += 1
        }
        output += "\n> **Cut short**: this summary is limited to \(byteLimit) bytes; \(lines.count - kept) more lines were left out. "
            + "The job log and the SARIF or JSON report list every finding.\n"
        return output
    }

    /// Text safe inline in Markdown and HTML, on one line: HTML's special
    /// characters as entities; the punctuation that opens emphasis, code,
    /// links, strikethrough, math or a table cell backslash-escaped; a word
    /// joiner after `@` so that no one is mentioned. (Escaped text never
    /// starts a line, so list and heading markers need no escaping.)
    static func escape(_ text: String) -> String {
        var result = ""
        for character in ReportText.oneLine(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "@": result += "@\u{2060}"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "$":
                result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }
}
