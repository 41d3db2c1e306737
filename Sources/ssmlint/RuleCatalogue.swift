import SSMLintKit
import SSMLintRules

/// The rules this binary knows: the built-in registry generated from rules/*.yaml.
enum RuleCatalogue {
    static let rules: [any Rule] = BuiltInRules.make()
    static var definitions: [RuleDefinition] { rules.map(\.definition) }

    static func find(_ name: String) -> (any Rule)? {
        rules.first {
            $0.definition.id.caseInsensitiveCompare(name) == .orderedSame
                || $0.definition.slug.caseInsensitiveCompare(name) == .orderedSame
        }
    }
}
