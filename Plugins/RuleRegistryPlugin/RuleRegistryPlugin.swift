import Foundation
import PackagePlugin

/// Generates the built-in rule registry (metadata, rule instances, examples)
/// from `rules/*.yaml` at build time. Every YAML file, and every file under
/// `rules/examples/`, is a declared input, so editing one rebuilds the registry.
@main
struct RuleRegistryPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rulesDirectory = context.package.directoryURL.appending(path: "rules")
        let ruleFiles = try yamlFiles(in: rulesDirectory, recursive: false)
        let exampleFiles = try yamlFiles(in: rulesDirectory.appending(path: "examples"), recursive: true, anyExtension: true)
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltInRuleRegistry.swift")
        return [
            .buildCommand(
                displayName: "Generating the rule registry from \(ruleFiles.count) rule files",
                executable: try context.tool(named: "RuleRegistryGenerator").url,
                arguments: [output.path] + ruleFiles.map(\.path),
                inputFiles: ruleFiles + exampleFiles,
                outputFiles: [output]),
        ]
    }

    private func yamlFiles(in directory: URL, recursive: Bool, anyExtension: Bool = false) throws -> [URL] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: directory.path) else { return [] }
        var result: [URL] = []
        if recursive {
            let enumerator = manager.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = enumerator?.nextObject() as? URL {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { result.append(url) }
            }
        } else {
            result = try manager.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { anyExtension || $0.pathExtension == "yaml" }
        }
        return result.sorted { $0.path < $1.path }
    }
}
