/// The (rule, resource) pairs of one input's scan, rule by rule in rule order:
/// each rule's list is the array its report made, not a copy that repeats
/// the rule's ID on every element (tens of thousands on a large input).
public struct Evaluations: Sendable, Sequence, ExpressibleByArrayLiteral {
    private var rules: [(ruleID: String, resources: [ResourceID])] = []
    public private(set) var count = 0

    public init() {}

    /// Pairs in order; consecutive pairs of one rule share its list.
    public init(arrayLiteral elements: Evaluation...) {
        for element in elements { append(element) }
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func append(rule ruleID: String, resources: [ResourceID]) {
        guard !resources.isEmpty else { return }
        rules.append((ruleID, resources))
        count += resources.count
    }

    public mutating func append(_ evaluation: Evaluation) {
        if let last = rules.indices.last, rules[last].ruleID == evaluation.ruleID {
            rules[last].resources.append(evaluation.resource)
            count += 1
        } else {
            append(rule: evaluation.ruleID, resources: [evaluation.resource])
        }
    }

    /// The pairs `isIncluded` accepts, in the same order.
    public func keeping(where isIncluded: (Evaluation) -> Bool) -> Evaluations {
        var kept = Evaluations()
        for rule in rules {
            kept.append(rule: rule.ruleID, resources: rule.resources.filter { isIncluded(Evaluation(ruleID: rule.ruleID, resource: $0)) })
        }
        return kept
    }

    public func makeIterator() -> some IteratorProtocol<Evaluation> {
        rules.lazy.flatMap { rule in rule.resources.lazy.map { Evaluation(ruleID: rule.ruleID, resource: $0) } }.makeIterator()
    }

    public var underestimatedCount: Int { count }
}
