import Foundation
import Testing

/// Directory scans over a real-looking repository: templates and plans among
/// workflows, Compose files, Kubernetes manifests, Helm charts, Ansible
/// playbooks, package.json, tsconfig.json with comments, JSON arrays, a
/// Serverless service and a CDK assembly.
@Suite("Directory scans")
struct DirectoryScanTests {
    static let fixture = Paths.fixtures.appendingPathComponent("mixed-repository")

    /// A copy of the fixture in a scratch directory (so tests may add files).
    func repository() throws -> URL {
        let directory = try CLI.temporaryDirectory().appendingPathComponent("repo")
        try FileManager.default.copyItem(at: Self.fixture, to: directory)
        return directory
    }

    static let scanned: Set<String> = ["cdk.out/NetworkStack.template.json", "infra/network.yaml", "plans/plan.json", "serverless.yml"]
    static let skipped: Set<String> = [
        "ansible/site.yml", "cdk.out/NetworkStack.assets.json", "cdk.out/manifest.json", "cdk.out/tree.json",
        "charts/web/templates/deployment.yaml", "charts/web/values.yaml", "docker-compose.yml", "docs/examples/release-workflow.yml",
        "k8s/deployment.yaml", "web/fixtures.json", "web/package.json", "web/tsconfig.json",
    ]

    @Test("the scan exits by findings only, skips exactly the non-templates, and scans the Serverless and CDK templates")
    func mixedRepository() throws {
        let directory = try repository()
        let result = try CLI.run(["scan", ".", "--format", "json", "--root", "."], directory: directory)
        #expect(result.status == 1, "findings, not input errors: \(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let inputs = try #require(report["inputs"] as? [[String: Any]])
        #expect(Set(inputs.compactMap { $0["path"] as? String }) == Self.scanned)
        #expect(inputs.allSatisfy { $0["status"] as? String == "scanned" })
        let findings = try #require(report["findings"] as? [[String: Any]])
        let found = Set(findings.map { "\($0["file"] as! String) \($0["resource"] as! String)" })
        #expect(found == ["cdk.out/NetworkStack.template.json BastionSG1A2B3C4D", "infra/network.yaml Bastion",
                          "plans/plan.json aws_security_group.ssh", "serverless.yml DebugSecurityGroup"],
                "the Serverless variable ${self:custom.adminCidr} is unknown, so AdminSecurityGroup stays silent")

        let verbose = try CLI.run(["scan", ".", "--verbose", "--root", "."], directory: directory)
        #expect(verbose.stdout.contains("4 inputs scanned, 12 files skipped: not a template or plan"), "\(verbose.stdout)")
        for path in Self.skipped { #expect(verbose.stdout.contains("\(path): skipped: "), "\(path)") }
        #expect(verbose.stdout.contains("k8s/deployment.yaml: skipped: several YAML documents"))
        #expect(verbose.stdout.contains("docker-compose.yml: skipped: a Compose file"))
        #expect(!verbose.stdout.contains(".github"), "hidden directories are not searched")
        let quiet = try CLI.run(["scan", "."], directory: directory)
        #expect(!quiet.stdout.contains("skipped: a Compose file"), "skipped files are listed only with --verbose")
    }

    @Test("a broken template in the same tree is still an input error; the rest is still scanned")
    func brokenTemplate() throws {
        let directory = try repository()
        try """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}
            """.write(to: directory.appendingPathComponent("infra/broken.yaml"), atomically: true, encoding: .utf8)
        try "Resources:\n  Bad:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: [10.0.0.0/16\n"
            .write(to: directory.appendingPathComponent("infra/unclosed.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["scan", ".", "--root", "."], directory: directory)
        #expect(result.status == 2)
        #expect(result.stdout.contains("infra/broken.yaml:4:3: error: duplicate key 'Vpc'"))
        #expect(result.stdout.contains("infra/unclosed.yaml:"))
        #expect(result.stdout.contains("infra/network.yaml:10:11: error: [SSM006"), "the other inputs are still scanned")
        let accepted = try CLI.run(["scan", ".", "--root", ".", "--fail-on-input-error", "false"], directory: directory)
        #expect(accepted.status == 1, "with input errors accepted, the findings decide")
        #expect(accepted.stdout.contains("infra/broken.yaml:4:3: error: duplicate key 'Vpc'"), "and the error is still reported")
    }

    @Test("a file named on the command line is judged strictly")
    func namedFiles() throws {
        let directory = try repository()
        let package = try CLI.run(["scan", "web/package.json"], directory: directory)
        #expect(package.status == 2)
        #expect(package.stdout.contains("web/package.json:1:1: error: not a CloudFormation template or Terraform plan: a package manifest"))
        let chart = try CLI.run(["scan", "charts/web/templates/deployment.yaml"], directory: directory)
        #expect(chart.status == 2)
        let serverless = try CLI.run(["scan", "serverless.yml"], directory: directory)
        #expect(serverless.status == 1)
        #expect(serverless.stdout.contains("serverless.yml:30:13: error: [SSM006"))
    }

    @Test("--exclude and exclude globs leave files and directories out")
    func excludes() throws {
        let directory = try repository()
        let result = try CLI.run(["scan", ".", "--root", ".", "--exclude", "cdk.out/**", "--exclude", "plans", "--verbose"], directory: directory)
        #expect(!result.stdout.contains("cdk.out/"))
        #expect(!result.stdout.contains("plans/plan.json"))
        #expect(result.stdout.contains("2 inputs scanned"))
        try "exclude: [\"serverless.yml\"]\n".write(to: directory.appendingPathComponent(".ssmlint.yaml"), atomically: true, encoding: .utf8)
        let configured = try CLI.run(["scan", ".", "--root", "."], directory: directory)
        #expect(configured.stdout.contains("3 inputs scanned"))
    }
}
