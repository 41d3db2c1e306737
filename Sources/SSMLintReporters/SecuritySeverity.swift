import SSMLintEngine

/// The score GitHub code scanning turns into an alert's severity (Critical
/// 9.0+, High 7.0+, Medium 4.0+, Low below). GitHub reads it from the rule
/// descriptor, not from the result, and shows it instead of the result's
/// level, so a descriptor's score must agree with the level of the results
/// that point at it: a level caps the score. A note is at most Low (3.9), a
/// warning at most Medium (6.9), an error keeps the rule's own score. The cap
/// only lowers: a rule raised to error by the configuration keeps its score.
enum SecuritySeverity {
    static func score(_ rule: RuleDefinition, level: Severity) -> String {
        let ceiling: (value: Double, text: String)?
        switch level {
        case .note: ceiling = (3.9, "3.9")
        case .warning: ceiling = (6.9, "6.9")
        case .error: ceiling = nil
        }
        guard let ceiling, let score = Double(rule.securitySeverity), score > ceiling.value else { return rule.securitySeverity }
        return ceiling.text
    }

    /// Whether GitHub shows the score as High or Critical.
    static func isHighOrAbove(_ score: String) -> Bool {
        (Double(score) ?? 0) >= 7.0
    }
}
