import Foundation
import SSMLintKit
import SSMLintLoaders
import SSMLintRules
import SSMLintYAML
import Testing

/// Every Terraform case in rules/examples/terraform (HCL plus the plan JSON
/// terraform made from it) gives exactly the findings its expect.yaml lists,
/// and every CloudFormation rule example has a Terraform counterpart (or a
/// written waiver).
@Suite("Terraform examples")
struct TerraformExampleTests {
    static let directory = Paths.repository.appendingPathComponent("rules/examples/terraform")
    static let implemented = Set(BuiltInRules.definitions.map(\.id))

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var expected: [String]
        var counterparts: [String]
        var testDescription: String { name }
    }

    static func yaml(_ url: URL) -> YAMLNode? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? YAMLParser.parse([UInt8](data))
    }

    static let cases: [Case] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name in
            let folder = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("plan.json").path),
                  let expect = yaml(folder.appendingPathComponent("expect.yaml")) else { return nil }
            let expected = (expect["expect"]?.sequence ?? []).compactMap { item -> String? in
                guard let rule = item["rule"]?.scalar, implemented.contains(rule),
                      let resource = item["resource"]?.scalar, let level = item["level"]?.scalar else { return nil }
                return "\(rule) \(level) \(resource)"
            }.sorted()
            let counterparts = (expect["counterparts"]?.sequence ?? []).compactMap(\.scalar)
            return Case(name: name, expected: expected, counterparts: counterparts)
        }
    }()

    @Test("a Terraform case gives exactly its expected findings", arguments: cases)
    func example(_ item: Case) throws {
        let url = Self.directory.appendingPathComponent("\(item.name)/plan.json")
        let loaded = InputLoader.load(bytes: [UInt8](try Data(contentsOf: url)), file: "plan.json", options: LoadOptions())
        let model = try loaded.get().model
        let findings = Engine(rules: BuiltInRules.make()).run(RuleContext(model: model)).findings
        let actual = findings.map { "\($0.ruleID) \($0.level.rawValue) \($0.resource)" }.sorted()
        #expect(actual == item.expected, "\(findings.map { "\($0.ruleID) \($0.resource): \($0.message)" }.joined(separator: "\n"))")
    }

    @Test("every CloudFormation rule example has a Terraform counterpart or a waiver")
    func counterparts() throws {
        var covered = Set(Self.cases.flatMap(\.counterparts))
        let waivers = (try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)).filter { $0.hasPrefix("WAIVERS") }
        for file in waivers {
            for item in Self.yaml(Self.directory.appendingPathComponent(file))?.sequence ?? [] {
                guard let example = item["example"]?.scalar, let reason = item["reason"]?.scalar, !reason.isEmpty else { continue }
                covered.insert(example)
            }
        }
        var missing: [String] = []
        for rule in BuiltInRules.definitions {
            for example in rule.examples where example.format == .cloudFormation {
                if !covered.contains("\(rule.id)/\(example.name)") { missing.append("\(rule.id)/\(example.name)") }
            }
        }
        #expect(missing.isEmpty, "no Terraform counterpart: \(missing.joined(separator: ", "))")
        let known = Set(BuiltInRules.definitions.flatMap { rule in rule.examples.map { "\(rule.id)/\($0.name)" } })
        let dangling = Self.cases.flatMap(\.counterparts).filter { !known.contains($0) }
        #expect(dangling.isEmpty, "counterparts naming no example: \(dangling)")
    }
}
