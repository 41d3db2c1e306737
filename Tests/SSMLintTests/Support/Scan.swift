import Foundation
import SSMLintEngine
import SSMLintPacks
import SSMLintLoaders
import SSMLintRules
import Testing

/// Runs the real loader and engine on text, the way `ssmlint scan` does.
enum Scan {
    struct LoadFailed: Error, CustomStringConvertible {
        var error: LoadError
        var description: String { error.description }
    }

    static func load(_ text: String, file: String = "template.yaml", parameters: [String: String] = [:],
                     region: String? = nil) throws -> LoadedInput {
        switch InputLoader.load(bytes: Array(text.utf8), file: file, options: LoadOptions(parameters: parameters, region: region)) {
        case .success(let loaded): return loaded
        case .failure(let error): throw LoadFailed(error: error)
        }
    }

    static func model(_ text: String, parameters: [String: String] = [:], region: String? = nil) throws -> InfrastructureModel {
        try load(text, parameters: parameters, region: region).model
    }

    /// Findings of one rule (or all rules when `rule` is nil).
    static func findings(_ text: String, rule: String? = nil, parameters: [String: String] = [:], region: String? = nil,
                         showUnresolved: Bool = false) throws -> [Finding] {
        let loaded = try load(text, parameters: parameters, region: region)
        let rules = BuiltInRules.all.filter { rule == nil || $0.definition.id == rule }
        return Engine(rules: rules, options: Engine.Options(showUnresolved: showUnresolved))
            .run(RuleContext(model: loaded.model)).findings
    }

    static func run(_ text: String, file: String = "template.yaml") throws -> Engine.Result {
        let loaded = try load(text, file: file)
        return Engine(rules: BuiltInRules.all).run(RuleContext(model: loaded.model))
    }
}

/// Locations of the repository, the built binary and ../shared.
enum Paths {
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("corpus").path) }
    static let fixtures = repository.appendingPathComponent("Tests/SSMLintTests/Fixtures")
    static let examples = repository.appendingPathComponent("examples")

    /// The regular YAML and JSON files anywhere below `directories` (templates, plans, anything else).
    static func documents(under directories: [URL]) -> [URL] {
        var files: [URL] = []
        for directory in directories {
            guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker where ["yaml", "yml", "json", "template"].contains(url.pathExtension)
                && (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url)
            }
        }
        return files
    }

    /// The ssmlint executable built next to the test bundle.
    static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ssmlint"),
            Bundle.main.bundleURL.appendingPathComponent("ssmlint"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("ssmlint"),
            repository.appendingPathComponent(".build/debug/ssmlint"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }
}
