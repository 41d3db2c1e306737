import Dispatch

/// Runs the selected rules over one model and turns their reports into
/// findings, with levels taken from each rule's metadata.
public struct Engine: Sendable {
    public struct Options: Sendable {
        /// Emit a note for every check that stayed silent on an unknown value.
        public var showUnresolved: Bool

        public init(showUnresolved: Bool = false) {
            self.showUnresolved = showUnresolved
        }
    }

    public let rules: [RegisteredRule]
    public let options: Options

    public init(rules: [RegisteredRule], options: Options = Options()) {
        self.rules = rules
        self.options = options
    }

    public struct Result: Sendable {
        public var findings: [Finding]
        public var evaluations: Evaluations
        public var toolErrors: [String] = []
    }

    /// Whether any rule reads the generic property trees, which loaders then keep.
    public var readsResourceProperties: Bool {
        rules.contains { $0.implementation.readsResourceProperties }
    }

    public func run(_ context: RuleContext) -> Result {
        var reports = reports(context)
        // Sized once: on a large input it is among the largest arrays the scan
        // holds, and regrowing it would leave up to half unused.
        var findings: [Finding] = []
        findings.reserveCapacity(reports.reduce(0) { $0 + $1.entries.count })
        var evaluations = Evaluations()
        var toolErrors: [String] = []
        for (rule, index) in zip(rules, reports.indices) {
            // Each report is released once turned into findings, so the
            // reports and the findings made from them are not all held at once.
            let report = reports[index]
            reports[index] = RuleReport()
            let definition = rule.definition
            toolErrors += report.toolErrors
            evaluations.append(rule: definition.id, resources: report.evaluated)
            for entry in report.entries {
                let isUnresolved = entry.unresolved != nil
                if isUnresolved && !options.showUnresolved { continue }
                findings.append(Finding(
                    ruleID: definition.id,
                    level: isUnresolved ? .note : definition.level(forVariant: entry.variant),
                    message: entry.message, fix: entry.fix, resource: entry.resource, location: entry.location,
                    related: entry.related, key: entry.key, isUnresolved: isUnresolved))
            }
        }
        return Result(findings: findings, evaluations: evaluations, toolErrors: toolErrors)
    }

    /// Every rule's report, in rule order. Rules only read the context (the
    /// values they share are made under a lock), so they run in parallel: on a
    /// large template they are about a third of the run. Each rule writes its
    /// own slot and the findings are merged in rule order afterwards, so the
    /// output never depends on scheduling.
    private func reports(_ context: RuleContext) -> [RuleReport] {
        var reports = [RuleReport](repeating: RuleReport(), count: rules.count)
        reports.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            let rules = self.rules
            DispatchQueue.concurrentPerform(iterations: rules.count) { index in
                rules[index].implementation.check(context, &slots[index])
                slots[index].finish()
            }
        }
        return reports
    }
}
