import Foundation
import SSMLintEngine

/// A rule whose logic is a `check:` block (rule packs, and built-in rules that
/// need no Swift): every resource of its types must satisfy the condition; a
/// definite false is a finding, an unknown value is silence (a note with
/// --show-unresolved), as for every rule.
public struct DeclarativeRule: Rule {
    public let condition: CheckCondition
    public let resourceTypes: Set<String>
    /// The finding's message, with `{resource}`, `{type}`, `{file}` and `{path}` filled in.
    public let messageTemplate: String
    /// The condition's `matches:` patterns, compiled once.
    let patterns: [String: PackPattern]

    public init(condition: CheckCondition, resourceTypes: [String], messageTemplate: String) {
        self.condition = condition
        self.resourceTypes = Set(resourceTypes)
        self.messageTemplate = messageTemplate
        self.patterns = CheckEvaluator.patterns(in: condition)
    }

    /// The rule a definition's `check:` block describes; nil when it has none.
    public static func registered(_ definition: RuleDefinition) -> RegisteredRule? {
        guard let condition = definition.check else { return nil }
        let template = definition.message ?? "{resource} ({type}) does not satisfy \(definition.id): \(definition.name)"
        return RegisteredRule(definition: definition, implementation: DeclarativeRule(
            condition: condition, resourceTypes: definition.resourceTypes, messageTemplate: template))
    }

    public var readsResourceProperties: Bool { true }

    public func check(_ context: RuleContext, _ report: inout RuleReport) {
        for resource in context.model.resources where resourceTypes.contains(resource.info.type) {
            report.evaluated(resource.info.id)
            switch CheckEvaluator(type: resource.info.type, patterns: patterns).evaluate(condition, resource.properties) {
            case .known(true), .absent:
                continue
            case .known(false):
                report.violation(at: resource.info, message: message(for: resource), key: "check")
            case .unknown(let reason):
                report.unresolved(at: resource.info, check: "the check on \(resource.info.id)", reason: reason, key: "check")
            }
        }
    }

    private func message(for resource: Resource) -> String {
        messageTemplate
            .replacingOccurrences(of: "{resource}", with: resource.info.id.rawValue)
            .replacingOccurrences(of: "{type}", with: resource.info.type)
            .replacingOccurrences(of: "{file}", with: resource.info.location.file)
            .replacingOccurrences(of: "{path}", with: CheckEvaluator.pathText(condition))
    }
}

/// Evaluates check conditions over resolved property trees with three-valued logic.
struct CheckEvaluator {
    let type: String
    /// The check's `matches:` patterns, compiled when the rule was made.
    let patterns: [String: PackPattern]

    /// Compiles every pattern of a condition (the pack loader has already
    /// rejected those that do not compile).
    static func patterns(in condition: CheckCondition) -> [String: PackPattern] {
        switch condition {
        case .all(let items), .any(let items):
            return items.reduce(into: [:]) { $0.merge(patterns(in: $1)) { first, _ in first } }
        case .not(let inner):
            return patterns(in: inner)
        case .test(_, .matches(let source)):
            return (try? PackPattern(source)).map { [source: $0] } ?? [:]
        case .test:
            return [:]
        }
    }

    func evaluate(_ condition: CheckCondition, _ properties: PropertyValue) -> Value<Bool> {
        switch condition {
        case .not(let inner):
            return evaluate(inner, properties).map { !$0 }
        case .all(let items):
            var pending: Unresolved?
            for item in items {
                switch evaluate(item, properties) {
                case .known(false): return .known(false)
                case .unknown(let reason): pending = pending ?? reason
                default: break
                }
            }
            return pending.map { .unknown($0) } ?? .known(true)
        case .any(let items):
            var pending: Unresolved?
            for item in items {
                switch evaluate(item, properties) {
                case .known(true): return .known(true)
                case .unknown(let reason): pending = pending ?? reason
                default: break
                }
            }
            return pending.map { .unknown($0) } ?? .known(false)
        case .test(let path, let op):
            // A path without an entry for this resource type does not apply to it.
            guard let steps = path.steps(for: type) else { return .absent }
            var pending: Unresolved?
            for value in values(properties, steps[...]) {
                switch test(op, value) {
                case .known(false): return .known(false)
                case .unknown(let reason): pending = pending ?? reason
                default: break
                }
            }
            return pending.map { .unknown($0) } ?? .known(true)
        }
    }

    /// The values a path reaches; nil stands for "not set". `[*]` fans out.
    private func values(_ value: PropertyValue?, _ steps: ArraySlice<CheckPath.PathStep>) -> [PropertyValue?] {
        guard let step = steps.first else { return [value] }
        // "Every element" of a list that is not set is every element of an empty list.
        guard let value else { return steps.contains(.every) ? [] : [nil] }
        if case .unknown = value.kind { return [value] }
        let rest = steps.dropFirst()
        switch step {
        case .key(let key):
            guard case .map = value.kind else {
                return value.list.map { _ in [PropertyValue(.unknown(Unresolved("expected a mapping at '\(key)'")), range: value.range)] } ?? [nil]
            }
            return values(value[key], rest)
        case .index(let index):
            guard let items = value.list else { return [nil] }
            return values(index < items.count ? items[index] : nil, rest)
        case .every:
            guard let items = value.list else { return value.kind.isNull ? [] : [nil] }
            return items.flatMap { values($0, rest) }
        }
    }

    private func test(_ op: CheckOperator, _ value: PropertyValue?) -> Value<Bool> {
        if let value {
            switch value.kind {
            case .unknown(let reason): return .unknown(reason)
            case .text(let text): return .unknown(Unresolved("'\(text)' is known only at deploy time"))
            case .reference(let id, let attribute):
                if case .exists(let flag) = op { return .known(flag) }
                return .unknown(Unresolved("the value is \(id)\(attribute.map { ".\($0)" } ?? ""), known only at deploy time"))
            default: break
            }
        }
        let isSet = value != nil && { if case .null = value!.kind { return false } else { return true } }()
        switch op {
        case .exists(let flag): return .known(isSet == flag)
        case .equals(let expected): return .known(Self.equal(value, expected))
        case .notEquals(let expected): return .known(!Self.equal(value, expected))
        case .isIn(let options): return .known(options.contains { Self.equal(value, $0) })
        case .notIn(let options): return .known(!options.contains { Self.equal(value, $0) })
        case .matches(let source):
            guard let text = value?.scalar else { return .known(false) }
            guard let pattern = patterns[source] else {
                return .unknown(Unresolved("the pattern /\(source)/ is outside the supported regular expression syntax"))
            }
            guard let matched = pattern.matches(text) else {
                return .unknown(Unresolved("the value is too long to match against /\(source)/ within ssmlint's step limit"))
            }
            return .known(matched)
        case .lessThan(let limit):
            guard let number = value?.scalar.flatMap(Double.init) else { return .known(false) }
            return .known(number < limit)
        case .greaterThan(let limit):
            guard let number = value?.scalar.flatMap(Double.init) else { return .known(false) }
            return .known(number > limit)
        }
    }

    static func equal(_ value: PropertyValue?, _ expected: CheckValue) -> Bool {
        guard let value, case .scalar(let text) = value.kind else {
            if case .null = expected { return value == nil || value?.kind.isNull == true }
            return false
        }
        switch expected {
        case .string(let string): return text == string
        case .bool(let flag): return text.lowercased() == (flag ? "true" : "false")
        case .number(let number): return Double(text) == number
        case .null: return false
        }
    }

    static func pathText(_ condition: CheckCondition) -> String {
        switch condition {
        case .test(let path, _): return path.text
        case .not(let inner): return pathText(inner)
        case .all(let items), .any(let items): return items.map(pathText).joined(separator: ", ")
        }
    }
}

extension PropertyValue.Kind {
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
