import Foundation
@testable import ssmlint
import SSMLintAnalysis
import SSMLintEngine
import SSMLintLoaders
import SSMLintRules
import Testing

/// `ssmlint paths` prints the per-service verdicts the rules draw their
/// conclusions from. On every rule example, what the findings say about a
/// target's path (no path, unknown, through NAT) must be what `paths` prints.
@Suite("paths and scan agree")
struct PathsAgreementTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let rule: String
        let example: RuleExample
        var testDescription: String { "\(rule) \(example.name)" }
    }

    static let cases: [Case] = BuiltInRules.all.flatMap { rule in rule.definition.examples.map { Case(rule: rule.id, example: $0) } }

    /// What `paths` printed for one target: the way out, one verdict per service, and its ways in.
    struct Printed {
        var wayOut = ""
        var services: [String: String] = [:]
        var access: [String] = []

        /// The EC2 Instance Connect Endpoint lines naming `endpoint`.
        func instanceConnect(_ endpoint: ResourceID) -> [String] {
            access.filter { $0.hasPrefix("EC2 Instance Connect Endpoint:") && $0.contains("[\(endpoint.rawValue)") }
        }

        var sessionManager: String? { access.first { $0.hasPrefix("Session Manager") } }
    }

    /// Parses `PathsCommand.describe` output: a header line per target, then indented facts.
    static func printed(_ text: String) -> [Printed] {
        var result: [Printed] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if !line.hasPrefix(" ") { result.append(Printed()); continue }
            guard !result.isEmpty else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let label = String(trimmed[..<colon]), value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if label == "way out" { result[result.count - 1].wayOut = value }
            if label == "access" { result[result.count - 1].access.append(value) }
            if SSMService(rawValue: label) != nil { result[result.count - 1].services[label] = value }
        }
        return result
    }

    @Test("paths prints what the findings conclude", arguments: cases)
    func agree(_ testCase: Case) throws {
        let example = testCase.example
        let options = LoadOptions(parameters: example.parameters, region: example.region)
        guard case .success(let loaded) = InputLoader.load(bytes: Array(example.input.utf8), file: example.name, options: options) else { return }
        let analysis = NetworkAnalysis(model: loaded.model)
        let printed = Self.printed(PathsCommand.describe(analysis))
        try #require(printed.count == analysis.targets.count || analysis.targets.isEmpty)
        var byID: [ResourceID: [Printed]] = [:]
        for (target, facts) in zip(analysis.targets, printed) { byID[target.id, default: []].append(facts) }
        let findings = Engine(rules: BuiltInRules.all, options: Engine.Options(showUnresolved: true))
            .run(RuleContext(model: loaded.model)).findings

        func verdicts(_ id: ResourceID, _ service: SSMService) -> [String] { (byID[id] ?? []).compactMap { $0.services[service.rawValue] } }

        for finding in findings {
            switch finding.ruleID {
            case "SSM014" where !finding.isUnresolved:
                // No path at all: every service says so.
                #expect((byID[finding.resource] ?? []).contains { facts in
                    SSMService.allCases.allSatisfy { facts.services[$0.rawValue]?.hasPrefix("no path") == true }
                }, "SSM014 on \(finding.resource), but paths prints \(byID[finding.resource].map { "\($0.map(\.services))" } ?? "nothing")")
            case "SSM014":
                // Undecided: some service is unknown, and none has a path.
                #expect((byID[finding.resource] ?? []).contains { facts in
                    facts.services.values.contains { $0.hasPrefix("unknown") }
                }, "SSM014 undecided on \(finding.resource), but paths prints \(byID[finding.resource].map { "\($0.map(\.services))" } ?? "nothing")")
            case "SSM005" where !finding.isUnresolved:
                for service in [SSMService.ssm, .ssmmessages] {
                    #expect(verdicts(finding.resource, service).contains { $0.hasPrefix("public endpoint through NAT gateway") },
                            "SSM005 on \(finding.resource), but paths prints \(verdicts(finding.resource, service)) for \(service.rawValue)")
                }
            case "SSM002" where !finding.isUnresolved && finding.key.hasPrefix("missing:"):
                guard let service = SSMService(rawValue: String(finding.key.dropFirst("missing:".count))),
                      !finding.message.contains("FIPS") else { continue }
                let expected = finding.message.contains("unknown way out") ? "unknown"
                    : finding.message.contains("leaves through NAT or the internet gateway") ? "public endpoint" : "no path"
                for related in finding.related where related.message.hasPrefix("needs") {
                    #expect(verdicts(related.resource, service).contains { $0.hasPrefix(expected) },
                            "SSM002 says \(expected) for \(related.resource) (\(service.rawValue)), paths prints \(verdicts(related.resource, service))")
                }
            case "SSM008" where !finding.isUnresolved:
                // The targets named are the ones without an internet path (error), or all of the VPC's.
                let ways = finding.related.flatMap { byID[$0.resource] ?? [] }.map(\.wayOut)
                if finding.message.contains("no internet path") {
                    #expect(ways.allSatisfy { $0.hasPrefix("none") }, "SSM008 says no internet path, paths prints \(ways)")
                } else if finding.message.contains("is unknown (") {
                    #expect(ways.contains { $0.hasPrefix("unknown") }, "SSM008 says the way out is unknown, paths prints \(ways)")
                }
            case "SSM016" where !finding.isUnresolved:
                // Session Manager definitely reaches the target.
                #expect((byID[finding.resource] ?? []).contains { $0.sessionManager?.contains(": works") == true },
                        "SSM016 on \(finding.resource), but paths prints \(byID[finding.resource].map { "\($0.map(\.sessionManager))" } ?? "nothing")")
            case "SSM014" where !finding.isUnresolved:
                #expect((byID[finding.resource] ?? []).allSatisfy { $0.sessionManager?.contains(": broken") == true })
            case "SSM021" where !finding.isUnresolved && finding.key.contains("|"):
                // One endpoint and one target: paths shows that pair broken.
                let endpoint = finding.ruleID == "SSM021" && finding.related.first?.message == "the endpoint" ? finding.related[0].resource : finding.resource
                let target = endpoint == finding.resource ? finding.related.first?.resource : finding.resource
                guard let target else { continue }
                let lines = (byID[target] ?? []).flatMap { $0.instanceConnect(endpoint) }
                #expect(!lines.isEmpty && lines.allSatisfy { $0.contains(": broken") },
                        "SSM021 on \(endpoint) and \(target), but paths prints \(lines)")
            default:
                continue
            }
        }
        // The other way round: a pair paths calls working has no SSM021 finding, and a broken one has.
        let instanceConnectFindings = findings.filter { $0.ruleID == "SSM021" && !$0.isUnresolved }
        for (target, facts) in zip(analysis.targets, printed) {
            for line in facts.access where line.hasPrefix("EC2 Instance Connect Endpoint:") {
                guard let open = line.firstIndex(of: "[") else { continue }
                let endpoint = ResourceID(String(line[line.index(after: open)...].prefix { $0 != "," && $0 != "]" }))
                let mentioned = instanceConnectFindings.contains { finding in
                    (finding.resource == target.id && finding.related.contains { $0.resource == endpoint })
                        || (finding.resource == endpoint && (finding.related.contains { $0.resource == target.id } || finding.key == "no-egress"))
                }
                if line.contains(": works") { #expect(!mentioned, "paths says \(line) for \(target.id), scan reports SSM021") }
                if line.contains(": broken") { #expect(mentioned, "paths says \(line) for \(target.id), scan reports nothing") }
            }
        }
    }

    @Test("a route to a transit gateway makes every verdict unknown, in paths as in scan")
    func transitGatewayRoute() throws {
        let text = try String(contentsOf: Paths.fixtures.appendingPathComponent("paths/transit-gateway-only.yaml"), encoding: .utf8)
        let analysis = NetworkAnalysis(model: try Scan.model(text))
        let printed = Self.printed(PathsCommand.describe(analysis))
        #expect(printed.count == 1)
        for service in SSMService.allCases {
            #expect(printed.first?.services[service.rawValue]?.hasPrefix("unknown: route PrivateRangesToTransitGateway") == true)
        }
        let findings = try Scan.findings(text, showUnresolved: true)
        #expect(findings.filter { !$0.isUnresolved && $0.level != .note }.isEmpty)
        #expect(findings.contains { $0.ruleID == "SSM014" && $0.isUnresolved })
    }

    @Test("paths links stacks as scan does: nested stacks and a CDK assembly print the single template's paths")
    func linkedStacks() throws {
        let fixtures = LinkedStackTests.fixtures
        let single = try CLI.run(["paths", "single/stack.yaml"], directory: fixtures)
        #expect(single.status == 0 && single.stdout.contains("ssmmessages: no path"), "\(single.stdout)")
        for arguments in [["nested"], ["cdk-assembly"], ["nested/parent.yaml", "nested/app.yaml", "nested/network.yaml"]] {
            let linked = try CLI.run(["paths"] + arguments, directory: fixtures)
            #expect(linked.status == 0, "\(linked.stderr)")
            let lines = linked.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first?.hasPrefix("== ") == true, "one model, named by its inputs: \(linked.stdout)")
            #expect(lines.dropFirst().joined(separator: "\n") == single.stdout, "\(arguments): \(linked.stdout)")
        }
        // Alone, the application template's subnet is a parameter without default.
        let alone = try CLI.run(["paths", "nested/app.yaml"], directory: fixtures)
        #expect(alone.stdout.contains("subnet:      unknown (parameter SubnetId has no Default"), "\(alone.stdout)")
        // An input that cannot be loaded is a one-line error and exit 2; the others are still printed.
        let directory = try Workspace.make(["bad.yaml": "Resources: [", "stack.yaml": try String(
            contentsOf: fixtures.appendingPathComponent("single/stack.yaml"), encoding: .utf8)])
        let mixed = try CLI.run(["paths", "."], directory: directory)
        #expect(mixed.status == 2)
        #expect(mixed.stderr.hasPrefix("bad.yaml:2:1: error: ") && mixed.stderr.split(separator: "\n").count == 1, "\(mixed.stderr)")
        #expect(mixed.stdout.contains("== stack.yaml =="))
    }
}
