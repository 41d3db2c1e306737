import Foundation
import SSMLintLoaders
import Testing

/// A CDK cloud assembly (`cdk.out`): the manifest names the stacks, CDK
/// nested stacks link through their asset metadata, and a hostile manifest
/// is an input error that leads nowhere.
@Suite("CDK cloud assemblies")
struct CloudAssemblyTests {
    static let assembly = LinkedStackTests.fixtures.appendingPathComponent("cdk-assembly/cdk.out")
    static let files = ["manifest.json", "NetworkStack.template.json", "AppStack.template.json", "tree.json",
                        "NetworkStackEndpointsNestedStackEndpoints4F1C2B7A.nested.template.json"]

    /// The assembly's files in a fresh directory, `manifest.json` replaced when given.
    static func copy(manifest: String? = nil) throws -> URL {
        var contents: [String: String] = [:]
        for name in files { contents["cdk.out/\(name)"] = try String(contentsOf: assembly.appendingPathComponent(name), encoding: .utf8) }
        if let manifest { contents["cdk.out/manifest.json"] = manifest }
        return try Workspace.make(contents)
    }

    @Test("the assembly (stack names from the manifest, exports named after them, a nested stack) gives the single template's findings")
    func sameFindingsAsSingleTemplate() throws {
        let single = try LinkedStackTests.findings(["single"])
        let cdk = try LinkedStackTests.findings(["cdk-assembly"])
        #expect(!single.found.isEmpty)
        #expect(cdk.found == single.found)
        #expect(cdk.files["SSM002 error VPC"] == "cdk-assembly/cdk.out/NetworkStack.template.json")
        #expect(cdk.files["SSM006 error AppSG"] == "cdk-assembly/cdk.out/AppStack.template.json")
        // Named one by one too (the manifest among them).
        let named = try LinkedStackTests.findings(Self.files.map { "cdk-assembly/cdk.out/\($0)" })
        #expect(named.found == single.found)
        // Without the manifest the exports' names are unknown: the application stack is on its own.
        let directory = try Self.copy()
        try FileManager.default.removeItem(at: directory.appendingPathComponent("cdk.out/manifest.json"))
        let unnamed = try LinkedStackTests.findings(["."], directory: directory)
        #expect(unnamed.found != single.found)
        #expect(!unnamed.found.contains { $0.rule == "SSM002" }, "\(unnamed.found)")
    }

    @Test("--stack-name wins over the manifest")
    func commandLineWins() throws {
        let directory = try Self.copy()
        let renamed = try LinkedStackTests.findings([".", "--stack-name", "cdk.out/NetworkStack.template.json=other"], directory: directory)
        #expect(!renamed.found.contains { $0.rule == "SSM002" }, "net-prod-VpcId is no longer exported: \(renamed.found)")
    }

    static func scan(_ directory: URL) throws -> (status: Int32, stderr: String, report: [String: Any]) {
        let result = try CLI.run(["scan", ".", "--no-config", "--format", "json", "--root", directory.path], directory: directory)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        return (result.status, result.stderr, report)
    }

    static func manifest(_ templateFile: String, stackName: String = "net-prod") -> String {
        """
        {"version": "36.0.0", "artifacts": {
          "NetworkStack": {"type": "aws:cloudformation:stack",
            "properties": {"templateFile": "\(templateFile)", "stackName": "\(stackName)"}},
          "AppStack": {"type": "aws:cloudformation:stack",
            "properties": {"templateFile": "AppStack.template.json"}, "dependencies": ["NetworkStack"]}}}
        """
    }

    @Test("a malformed manifest is a one-line error with its position; the templates are still scanned")
    func malformedManifest() throws {
        for (text, line) in [
            ("{\"artifacts\": {\"NetworkStack\": {\"type\": \"aws:cloudformation:stack\",\n \"properties\": {\"templateFile\": ", 3),  // the end of the file
            ("{\"artifacts\": {\"NetworkStack\": {\"type\": \"aws:cloudformation:stack\",\n \"properties\": {\"templateFile\": [\"x\"]}}}}", 2),
            ("{\"artifacts\": {\"NetworkStack\": {\"type\": \"aws:cloudformation:stack\",\n \"properties\": {\"templateFile\": \"NetworkStack.template.json\", \"stackName\": {}},\n \"dependencies\": 3}}}", 2),
        ] {
            let directory = try Self.copy(manifest: text)
            let result = try CLI.run(["scan", ".", "--no-config", "--root", directory.path], directory: directory)
            #expect(result.status == 2, "\(result.stdout)")
            let errors = result.stdout.split(separator: "\n").filter { $0.contains("cdk.out/manifest.json:\(line):") && $0.contains("error") }
            #expect(errors.count == 1, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("[SSM006"), "the templates are still scanned: \(result.stdout)")
        }
    }

    @Test("a templateFile outside the assembly, or a link, is refused and not read")
    func hostileTemplateFiles() throws {
        for templateFile in ["../NetworkStack.template.json", "/etc/passwd", "a/../../x.json"] {
            let directory = try Self.copy(manifest: Self.manifest(templateFile))
            let scanned = try Self.scan(directory)
            #expect(scanned.status == 2)
            let inputs = scanned.report["inputs"] as? [[String: Any]] ?? []
            let manifest = inputs.first { ($0["path"] as? String) == "cdk.out/manifest.json" }
            let error = (manifest?["error"] as? [String: Any])?["message"] as? String ?? "\(inputs)"
            #expect(error.contains("is not a file inside the assembly directory"), "\(error)")
        }
        // A link to a template outside the directory: the manifest's name is not given to it.
        let outside = try Workspace.make(["NetworkStack.template.json": try String(
            contentsOf: Self.assembly.appendingPathComponent("NetworkStack.template.json"), encoding: .utf8)])
        let directory = try Self.copy(manifest: Self.manifest("Linked.template.json"))
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("cdk.out/Linked.template.json"),
                                                   withDestinationURL: outside.appendingPathComponent("NetworkStack.template.json"))
        let linked = try Self.scan(directory)
        let inputs = linked.report["inputs"] as? [[String: Any]] ?? []
        let manifest = inputs.first { ($0["path"] as? String) == "cdk.out/manifest.json" }
        let error = (manifest?["error"] as? [String: Any])?["message"] as? String ?? "\(inputs)"
        #expect(error.contains("symbolic link is not followed"), "\(error)")
    }

    @Test("a nested stack's asset path that is a link or climbs out is not linked")
    func hostileAssetPaths() throws {
        let name = "NetworkStackEndpointsNestedStackEndpoints4F1C2B7A.nested.template.json"
        let directory = try Self.copy()
        let original = directory.appendingPathComponent("cdk.out/\(name)")
        let moved = directory.appendingPathComponent("real.json")
        try FileManager.default.moveItem(at: original, to: moved)
        try FileManager.default.createSymbolicLink(at: original, withDestinationURL: moved)
        let linked = try LinkedStackTests.findings(["cdk.out"], directory: directory)
        #expect(!linked.found.contains { $0.rule == "SSM002" }, "the nested endpoints are not linked through a link: \(linked.found)")
        let network = try String(contentsOf: Self.assembly.appendingPathComponent("NetworkStack.template.json"), encoding: .utf8)
        #expect(NestedStacksProbe.assetPath(network.replacingOccurrences(of: name, with: "../\(name)")) == nil)
        #expect(NestedStacksProbe.assetPath(network) == name)
    }
}

/// The nested stacks a template declares, as the scan reads them.
enum NestedStacksProbe {
    static func assetPath(_ template: String) -> String? {
        StackInterface.read(bytes: Array(template.utf8), options: LoadOptions())?.nestedStacks.first?.templateURL
    }
}
