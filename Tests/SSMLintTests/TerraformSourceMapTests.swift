import Foundation
import SSMLintEngine
import SSMLintLoaders
import SSMLintModel
import SSMLintRules
import SSMLintScan
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Terraform findings shown on the `.tf` lines of their resource blocks:
/// the plans under rules/examples/terraform, module sources (nested local
/// calls, registry modules with and without modules.json), what is never
/// read (symlinks out of the tree, FIFOs, files over the caps), and
/// `# ssmlint:ignore` comments as suppressions.
@Suite("Terraform source map")
struct TerraformSourceMapTests {
    static let examples = Paths.repository.appendingPathComponent("rules/examples/terraform")

    /// A path as reports show it: relative to `root`.
    static func display(root: String) -> @Sendable (String) -> String {
        let prefix = URL(fileURLWithPath: root).standardizedFileURL.path + "/"
        return { path in
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
        }
    }

    /// Loads a plan, runs every built-in rule and maps its findings as `ssmlint scan` does.
    static func scan(plan: URL, root: URL, directory: String? = nil, rules: [RegisteredRule] = BuiltInRules.all,
                     today: CalendarDay = CalendarDay("2026-06-01")!) throws -> (original: [Finding], outcome: InputOutcome) {
        let display = display(root: root.path)
        let shownPlan = display(plan.path)
        let loaded = try InputLoader.load(bytes: [UInt8](Data(contentsOf: plan)), file: shownPlan, options: LoadOptions()).get()
        let result = Engine(rules: rules).run(RuleContext(model: loaded.model))
        var outcome = InputOutcome(path: shownPlan, format: .terraformPlan, findings: result.findings, evaluations: result.evaluations)
        var directives = loaded.model.ignoreDirectives
        let locator = TerraformSourceLocator(directory: directory, root: root.path, display: display)
        if let map = locator.map(forPlanAt: plan.path, moduleSources: loaded.terraformModuleSources) {
            directives += TerraformSourceRelocation.apply(map, to: &outcome, resources: loaded.model.resources.map(\.info.id))
        }
        SuppressionPolicy(rules: BuiltInRules.definitions, today: today).apply(to: &outcome, directives: directives)
        return (result.findings, outcome)
    }

    // MARK: The acceptance check on rules/examples/terraform

    /// Where the block of a resource address is, found independently of the
    /// scanner: module sources read from the plan JSON with JSONSerialization,
    /// then a line-by-line search for `resource "TYPE" "NAME" {` at a line start.
    static func expectedLine(address: String, caseDirectory: URL, plan: [String: Any]) throws -> (file: String, line: Int)? {
        let bare = address.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)
        var parts = bare.split(separator: ".").map(String.init)
        var directory = caseDirectory
        var calls = ((plan["configuration"] as? [String: Any])?["root_module"] as? [String: Any])?["module_calls"] as? [String: Any]
        while parts.count > 2, parts[0] == "module" {
            let call = try #require(calls?[parts[1]] as? [String: Any], "no module call \(parts[1]) for \(address)")
            let source = try #require(call["source"] as? String)
            directory = directory.appendingPathComponent(source).standardizedFileURL
            calls = (call["module"] as? [String: Any])?["module_calls"] as? [String: Any]
            parts.removeFirst(2)
        }
        guard parts.count == 2 else { return nil }
        let header = "resource \"\(parts[0])\" \"\(parts[1])\" {"
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".tf") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            if let index = lines.firstIndex(where: { $0.hasPrefix(header) }) {
                return (directory.appendingPathComponent(name).path, index + 1)
            }
        }
        return nil
    }

    @Test("every finding on the plans under rules/examples/terraform points at its resource's .tf file and line")
    func examplePlans() throws {
        let root = Paths.repository
        let display = Self.display(root: root.path)
        let cases = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path).sorted()
            .map { Self.examples.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("plan.json").path) }
        var checked: [String] = []
        var relatedChecked = 0
        for directory in cases {
            let planURL = directory.appendingPathComponent("plan.json")
            let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: planURL)) as? [String: Any])
            let (original, outcome) = try Self.scan(plan: planURL, root: root)
            #expect(outcome.findings.count == original.count)
            #expect(outcome.warnings.isEmpty, "\(directory.lastPathComponent): \(outcome.warnings)")
            for (before, after) in zip(original, outcome.findings) {
                let expected = try #require(try Self.expectedLine(address: after.resource.rawValue, caseDirectory: directory, plan: plan),
                                            "\(directory.lastPathComponent): no resource block found for \(after.resource)")
                #expect(after.location.file == display(expected.file), "\(after.resource)")
                #expect(after.location.range.start == SourcePosition(line: expected.line, column: 1), "\(after.resource) in \(expected.file)")
                // The plan location stays, first among the related ones, and the fingerprint does not move.
                #expect(after.related.first?.location == before.location)
                #expect(after.related.first?.message == "planned in plan.json")
                #expect(after.fingerprint(path: outcome.path) == before.fingerprint(path: outcome.path))
                for related in after.related.dropFirst() {
                    let block = try #require(try Self.expectedLine(address: related.resource.rawValue, caseDirectory: directory, plan: plan))
                    #expect(related.location.file == display(block.file) && related.location.range.start.line == block.line,
                            "\(related.resource)")
                    relatedChecked += 1
                }
                checked.append(after.resource.rawValue)
            }
        }
        // The sample covers module resources (nested too) and count and for_each instances.
        #expect(checked.count >= 100, "\(checked.count) findings checked")
        #expect(relatedChecked >= 100, "\(relatedChecked) related locations checked")
        #expect(checked.filter { $0.contains("module.") }.count >= 6)
        #expect(checked.filter { $0.contains(".module.") }.count >= 4, "nested module calls")
        #expect(checked.filter { $0.hasSuffix("[0]") || $0.hasSuffix("[1]") }.count >= 4, "count instances")
        #expect(checked.filter { $0.contains("[\"") }.count >= 6, "for_each instances")
    }

    @Test("a hard-coded sample: module, nested-module, count and for_each instances")
    func sample() throws {
        let root = Paths.repository
        let table: [(plan: String, resource: String, file: String, line: Int)] = [
            ("ssm006-module-count-and-for-each", "module.bastion[0].aws_security_group.ssh", "modules/bastion/main.tf", 16),
            ("ssm006-module-count-and-for-each", "module.bastion[1].aws_security_group.ssh", "modules/bastion/main.tf", 16),
            ("ssm006-module-count-and-for-each", "aws_security_group_rule.ssh[\"blue\"]", "main.tf", 19),
            ("ssm006-module-count-and-for-each", "aws_security_group_rule.ssh[\"green\"]", "main.tf", 19),
            ("conn-nested-module-instances", "module.fleet[\"blue\"].module.servers.aws_instance.app[0]", "modules/servers/main.tf", 2),
            ("conn-nested-module-instances", "module.fleet[\"green\"].module.servers.aws_instance.app[1]", "modules/servers/main.tf", 2),
        ]
        for entry in table {
            let (_, outcome) = try Self.scan(plan: Self.examples.appendingPathComponent("\(entry.plan)/plan.json"), root: root)
            let finding = try #require(outcome.findings.first { $0.resource.rawValue == entry.resource })
            #expect(finding.location.file == "rules/examples/terraform/\(entry.plan)/\(entry.file)")
            #expect(finding.location.range.start.line == entry.line)
        }
    }

    // MARK: Modules

    /// Writes files (path -> text) under a new temporary directory.
    static func tree(_ files: [String: String]) throws -> URL {
        let root = try CLI.temporaryDirectory()
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static func map(_ root: URL, directory: String = "", modules: [String: String], boundary: URL? = nil,
                    limits: TerraformSourceLimits = TerraformSourceLimits()) -> TerraformSourceMap {
        TerraformSourceMap(directory: root.appendingPathComponent(directory).path, moduleSources: modules,
                           boundary: (boundary ?? root).path, display: display(root: root.path), limits: limits)
    }

    func place(_ map: TerraformSourceMap, _ address: String) -> String? {
        map.declaration(of: ResourceID(address)).map { "\($0.location.file):\($0.location.range.start.line)" }
    }

    @Test("nested module calls with local sources, ./ and ../, and instance keys holding dots and brackets")
    func nestedLocalModules() throws {
        let root = try Self.tree([
            "env/main.tf": "module \"app\" {\n  source = \"../modules/app\"\n}\n\nresource \"aws_vpc\" \"main\" {}\n",
            "modules/app/main.tf": "\n\nmodule \"db\" {\n  source = \"./db\"\n}\nresource \"aws_instance\" \"web\" {\n}\n",
            "modules/app/db/main.tf": "# the database\nresource \"aws_instance\" \"db\" {\n}\n",
        ])
        let map = Self.map(root, directory: "env", modules: ["module.app": "../modules/app", "module.app.module.db": "./db"])
        #expect(place(map, "aws_vpc.main") == "env/main.tf:5")
        #expect(place(map, "module.app[\"a.b]\"].aws_instance.web") == "modules/app/main.tf:6")
        #expect(place(map, "module.app[\"x\\\"]\"].module.db[3].aws_instance.db[\"k.[0]\"]") == "modules/app/db/main.tf:2")
        #expect(place(map, "module.app.aws_instance.missing") == nil)
        #expect(map.whyNotFound(ResourceID("module.app.aws_instance.missing")).contains("no resource \"aws_instance\" \"missing\" block"))
        #expect(map.warnings.isEmpty)
    }

    @Test("a registry module maps only through .terraform/modules/modules.json, which also places its own submodules")
    func registryModules() throws {
        let files = [
            "main.tf": "module \"vpc\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.1.0\"\n}\n",
            ".terraform/modules/vpc/main.tf": "resource \"aws_vpc\" \"this\" {\n}\n",
            ".terraform/modules/vpc/modules/vpc-endpoints/main.tf": "\nresource \"aws_vpc_endpoint\" \"this\" {\n}\n",
        ]
        let modules = ["module.vpc": "terraform-aws-modules/vpc/aws", "module.vpc.module.endpoints": "./modules/vpc-endpoints"]
        let without = try Self.tree(files)
        let unmapped = Self.map(without, modules: modules)
        #expect(place(unmapped, "module.vpc.aws_vpc.this[0]") == nil)
        let why = unmapped.whyNotFound(ResourceID("module.vpc.aws_vpc.this[0]"))
        #expect(why.contains("terraform-aws-modules/vpc/aws") && why.contains("modules.json"), "\(why)")
        #expect(unmapped.whyNotFound(ResourceID("module.vpc.module.endpoints.aws_vpc_endpoint.this")).contains("module.vpc"))

        var withManifest = files
        withManifest[".terraform/modules/modules.json"] = """
            {"Modules":[{"Key":"","Source":"","Dir":"."},
             {"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.1.0","Dir":".terraform/modules/vpc"},
             {"Key":"vpc.endpoints","Source":"./modules/vpc-endpoints","Dir":".terraform/modules/vpc/modules/vpc-endpoints"}]}
            """
        let mapped = Self.map(try Self.tree(withManifest), modules: modules)
        #expect(place(mapped, "module.vpc.aws_vpc.this[0]") == ".terraform/modules/vpc/main.tf:1")
        #expect(place(mapped, "module.vpc.module.endpoints.aws_vpc_endpoint.this[\"ssm\"]") == ".terraform/modules/vpc/modules/vpc-endpoints/main.tf:2")
    }

    @Test("nothing outside the tree is read: symlinked files and directories, ../ sources and modules.json entries leading out")
    func confinement() throws {
        let outside = try Self.tree([
            "secret.tf": "resource \"aws_instance\" \"outside\" {\n}\n",
            "mod/main.tf": "resource \"aws_instance\" \"outside_module\" {\n}\n",
        ])
        let root = try Self.tree([
            "main.tf": "resource \"aws_vpc\" \"inside\" {}\n",
            ".terraform/modules/modules.json": "{\"Modules\":[{\"Key\":\"far\",\"Dir\":\"\(outside.appendingPathComponent("mod").path)\"}]}",
        ])
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("linked.tf"), withDestinationURL: outside.appendingPathComponent("secret.tf"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("linked-dir"), withDestinationURL: outside.appendingPathComponent("mod"))
        let relativeOut = "../" + outside.lastPathComponent + "/mod"
        let map = Self.map(root, modules: ["module.a": "./linked-dir", "module.b": relativeOut, "module.far": "example.com/far/aws"])
        #expect(place(map, "aws_vpc.inside") == "main.tf:1")
        #expect(place(map, "aws_instance.outside") == nil)
        #expect(place(map, "module.a.aws_instance.outside_module") == nil)
        #expect(place(map, "module.b.aws_instance.outside_module") == nil)
        #expect(place(map, "module.far.aws_instance.outside_module") == nil)
        #expect(map.warnings.contains { $0.file == "linked.tf" && $0.message.contains("outside the source tree") })
        #expect(!map.warnings.contains { $0.message.contains(outside.path) || $0.message.contains(root.path) }, "no machine paths in messages")
        // With the outer directory as the boundary, the same links are followed.
        let wide = Self.map(root, modules: ["module.a": "./linked-dir"], boundary: root.deletingLastPathComponent())
        #expect(place(wide, "aws_instance.outside") == "linked.tf:1")
    }

    @Test("a FIFO named like a .tf file is not opened for a blocking read, and files over the caps are skipped with a warning")
    func specialFilesAndCaps() throws {
        let root = try Self.tree([
            "a.tf": "resource \"aws_vpc\" \"a\" {}\n",
            "b.tf": "resource \"aws_vpc\" \"b\" {}\n" + String(repeating: "# padding\n", count: 200),
            "c.tf": "resource \"aws_vpc\" \"c\" {}\n",
        ])
        #expect(mkfifo(root.appendingPathComponent("0fifo.tf").path, 0o600) == 0)
        let start = Date()
        let map = Self.map(root, modules: [:], limits: TerraformSourceLimits(maxFileBytes: 1_000, maxFiles: 2))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(place(map, "aws_vpc.a") == "a.tf:1")
        #expect(place(map, "aws_vpc.b") == nil)
        #expect(place(map, "aws_vpc.c") == "c.tf:1")
        #expect(map.warnings.contains { $0.file == "b.tf" && $0.message.contains("larger than") })
        #expect(map.warnings.contains { $0.file == "0fifo.tf" && $0.message.contains("not a regular file") })
        #expect(map.filesRead == 2)
        let capped = Self.map(root, modules: [:], limits: TerraformSourceLimits(maxFileBytes: 10_000, maxFiles: 1))
        #expect(capped.filesRead == 1)
        #expect(capped.warnings.contains { $0.message.contains("more than 1 Terraform files") })
    }

    @Test("a module directory called many times is read once")
    func sharedModuleDirectory() throws {
        let root = try Self.tree([
            "main.tf": "module \"a\" {\n  source = \"./m\"\n}\n",
            "m/main.tf": "resource \"aws_vpc\" \"v\" {}\n",
            "m/more.tf": "resource \"aws_subnet\" \"s\" {}\n",
        ])
        var modules: [String: String] = [:]
        for index in 0..<1_200 { modules["module.m\(index)"] = "./m" }
        let map = Self.map(root, modules: modules, limits: TerraformSourceLimits(maxFileBytes: 1_000, maxFiles: 10))
        #expect(map.filesRead == 3)
        #expect(place(map, "module.m0.aws_vpc.v") == "m/main.tf:1")
        #expect(place(map, "module.m1[\"x\"].aws_subnet.s") == "m/more.tf:1")
        // More module calls than the cap: the rest are not mapped, and say why.
        #expect(map.unavailableModules.count == 200)
        #expect(map.unavailableModules.values.allSatisfy { $0.contains("more than 1000 module calls") })
    }

    @Test("a block repeated in an override file is declared by the primary file")
    func overrides() throws {
        let root = try Self.tree([
            "override.tf": "resource \"aws_vpc\" \"v\" {\n  tags = {}\n}\n",
            "z_main.tf": "\nresource \"aws_vpc\" \"v\" {}\n",
        ])
        #expect(place(Self.map(root, modules: [:]), "aws_vpc.v") == "z_main.tf:2")
    }

    @Test("addresses: instance keys are dropped wherever they are; other text is no address")
    func addresses() {
        let parsed = TerraformResourceAddress("module.a[\"x.y\"].module.b[0].data.aws_region.current[\"k]\"]")
        #expect(parsed == TerraformResourceAddress(modulePath: "module.a.module.b", blockType: "data", type: "aws_region", name: "current"))
        for bad in ["", "aws_vpc", "aws_vpc.main.extra", "aws_vpc.main[", "aws_vpc.main[\"x]", "module.a", "a..b", "aws_vpc.main]"] {
            #expect(TerraformResourceAddress(bad) == nil, "\(bad)")
        }
    }

    // MARK: Comment suppressions

    @Test("the ssmlint:ignore comment: rules, reason and expiry as written")
    func ignoreComments() {
        func parse(_ text: String) -> String? {
            TerraformIgnoreComment(text).map { "\($0.rules.joined(separator: "+"))|\($0.reason ?? "-")|\($0.expires ?? "-")" }
        }
        #expect(parse(" ssmlint:ignore SSM006 approved bastion, ticket SEC-1 expires=2027-03-31") == "SSM006|approved bastion, ticket SEC-1|2027-03-31")
        #expect(parse("ssmlint:ignore SSM006,SSM010 -- reason") == "SSM006+SSM010|reason|-")
        #expect(parse("ssmlint:ignore SSM006, ssh-open-to-world: reason here") == "SSM006+ssh-open-to-world|reason here|-")
        #expect(parse("ssmlint:ignore SSM006 expires=2027-01-01") == "SSM006|-|2027-01-01")
        #expect(parse("ssmlint:ignore") == "|-|-")
        #expect(parse(" a comment that mentions ssmlint:ignore") == nil)
        #expect(parse("ssmlint:ignored SSM006 x") == nil)
    }

    /// A copy of an example case, with lines inserted into its .tf files (path -> [(before line, text)]).
    static func copyCase(_ name: String, inserting lines: [String: [(Int, String)]]) throws -> URL {
        let root = try CLI.temporaryDirectory()
        let target = root.appendingPathComponent(name)
        try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: target)
        for (path, insertions) in lines {
            let url = target.appendingPathComponent(path)
            var text = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            for (line, inserted) in insertions.sorted(by: { $0.0 > $1.0 }) { text.insert(inserted, at: line - 1) }
            try text.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        return target
    }

    @Test("a comment above a module's resource block suppresses every instance; reasons, expiries and several rules")
    func suppressions() throws {
        let directory = try Self.copyCase("ssm006-module-count-and-for-each", inserting: [
            "modules/bastion/main.tf": [(16, "# ssmlint:ignore SSM006 approved bastions, ticket SEC-7 expires=2026-12-31")],
            "main.tf": [(19, "# Jump hosts need SSH from the VPN.\n// ssmlint:ignore SSM006"),
                        (12, "# ssmlint:ignore SSM006 not a block this applies to\n")],
        ])
        let (_, outcome) = try Self.scan(plan: directory.appendingPathComponent("plan.json"), root: directory)
        let byResource = Dictionary(outcome.findings.map { ($0.resource.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        for index in 0...1 {
            let finding = try #require(byResource["module.bastion[\(index)].aws_security_group.ssh"])
            #expect(finding.suppression?.reason == "approved bastions, ticket SEC-7")
            #expect(finding.suppression?.origin == "modules/bastion/main.tf:16:1")
            #expect(finding.suppression?.kind == .inSource)
            #expect(finding.location.range.start.line == 17)
        }
        // No reason: nothing suppressed, and one warning for the one comment, though it covers two instances.
        for key in ["blue", "green"] {
            #expect(byResource["aws_security_group_rule.ssh[\"\(key)\"]"]?.suppression == nil)
        }
        let noReason = outcome.warnings.filter { $0.message.contains("has no reason") }
        #expect(noReason.count == 1)
        #expect(noReason.first?.file == "main.tf")
        #expect(noReason.first?.position?.line == 22)
        #expect(noReason.first?.message.contains("and 1 more") == true)
        // A comment that is not directly above a resource block says so.
        #expect(outcome.warnings.contains { $0.file == "main.tf" && $0.position?.line == 12 && $0.message.contains("not directly above") })

        // After the expiry the findings count again and say which suppression expired.
        let (_, later) = try Self.scan(plan: directory.appendingPathComponent("plan.json"), root: directory, today: CalendarDay("2027-01-01")!)
        let expired = later.findings.filter { $0.resource.rawValue.hasPrefix("module.bastion") }
        #expect(expired.count == 2 && expired.allSatisfy { $0.suppression == nil && $0.expiredSuppression?.origin == "modules/bastion/main.tf:16:1" })
    }

    @Test("several rules in one comment, a bad date, an unknown rule, and a comment above a block the plan does not have")
    func severalRules() throws {
        let directory = try Self.copyCase("conn-nested-module-instances", inserting: [
            "modules/servers/main.tf": [(2, "# ssmlint:ignore SSM014,SSM006 lab fleet without Session Manager\n# ssmlint:ignore SSM010 kept expires=31/12/2027\n// ssmlint:ignore SSM999 typo")],
            "modules/fleet/main.tf": [(1, "resource \"aws_instance\" \"unplanned\" {\n}\n# ssmlint:ignore SSM006\nresource \"aws_instance\" \"not_in_plan\" {\n}")],
        ])
        let (_, outcome) = try Self.scan(plan: directory.appendingPathComponent("plan.json"), root: directory)
        let instances = outcome.findings.filter { $0.ruleID == "SSM014" }
        #expect(instances.count == 4)
        #expect(instances.allSatisfy { $0.suppression?.reason == "lab fleet without Session Manager" && $0.counts == false })
        #expect(outcome.warnings.filter { $0.message.contains("not a date") }.count == 1)
        #expect(outcome.warnings.filter { $0.message.contains("no known rule ('SSM999')") }.count == 1)
        // The comment without a reason above a block the plan does not contain does nothing, not even warn.
        #expect(!outcome.warnings.contains { $0.file == "modules/fleet/main.tf" })
        #expect(outcome.warnings.count == 2, "\(outcome.warnings)")
    }
}
