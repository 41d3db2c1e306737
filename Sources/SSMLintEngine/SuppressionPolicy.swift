/// Applies the suppressions that hold for a run, the config file's and each
/// input's own, to the findings of one input. A finding takes the first
/// suppression that has not expired; if only expired ones match, it counts
/// again and records the expired one so reports can say so.
public struct SuppressionPolicy: Sendable {
    public var configured: [SuppressionRule]
    public var rules: [RuleDefinition]
    /// The day expiries are compared with: the one given, or the current UTC
    /// day, read once the first time an expiry is checked (reading it sets up
    /// a calendar, a measurable part of a scan's start when nothing expires).
    public var today: CalendarDay {
        get { givenToday ?? Self.currentDay }
        set { givenToday = newValue }
    }
    private var givenToday: CalendarDay?
    private static let currentDay = CalendarDay.today

    public init(configured: [SuppressionRule] = [], rules: [RuleDefinition], today: CalendarDay? = nil) {
        self.configured = configured
        self.rules = rules
        self.givenToday = today
    }

    public func apply(to outcome: inout InputOutcome, directives: [IgnoreDirective]) {
        let own = SuppressionRule.fromDirectives(directives, path: outcome.path, known: rules)
        outcome.warnings += own.problems
        let candidates = configured + own.rules
        guard !candidates.isEmpty else { return }
        // Indexed by the rule they name, so a plan with thousands of findings and
        // per-resource suppressions is not compared pairwise.
        let definitions = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var byRule: [String: [SuppressionRule]] = [:]
        for candidate in candidates {
            let rule = rules.first { candidate.names($0.id, slug: $0.slug) }?.id ?? candidate.rule.uppercased()
            byRule[rule, default: []].append(candidate)
        }
        for index in outcome.findings.indices {
            let finding = outcome.findings[index]
            let slug = definitions[finding.ruleID]?.slug
            let matching = (byRule[finding.ruleID] ?? []).filter { $0.applies(to: finding, path: outcome.path, slug: slug) }
            if let active = matching.first(where: { $0.suppression.expires.map { $0 >= today } ?? true }) {
                outcome.findings[index].suppression = active.suppression
            } else if let expired = matching.first {
                outcome.findings[index].expiredSuppression = expired.suppression
            }
        }
    }
}
