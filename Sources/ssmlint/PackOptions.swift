import ArgumentParser
import Foundation
import SSMLintEngine
import SSMLintPacks
import SSMLintRules

/// `--rules-dir` and `--plugin`: the rules beyond the built-in ones.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("rules-dir"), help: ArgumentHelp("A declarative rule pack: a directory of rule YAML files with check blocks (repeatable).", valueName: "dir"))
    var ruleDirectories: [String] = []

    @Option(name: .customLong("plugin"), help: ArgumentHelp("A compiled rule pack (shared library) to load; explicit paths only (repeatable).", valueName: "path"))
    var plugins: [String] = []

    /// The built-in rules plus every pack; a bad pack stops the run (exit 64).
    /// `extraDirectories`: declarative packs named by the configuration file
    /// (which can never name a compiled pack).
    func catalogue(extraDirectories: [String] = []) throws -> RuleCatalogue {
        var catalogue = RuleCatalogue(builtIn: BuiltInRules.all)
        do {
            for directory in extraDirectories + ruleDirectories { try catalogue.addPack(directory: directory) }
            for plugin in plugins {
                try PluginProbe.check(plugin)
                try catalogue.addPlugin(path: plugin)
            }
        } catch {
            FileHandle.standardError.write(Data("ssmlint: error: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        return catalogue
    }
}

/// Loads a compiled pack in a child process first, so a pack that crashes in
/// its manifest call is reported instead of taking ssmlint down with it.
enum PluginProbe {
    static func check(_ path: String) throws(RuleCatalogue.PackError) {
        guard FileManager.default.fileExists(atPath: path) else { throw RuleCatalogue.PackError("\(path): no such file") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        if let executable = Bundle.main.executableURL { process.executableURL = executable }
        process.arguments = ["probe-pack", path]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do { try process.run() } catch { return }   // cannot probe: load directly
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            throw RuleCatalogue.PackError("\(path): the pack crashed (signal \(process.terminationStatus)) while ssmlint read its manifest")
        }
        if process.terminationStatus != 0 {
            let message = output.split(separator: "\n").first.map(String.init) ?? "the pack could not be loaded"
            throw RuleCatalogue.PackError(message.replacingOccurrences(of: "ssmlint: error: ", with: ""))
        }
    }
}

/// Hidden: loads a compiled pack and reads its manifest (run by PluginProbe).
struct ProbePackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe-pack", shouldDisplay: false)

    @Argument var path: String

    func run() throws {
        do {
            let pack = try CompiledPack(path: path)
            print("\(pack.name) \(pack.version): \(pack.definitions.map(\.id).joined(separator: ", "))")
        } catch {
            FileHandle.standardError.write(Data("ssmlint: error: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }
}
