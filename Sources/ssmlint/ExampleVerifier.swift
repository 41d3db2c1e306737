import SSMLintKit
import SSMLintLoaders

/// Runs a rule's own examples through the real loader and engine with only
/// that rule enabled (`ssmlint rules --verify DIR`).
enum ExampleVerifier {
    struct Failure {
        var rule: String
        var example: String
        var message: String
    }

    static func verify(_ rule: any Rule) -> [Failure] {
        rule.definition.examples.compactMap { example in
            let options = LoadOptions(parameters: example.parameters, region: example.region)
            switch InputLoader.load(bytes: Array(example.input.utf8), file: example.name, options: options) {
            case .failure(let error):
                return Failure(rule: rule.definition.id, example: example.name, message: "the example does not load: \(error.description)")
            case .success(let loaded):
                let result = Engine(rules: [rule]).run(RuleContext(model: loaded.model))
                if let error = result.toolErrors.first { return Failure(rule: rule.definition.id, example: example.name, message: error) }
                let actual = result.findings.map { ExpectedFinding(resource: $0.resource.rawValue, level: $0.level) }
                let order: (ExpectedFinding, ExpectedFinding) -> Bool = { ($0.resource, $0.level.rawValue) < ($1.resource, $1.level.rawValue) }
                guard actual.sorted(by: order) != example.expected.sorted(by: order) else { return nil }
                let got = actual.isEmpty ? "no finding" : actual.map(\.description).joined(separator: ", ")
                let want = example.expected.isEmpty ? "no finding" : example.expected.map(\.description).joined(separator: ", ")
                return Failure(rule: rule.definition.id, example: example.name, message: "expected \(want), got \(got)")
            }
        }
    }
}
