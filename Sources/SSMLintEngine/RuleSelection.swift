import Foundation

/// Which rules run: `--only` narrows to a set, `--disable` removes,
/// `--enable` puts back. Rules are named by ID or slug, case-insensitively.
public struct RuleSelection: Sendable {
    public var only: [String]
    public var enable: [String]
    public var disable: [String]

    public init(only: [String] = [], enable: [String] = [], disable: [String] = []) {
        self.only = only
        self.enable = enable
        self.disable = disable
    }

    public struct UnknownRule: Error, CustomStringConvertible {
        public var name: String
        public var option: String
        public var description: String { "\(option) names no known rule: '\(name)' (see 'ssmlint rules'; pack rules need --rules-dir or --plugin)" }
    }

    /// The selected definitions, in catalogue order; throws for names that match no rule.
    public func apply(to catalogue: [RuleDefinition]) throws(UnknownRule) -> [RuleDefinition] {
        func ids(_ names: [String], option: String) throws(UnknownRule) -> Set<String> {
            var result: Set<String> = []
            for raw in names {
                for name in raw.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                    guard let rule = catalogue.first(where: {
                        $0.id.caseInsensitiveCompare(name) == .orderedSame || $0.slug.caseInsensitiveCompare(name) == .orderedSame
                    }) else { throw UnknownRule(name: name, option: option) }
                    result.insert(rule.id)
                }
            }
            return result
        }
        let onlyIDs = try ids(only, option: "--only")
        let enabled = try ids(enable, option: "--enable")
        let disabled = try ids(disable, option: "--disable")
        return catalogue.filter { rule in
            if enabled.contains(rule.id) { return true }
            if disabled.contains(rule.id) { return false }
            return onlyIDs.isEmpty || onlyIDs.contains(rule.id)
        }
    }
}
