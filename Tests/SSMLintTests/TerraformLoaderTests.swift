import Foundation
import SSMLintEngine
import SSMLintPacks
import SSMLintLoaders
import SSMLintReporters
import SSMLintRules
import Testing

@Suite("Terraform plan loader")
struct TerraformLoaderTests {
    static func plan(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Paths.repository.appendingPathComponent("rules/examples/terraform/\(name)/plan.json")))
    }

    func load(_ bytes: [UInt8]) -> Result<LoadedInput, LoadError> {
        InputLoader.load(bytes: bytes, file: "plan.json", options: LoadOptions())
    }

    @Test("references are recovered across modules, count and for_each")
    func references() throws {
        let model = try load(try Self.plan("conn-module-count-subnets")).get().model
        #expect(model.format == .terraformPlan)
        #expect(model.region == "ap-northeast-1")
        let instance = try #require(model.instances["aws_instance.app"])
        #expect(instance.subnet == .known(.declared("module.network.aws_subnet.private[1]")))
        let endpoint = try #require(model.vpcEndpoints["aws_vpc_endpoint.ssm"])
        #expect(endpoint.vpc == .known(.declared("module.network.aws_vpc.this")))
        #expect(endpoint.subnets.known?.compactMap(\.known) == [.declared("module.network.aws_subnet.private[0]"),
                                                               .declared("module.network.aws_subnet.private[1]")])
        let forEach = try load(try Self.plan("conn-for-each-endpoints")).get().model
        let names = forEach.vpcEndpoints.compactMap { $0.serviceName.known.flatMap(EndpointServiceName.init)?.service }
        #expect(Set(names) == ["ssm", "ssmmessages", "ec2messages"])
    }

    @Test("Terraform defaults: unset hostnames and private DNS are false, a group without egress has none")
    func defaults() throws {
        let model = try load(try Self.plan("ssm001-hostnames-unset-private-dns")).get().model
        #expect(model.vpcs["aws_vpc.main"]?.enableDnsHostnames.isAbsent == true)
        #expect(model.vpcs["aws_vpc.main"]?.enableDnsSupport == .known(true))
        let noEgress = try load(try Self.plan("conn-sg-no-egress")).get().model
        #expect(noEgress.securityGroups.allSatisfy { $0.isVPCDefault || ($0.implicitEgress == ImplicitEgress.none) })
    }

    @Test("SARIF names the full resource address and points into planned_values")
    func locations() throws {
        let bytes = try Self.plan("ssm006-inline-ipv4-world")
        let loaded = try load(bytes).get()
        let result = Engine(rules: BuiltInRules.all).run(RuleContext(model: loaded.model))
        let finding = try #require(result.findings.first { $0.ruleID == "SSM006" })
        #expect(finding.resource == "aws_security_group.ssh")
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = String(lines[finding.location.range.start.line - 1])
        #expect(line.contains("{") || line.contains("\"address\""), "the region starts at the resource's object: \(line)")
        let run = ScanRun(tool: ToolInfo(name: "ssmlint", version: "0", informationURI: "https://example.com"),
                          rules: BuiltInRules.definitions,
                          inputs: [InputOutcome(path: "plan.json", format: .terraformPlan, findings: result.findings, evaluations: result.evaluations)],
                          failOn: .error)
        let sarif = try SARIFReporter(rootDirectory: "/work").render(run)
        try ReportValidation.sarif(text: sarif)
        #expect(sarif.contains("\"fullyQualifiedName\": \"aws_security_group.ssh\""))
    }

    @Test("UTF-16 and UTF-8 byte-order marks are read")
    func encodings() throws {
        let text = String(decoding: try Self.plan("ssm006-ipv6-world"), as: UTF8.self)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let model = try load(utf16).get().model
        #expect(model.securityGroups["aws_security_group.ssh"] != nil)
        #expect(try load([0xEF, 0xBB, 0xBF] + Array(text.utf8)).get().model.securityGroups["aws_security_group.ssh"] != nil)
    }

    @Test("bad plans fail with a one-line reason")
    func failures() throws {
        let text = String(decoding: try Self.plan("ssm006-ipv6-world"), as: UTF8.self)
        guard case .failure(let wrapped) = load(Array(("[command]/usr/bin/terraform show -json plan.tfplan\n" + text).utf8)) else {
            Issue.record("a plan after a log line must fail"); return
        }
        #expect(wrapped.message.contains("starts on line 2, after other output"))
        let future = text.replacingOccurrences(of: "\"format_version\": \"1.2\"", with: "\"format_version\": \"2.0\"")
        guard case .failure(let version) = load(Array(future.utf8)) else { Issue.record("format 2.0 must fail"); return }
        #expect(version.message.contains("unsupported plan format_version 2.0"))
        guard case .failure(let broken) = load(Array((text + "}}").utf8)) else { Issue.record("trailing braces must fail"); return }
        #expect(broken.position != nil && !broken.message.contains("\n"))
    }

    static var realPlans: [String] {
        let directory = Paths.shared.appendingPathComponent("corpus/tfplan-real")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// The two files INDEX.tsv marks as not valid JSON.
    static let invalid: Set<String> = ["infracost__plan_with_terraform_wrapper.json", "tfjson__invalid__plan.json"]

    @Test("tfplan-real: every plan gives exactly the findings recorded for it; the two that are not valid JSON fail with a reason",
          .enabled(if: Paths.hasShared), arguments: realPlans)
    func real(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Paths.shared.appendingPathComponent("corpus/tfplan-real/\(name)")))
        switch load(bytes) {
        case .success(let loaded):
            #expect(!Self.invalid.contains(name))
            let run = Engine(rules: BuiltInRules.all).run(RuleContext(model: loaded.model))
            #expect(run.toolErrors.isEmpty)
            CorpusExpectations.check(run.findings, file: name, in: "tfplan-real")
        case .failure(let error):
            #expect(Self.invalid.contains(name), "\(error)")
            #expect(error.position != nil && !error.message.contains("\n"))
        }
    }
}
