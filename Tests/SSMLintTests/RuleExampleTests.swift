import SSMLintEngine
import SSMLintRules
import SSMLintScan
import Testing

/// Every example in rules/*.yaml runs through the real loader and engine with
/// only its rule enabled (the runner `ssmlint rules --verify` uses), and must
/// give exactly the findings it lists: resources, levels, and where an example
/// says so, message text and location.
@Suite("Rule examples")
struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let rule: RegisteredRule
        let example: RuleExample
        var testDescription: String { "\(rule.id) \(example.name)" }
    }

    static let cases: [Case] = BuiltInRules.all.flatMap { rule in rule.definition.examples.map { Case(rule: rule, example: $0) } }

    @Test("example gives exactly its expected findings", arguments: cases)
    func example(_ testCase: Case) {
        let failure = ExampleRunner.verify(testCase.rule, example: testCase.example)
        #expect(failure == nil, "\(failure?.message ?? "")")
    }

    @Test("every rule has triggering and non-triggering examples")
    func coverage() {
        for rule in BuiltInRules.definitions {
            let triggering = rule.examples.filter(\.isTriggering).count
            #expect(triggering > 0, "\(rule.id) has no triggering example")
            #expect(triggering < rule.examples.count, "\(rule.id) has no non-triggering example")
        }
    }

    @Test("the runner fails an example whose expectation is not met")
    func runnerCatchesMismatches() throws {
        let rule = try #require(BuiltInRules.all.first { $0.id == "SSM006" })
        var example = try #require(rule.definition.examples.first { $0.isTriggering })
        #expect(ExampleRunner.verify(rule, example: example) == nil)
        // A dropped expectation, a wrong level, a message the finding does not say,
        // a wrong location: each one must fail.
        var dropped = example
        dropped.expected.removeLast()
        #expect(ExampleRunner.verify(rule, example: dropped) != nil)
        var wrongLevel = example
        wrongLevel.expected[0].level = .warning
        #expect(ExampleRunner.verify(rule, example: wrongLevel) != nil)
        example.expected[0].message = "this text is in no message"
        #expect(ExampleRunner.verify(rule, example: example) != nil)
        example.expected[0].message = nil
        example.expected[0].at = "Resources/Nowhere"
        #expect(ExampleRunner.verify(rule, example: example) != nil)
    }
}
