import Foundation
import PackagePlugin

/// Generates the built-in rule registry (metadata, rule instances, examples)
/// from `rules/*.yaml` at build time. Every rule file is a declared input, so
/// editing one rebuilds the registry. (Terraform examples under rules/examples
/// are read by the tests, not compiled in.)
@main
struct RuleRegistryPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rulesDirectory = context.package.directoryURL.appending(path: "rules")
        let ruleFiles = try yamlFiles(in: rulesDirectory)
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltInRuleRegistry.swift")
        return [
            .buildCommand(
                displayName: "Generating the rule registry from \(ruleFiles.count) rule files",
                executable: try context.tool(named: "RuleRegistryGenerator").url,
                arguments: [output.path] + ruleFiles.map(\.path),
                inputFiles: ruleFiles,
                outputFiles: [output]),
        ]
    }

    private func yamlFiles(in directory: URL) throws -> [URL] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
    }
}
