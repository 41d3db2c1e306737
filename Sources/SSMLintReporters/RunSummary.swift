import SSMLintEngine

/// The counts every human-readable report ends with, in one wording.
struct RunSummary {
    let run: ScanRun

    func plural(_ number: Int, _ word: String) -> String { "\(number) \(word)\(number == 1 ? "" : "s")" }

    /// `ssmlint: 12 inputs scanned (1 could not be loaded), 3 files skipped: …, 10 rules: 2 errors, …`
    var line: String {
        func count(_ level: Severity) -> Int { run.countFindings { $0.suppression == nil && $0.level == level } }
        let failed = run.inputs.filter { $0.failure != nil }.count
        var text = "ssmlint: \(plural(run.inputs.count, "input")) scanned"
        if failed > 0 { text += " (\(failed) could not be loaded)" }
        if !run.skipped.isEmpty { text += ", \(plural(run.skipped.count, "file")) skipped: not a template or plan" }
        text += ", \(run.rules.count) rules: \(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(plural(count(.note), "note"))"
        if !accepted.isEmpty { text += " (" + accepted.joined(separator: "; ") + ")" }
        if let trend { text += "; \(trend)" }
        return text
    }

    /// With --compare: `3 new, 5 fixed since nightly.json` (findings that count or
    /// are suppressed alike: a trend is about the code, not about the decisions).
    var trend: String? {
        guard let comparison = run.comparison else { return nil }
        let new = run.countFindings { $0.trend == .new }
        return "\(new) new, \(comparison.fixed.count) fixed since \(comparison.label)"
    }

    /// What suppressions and the baseline did: `2 suppressed`, `1 suppression expired`,
    /// `baseline: 1 new, 3 unchanged, 1 gone` (empty when neither was used).
    var accepted: [String] {
        var parts: [String] = []
        let suppressed = run.countFindings { $0.suppression != nil }
        if suppressed > 0 { parts.append("\(suppressed) suppressed") }
        let expired = run.countFindings { $0.expiredSuppression != nil }
        if expired > 0 { parts.append("\(plural(expired, "suppression")) expired") }
        if let absent = run.baselineAbsent {
            let new = run.countFindings { $0.baselineState == .new && $0.suppression == nil }
            let unchanged = run.countFindings { $0.baselineState == .unchanged && $0.suppression == nil }
            parts.append("baseline: \(new) new, \(unchanged) unchanged, \(absent.count) gone")
        }
        return parts
    }
}
