import Foundation
import SSMLintEngine
import SSMLintPacks
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
    /// Expectations for rules that do not exist yet, kept in the cases so that the
    /// rule's arrival is checked against them. Each is listed with why; once the
    /// rule is implemented its entry must go (a test checks that).
    static let pendingRules: [String: String] = [:]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var expected: [String]
        var pending: [String]
        var counterparts: [String]
        /// Why the case cannot be read (a missing plan, an unparsable expect.yaml); nil when it can.
        var problem: String?
        var testDescription: String { name }
    }

    static func yaml(_ url: URL) throws -> YAMLNode? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try YAMLParser.parse([UInt8](data))
    }

    static let cases: [Case] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name in
            let folder = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
            var item = Case(name: name, expected: [], pending: [], counterparts: [])
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("plan.json").path) else {
                item.problem = "no plan.json (run scripts/generate-terraform-fixtures)"
                return item
            }
            let expect: YAMLNode
            do {
                guard let node = try yaml(folder.appendingPathComponent("expect.yaml")) else {
                    item.problem = "no expect.yaml"
                    return item
                }
                expect = node
            } catch {
                item.problem = "expect.yaml does not parse: \(error)"
                return item
            }
            guard let entries = expect["expect"]?.sequence else {
                item.problem = "expect.yaml has no 'expect' list ([] for a case without findings)"
                return item
            }
            for entry in entries {
                guard let rule = entry["rule"]?.scalar, let resource = entry["resource"]?.scalar, let level = entry["level"]?.scalar,
                      Severity(rawValue: level) != nil else {
                    item.problem = "expect.yaml: every entry needs rule, resource and level (error, warning or note)"
                    return item
                }
                if implemented.contains(rule) {
                    item.expected.append("\(rule) \(level) \(resource)")
                } else if pendingRules[rule] != nil {
                    item.pending.append(rule)
                } else {
                    item.problem = "expect.yaml expects \(rule), which is neither implemented nor listed as pending"
                    return item
                }
            }
            item.expected.sort()
            item.counterparts = (expect["counterparts"]?.sequence ?? []).compactMap(\.scalar)
            return item
        }
    }()

    @Test("a Terraform case gives exactly its expected findings", arguments: cases)
    func example(_ item: Case) throws {
        if let problem = item.problem { Issue.record("\(item.name): \(problem)"); return }
        let url = Self.directory.appendingPathComponent("\(item.name)/plan.json")
        let loaded = InputLoader.load(bytes: [UInt8](try Data(contentsOf: url)), file: "plan.json", options: LoadOptions())
        let model = try loaded.get().model
        let findings = Engine(rules: BuiltInRules.all).run(RuleContext(model: model)).findings
        let actual = findings.map { "\($0.ruleID) \($0.level.rawValue) \($0.resource)" }.sorted()
        #expect(actual == item.expected, "\(findings.map { "\($0.ruleID) \($0.resource): \($0.message)" }.joined(separator: "\n"))")
    }

    @Test("pending rules are really pending, and every case was read")
    func pending() {
        let stale = Self.pendingRules.keys.filter { Self.implemented.contains($0) }
        #expect(stale.isEmpty, "implemented now, remove from pendingRules: \(stale)")
        #expect(Self.cases.count >= 100, "only \(Self.cases.count) Terraform cases were found in \(Self.directory.path)")
    }

    @Test("every CloudFormation rule example has a Terraform counterpart or a waiver")
    func counterparts() throws {
        var covered = Set(Self.cases.flatMap(\.counterparts))
        let waivers = (try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)).filter { $0.hasPrefix("WAIVERS") }
        for file in waivers {
            for item in try Self.yaml(Self.directory.appendingPathComponent(file))?.sequence ?? [] {
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
