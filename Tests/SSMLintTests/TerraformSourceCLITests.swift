import Foundation
import Testing

/// `ssmlint scan` on a plan with its configuration: findings on the `.tf`
/// lines in every report, the same fingerprints without the configuration,
/// `--terraform-source` and `terraformSource:`, and `.tf` comment suppressions.
@Suite("Terraform sources on the command line")
struct TerraformSourceCLITests {
    /// A copy of rules/examples/terraform/ssm006-module-count-and-for-each in a new directory.
    func copyCase(into directory: URL? = nil) throws -> URL {
        let root = try directory ?? CLI.temporaryDirectory()
        let target = root.appendingPathComponent("infra")
        try FileManager.default.copyItem(at: TerraformSourceMapTests.examples.appendingPathComponent("ssm006-module-count-and-for-each"), to: target)
        return root
    }

    func sarifResults(_ file: URL) throws -> [[String: Any]] {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        return run["results"] as? [[String: Any]] ?? []
    }

    func uri(_ location: [String: Any]?) -> String? {
        ((location?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
    }

    func line(_ location: [String: Any]?) -> Int? {
        ((location?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])?["startLine"] as? Int
    }

    @Test("console and SARIF show the findings on the .tf lines, the plan as a related location; SARIF is valid")
    func reports() throws {
        let root = try copyCase()
        let result = try CLI.run(["scan", "infra/plan.json", "--root", ".", "--format", "console", "--format", "sarif=out.sarif",
                                  "--format", "json=out.json"], directory: root)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("infra/modules/bastion/main.tf:16:1: error: [SSM006 ssh-open-to-world] security group module.bastion[0].aws_security_group.ssh"))
        #expect(result.stdout.contains("infra/main.tf:19:1: error: [SSM006 ssh-open-to-world] ingress rule aws_security_group_rule.ssh[\"green\"]"))
        #expect(result.stdout.contains("    - module.bastion[1].aws_security_group.ssh (infra/plan.json:176:10): planned in plan.json"))

        let sarif = root.appendingPathComponent("out.sarif")
        try ReportValidation.sarif([sarif])
        let results = try sarifResults(sarif)
        #expect(results.count == 4)
        let uris = results.compactMap { uri(($0["locations"] as? [[String: Any]])?.first) }
        #expect(uris.sorted() == ["infra/main.tf", "infra/main.tf", "infra/modules/bastion/main.tf", "infra/modules/bastion/main.tf"])
        for result in results {
            let related = (result["relatedLocations"] as? [[String: Any]])?.first
            #expect(uri(related) == "infra/plan.json")
            #expect(((related?["message"] as? [String: Any])?["text"] as? String) == "planned in plan.json")
        }
        // Every artifact index points at the artifact with that URI.
        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let artifacts = (run["artifacts"] as? [[String: Any]] ?? []).map { ($0["location"] as? [String: Any])?["uri"] as? String }
        #expect(Set(artifacts.compactMap { $0 }) == ["infra/plan.json", "infra/main.tf", "infra/modules/bastion/main.tf"],
                "relative to the root, never absolute")
        for result in results {
            for location in (result["locations"] as? [[String: Any]] ?? []) + (result["relatedLocations"] as? [[String: Any]] ?? []) {
                let artifact = (location["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
                let index = try #require(artifact?["index"] as? Int)
                #expect(artifacts[index] == artifact?["uri"] as? String)
            }
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("out.json"))) as? [String: Any])
        let first = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(first["file"] as? String == "infra/plan.json")
        #expect(((first["location"] as? [String: Any])?["file"] as? String)?.hasSuffix(".tf") == true)
    }

    @Test("GitHub annotations, GitLab Code Quality and the Markdown summary name the .tf file and line")
    func ciReports() throws {
        let root = try copyCase()
        let result = try CLI.run(["scan", "infra/plan.json", "--root", ".", "--format", "github", "--format", "gitlab=gl.json",
                                  "--format", "markdown=summary.md"], directory: root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=infra/modules/bastion/main.tf,line=16,"))
        #expect(result.stdout.contains("::error file=infra/main.tf,line=19,"))
        #expect(result.stdout.contains("(infra/plan.json:119): planned in plan.json"))
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("gl.json"))) as? [[String: Any]])
        let places = issues.compactMap { issue -> String? in
            guard let location = issue["location"] as? [String: Any], let path = location["path"] as? String,
                  let begin = (location["lines"] as? [String: Any])?["begin"] as? Int else { return nil }
            return "\(path):\(begin)"
        }
        #expect(places.sorted() == ["infra/main.tf:19", "infra/main.tf:19", "infra/modules/bastion/main.tf:16", "infra/modules/bastion/main.tf:16"])
        let summary = try String(contentsOf: root.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("**infra/modules/bastion/main.tf:16** SSM006"))
    }

    @Test("fingerprints and a baseline are the same with and without the .tf files")
    func fingerprints() throws {
        let root = try copyCase()
        let mapped = try CLI.run(["scan", "infra/plan.json", "--root", ".", "--format", "sarif=mapped.sarif", "--write-baseline", "baseline.json"],
                                 directory: root)
        #expect(mapped.status == 1)
        for file in ["infra/main.tf", "infra/providers.tf"] { try FileManager.default.removeItem(at: root.appendingPathComponent(file)) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("infra/modules"))
        let plain = try CLI.run(["scan", "infra/plan.json", "--root", ".", "--format", "sarif=plain.sarif", "--baseline", "baseline.json"],
                                directory: root)
        #expect(plain.status == 0, "every finding is in the baseline: \(plain.stdout)")
        func fingerprints(_ name: String) throws -> [String] {
            try sarifResults(root.appendingPathComponent(name)).compactMap { ($0["partialFingerprints"] as? [String: Any])?["ssmlint/v1"] as? String }.sorted()
        }
        #expect(try fingerprints("mapped.sarif").count == 4)
        #expect(try fingerprints("mapped.sarif") == fingerprints("plain.sarif"))
        #expect(try sarifResults(root.appendingPathComponent("plain.sarif")).allSatisfy { uri(($0["locations"] as? [[String: Any]])?.first) == "infra/plan.json" })
    }

    @Test("--terraform-source and terraformSource: in the configuration file (relative to it); a missing directory is a usage error")
    func sourceOption() throws {
        let root = try copyCase()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: root.appendingPathComponent("infra/plan.json"), to: root.appendingPathComponent("plans/plan.json"))
        let unmapped = try CLI.run(["scan", "plans/plan.json", "--root", "."], directory: root)
        #expect(unmapped.stdout.contains("plans/plan.json:119:10: error: [SSM006"))
        let option = try CLI.run(["scan", "plans/plan.json", "--root", ".", "--terraform-source", "infra"], directory: root)
        #expect(option.stdout.contains("infra/modules/bastion/main.tf:16:1: error: [SSM006"), "\(option.stdout)")

        try FileManager.default.createDirectory(at: root.appendingPathComponent("conf"), withIntermediateDirectories: true)
        try "terraformSource: ../infra\n".write(to: root.appendingPathComponent("conf/ssmlint.yaml"), atomically: true, encoding: .utf8)
        let configured = try CLI.run(["scan", "plans/plan.json", "--root", ".", "--config", "conf/ssmlint.yaml"], directory: root)
        #expect(configured.stdout.contains("infra/main.tf:19:1: error: [SSM006"), "\(configured.stdout)\(configured.stderr)")

        let missing = try CLI.run(["scan", "plans/plan.json", "--terraform-source", "nowhere"], directory: root)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--terraform-source nowhere: no such directory"))
        try "rules: {}\n\nterraformSource: ../gone\n".write(to: root.appendingPathComponent("conf/ssmlint.yaml"), atomically: true, encoding: .utf8)
        let badConfig = try CLI.run(["scan", "plans/plan.json", "--config", "conf/ssmlint.yaml"], directory: root)
        #expect(badConfig.status == 64)
        #expect(badConfig.stderr.contains("ssmlint.yaml:3:18: terraformSource: no such directory"), "\(badConfig.stderr)")
    }

    @Test(".tf comment suppressions end to end: exit status, console, JUnit skipped cases and SARIF suppressions")
    func suppressions() throws {
        let root = try copyCase()
        let module = root.appendingPathComponent("infra/modules/bastion/main.tf")
        var lines = try String(contentsOf: module, encoding: .utf8).components(separatedBy: "\n")
        lines.insert("# ssmlint:ignore SSM006 approved bastions expires=2999-12-31", at: 15)
        try lines.joined(separator: "\n").write(to: module, atomically: true, encoding: .utf8)
        let main = root.appendingPathComponent("infra/main.tf")
        lines = try String(contentsOf: main, encoding: .utf8).components(separatedBy: "\n")
        lines.insert("// ssmlint:ignore ssh-open-to-world,SSM010 jump hosts behind the VPN", at: 18)
        try lines.joined(separator: "\n").write(to: main, atomically: true, encoding: .utf8)

        let result = try CLI.run(["scan", "infra/plan.json", "--root", ".", "--show-suppressed", "--format", "console",
                                  "--format", "junit=out.xml", "--format", "sarif=out.sarif", "--sarif-include-suppressed"], directory: root)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("infra/modules/bastion/main.tf:17:1: suppressed error: [SSM006"))
        #expect(result.stdout.contains("    suppressed at infra/modules/bastion/main.tf:16:1: approved bastions (until 2999-12-31)"))
        #expect(result.stdout.contains("    suppressed at infra/main.tf:19:1: jump hosts behind the VPN"))
        try ReportValidation.junit([root.appendingPathComponent("out.xml")])
        try ReportValidation.sarif([root.appendingPathComponent("out.sarif")])
        let junit = try String(contentsOf: root.appendingPathComponent("out.xml"), encoding: .utf8)
        #expect(junit.components(separatedBy: "<skipped message=\"suppressed at infra/").count - 1 == 4)
        let results = try sarifResults(root.appendingPathComponent("out.sarif"))
        #expect(results.count == 4 && results.allSatisfy { (($0["suppressions"] as? [[String: Any]])?.first?["kind"] as? String) == "inSource" })

        let hidden = try CLI.run(["scan", "infra/plan.json", "--root", "."], directory: root)
        #expect(hidden.status == 0)
        #expect(!hidden.stdout.contains("error: [SSM006"))
    }
}
