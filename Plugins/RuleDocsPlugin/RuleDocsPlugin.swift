import Foundation
import PackagePlugin

/// `swift package generate-rule-docs`: writes docs/rules.md from rules/*.yaml.
@main
struct RuleDocsPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let rules = context.package.directoryURL.appending(path: "rules")
        let files = try FileManager.default.contentsOfDirectory(at: rules, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }.map(\.path).sorted()
        let docs = context.package.directoryURL.appending(path: "docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = try context.tool(named: "RuleDocsGenerator").url
        process.arguments = [docs.appending(path: "rules.md").path] + files
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Diagnostics.error("RuleDocsGenerator failed with status \(process.terminationStatus)")
            return
        }
    }
}
