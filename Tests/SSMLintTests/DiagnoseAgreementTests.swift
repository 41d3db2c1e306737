import Foundation
@testable import ssmlint
import SSMLintAnalysis
import SSMLintEngine
import SSMLintLoaders
import SSMLintRules
@testable import SSMLintScan
import Testing

/// `ssmlint diagnose` answers the agent's run-time checklist from the same
/// findings as `scan`: on every rule example and seed fixture, a row that
/// fails or warns names a finding scan reports, and a finding about a target
/// never leaves that target's row for the rule saying pass.
@Suite("diagnose and scan agree")
struct DiagnoseAgreementTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let input: String
        let options: LoadOptions
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let examples = BuiltInRules.all.flatMap { rule in
            rule.definition.examples.map {
                Case(name: "\(rule.id) \($0.name)", input: $0.input, options: LoadOptions(parameters: $0.parameters, region: $0.region))
            }
        }
        let directory = Paths.fixtures.appendingPathComponent("seeds")
        let seeds = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
            .filter { $0.hasSuffix(".yaml") }
            .compactMap { name in
                (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)).map {
                    Case(name: name, input: $0, options: LoadOptions())
                }
            }
        return examples + seeds
    }()

    @Test("the seed fixtures are among the cases")
    func seedsPresent() {
        #expect(Self.cases.filter { $0.name.hasPrefix("seed") }.count >= 10)
    }

    @Test("diagnose rows agree with scan findings", arguments: cases)
    func agree(_ testCase: Case) throws {
        guard case .success(let loaded) = InputLoader.load(bytes: Array(testCase.input.utf8), file: testCase.name, options: testCase.options) else { return }
        let context = RuleContext(model: loaded.model)
        let findings = Engine(rules: BuiltInRules.all).run(context).findings
        let diagnosis = Diagnosis(analysis: context.analysis, findings: findings)
        let decisive = findings.filter { $0.level == .error || $0.level == .warning }
        let reported = Set(decisive.map(\.ruleID))
        for target in diagnosis.targets {
            for check in target.checks where check.status == .fail || check.status == .warn {
                #expect(!check.rules.isEmpty, "\(target.displayName) \(check.name) fails without a finding: \(check.reason)")
                for rule in check.rules { #expect(reported.contains(rule), "\(target.displayName) \(check.name) names \(rule), which scan does not report") }
            }
        }
        let rowRules: [String: Set<String>] = Dictionary(uniqueKeysWithValues: Diagnosis.Row.allCases.map { row in (row.name(nil), row.rules) })
        let covered = rowRules.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        for finding in decisive where covered.contains(finding.ruleID) {
            let named = Set([finding.resource] + finding.related.map(\.resource))
            for target in diagnosis.targets where named.contains(target.resource) {
                let rows = target.checks.filter { $0.rules.contains(finding.ruleID) }
                #expect(!rows.isEmpty, "\(finding.ruleID) names \(target.displayName), but no diagnose row of it reports that rule: \(finding.message)")
                #expect(rows.allSatisfy { $0.status != .pass })
            }
        }
    }

    @Test("console table and JSON: one row per check, statuses, exit status 1 on a failing row")
    func command() throws {
        let fixture = Paths.fixtures.appendingPathComponent("seeds/seed004-without-ssmmessages.yaml")
        let result = try CLI.run(["diagnose", fixture.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("ssmmessages: route"))
        #expect(result.stdout.contains("FAIL    SSM002 VPC VPC has no ssmmessages endpoint"))
        #expect(result.stdout.contains("ssm: TCP 443"))
        let json = try CLI.run(["diagnose", fixture.path, "--format", "json", "--instance", "Instance"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let inputs = try #require(object["inputs"] as? [[String: Any]])
        let targets = try #require(inputs.first?["targets"] as? [[String: Any]])
        let checks = try #require(targets.first?["checks"] as? [[String: Any]])
        #expect(checks.count == 10)
        #expect(checks.contains { $0["check"] as? String == "ssmmessages: route" && $0["status"] as? String == "fail" && ($0["rules"] as? [String]) == ["SSM002"] })
        let clean = Paths.fixtures.appendingPathComponent("seeds/seed004-private-subnet-ssm.yaml")
        #expect(try CLI.run(["diagnose", clean.path]).status == 0)
        let unknown = try CLI.run(["diagnose", clean.path, "--instance", "NoSuchInstance"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no compute target named NoSuchInstance"))
        let missing = try CLI.run(["diagnose", "/nonexistent/stack.yaml", fixture.path])
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("ssmmessages: route"), "the other input is still diagnosed")
    }
}
