import SSMLintKit
import SSMLintLoaders
import SSMLintRules
import Testing

/// Every example in rules/*.yaml runs through the real loader and engine with
/// only its rule enabled, and must give exactly the findings it lists.
@Suite("Rule examples")
struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let rule: RuleDefinition
        let example: RuleExample
        var testDescription: String { "\(rule.id) \(example.name)" }
    }

    static let cases: [Case] = BuiltInRules.definitions.flatMap { rule in rule.examples.map { Case(rule: rule, example: $0) } }

    @Test("example gives exactly its expected findings", arguments: cases)
    func example(_ testCase: Case) throws {
        let findings = try Scan.findings(testCase.example.input, rule: testCase.rule.id,
                                         parameters: testCase.example.parameters, region: testCase.example.region)
        let actual = findings.map { ExpectedFinding(resource: $0.resource.rawValue, level: $0.level) }
        #expect(actual.sorted(by: Self.order) == testCase.example.expected.sorted(by: Self.order),
                "\(findings.map { "\($0.resource): \($0.message)" }.joined(separator: "\n"))")
    }

    @Test("every rule has triggering and non-triggering examples")
    func coverage() {
        for rule in BuiltInRules.definitions {
            let triggering = rule.examples.filter(\.isTriggering).count
            #expect(triggering > 0, "\(rule.id) has no triggering example")
            #expect(triggering < rule.examples.count, "\(rule.id) has no non-triggering example")
        }
    }

    static func order(_ a: ExpectedFinding, _ b: ExpectedFinding) -> Bool {
        (a.resource, a.level.rawValue) < (b.resource, b.level.rawValue)
    }
}
