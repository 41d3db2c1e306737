import SSMLintEngine
import SSMLintLoaders

/// Runs a rule's examples through the real loader and engine with only that
/// rule enabled, and compares the findings with what each example expects.
/// `ssmlint rules --verify` (rule packs) and the test suite (built-in rules)
/// both use it, so an example means the same thing everywhere.
public enum ExampleRunner {
    public struct Failure: Sendable, CustomStringConvertible {
        public var rule: String
        public var example: String
        public var message: String
        public var description: String { "\(rule) example '\(example)': \(message)" }
    }

    /// The failures of every example of `rule` (empty when all pass).
    public static func verify(_ rule: RegisteredRule) -> [Failure] {
        rule.definition.examples.compactMap { verify(rule, example: $0) }
    }

    /// Nil when the example gives exactly the findings it expects.
    public static func verify(_ rule: RegisteredRule, example: RuleExample) -> Failure? {
        func failure(_ message: String) -> Failure { Failure(rule: rule.id, example: example.name, message: message) }
        let options = LoadOptions(parameters: example.parameters, region: example.region)
        switch InputLoader.load(bytes: Array(example.input.utf8), file: example.name, options: options) {
        case .failure(let error):
            return failure("the example does not load: \(error.description)")
        case .success(let loaded):
            let result = Engine(rules: [rule]).run(RuleContext(model: loaded.model))
            if let error = result.toolErrors.first { return failure(error) }
            guard let mismatch = compare(result.findings, with: example.expected) else { return nil }
            return failure(mismatch)
        }
    }

    /// Why the findings differ from the expectations, or nil when they match:
    /// the same (resource, level) pairs, and each expected message part and
    /// location met by a distinct finding.
    public static func compare(_ findings: [Finding], with expected: [ExpectedFinding]) -> String? {
        var unmatched = findings
        var missing: [ExpectedFinding] = []
        // Most specific expectations first, so a bare one does not take the finding a detailed one needs.
        for expectation in expected.sorted(by: { ($0.message != nil || $0.at != nil) && !($1.message != nil || $1.at != nil) }) {
            if let index = unmatched.firstIndex(where: { matches($0, expectation) }) {
                unmatched.remove(at: index)
            } else {
                missing.append(expectation)
            }
        }
        if missing.isEmpty && unmatched.isEmpty { return nil }
        var parts: [String] = []
        if !missing.isEmpty { parts.append("expected \(missing.map(\.description).joined(separator: ", ")) but found none") }
        if !unmatched.isEmpty {
            parts.append("unexpected " + unmatched.map { "\($0.level.rawValue) on \($0.resource) at \($0.location.logicalPath): \($0.message)" }
                .joined(separator: "; "))
        }
        return parts.joined(separator: "; ")
    }

    static func matches(_ finding: Finding, _ expectation: ExpectedFinding) -> Bool {
        finding.resource.rawValue == expectation.resource && finding.level == expectation.level
            && (expectation.message.map { finding.message.contains($0) } ?? true)
            && (expectation.at.map { finding.location.logicalPath == $0 } ?? true)
    }
}
