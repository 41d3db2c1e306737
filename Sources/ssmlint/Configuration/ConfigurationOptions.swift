import ArgumentParser
import Foundation
import SSMLintReporters

/// `--config FILE` / `--no-config`, and the search for `.ssmlint.yaml`.
struct ConfigurationOptions: ParsableArguments {
    static let fileName = ".ssmlint.yaml"
    /// Far above any real configuration.
    static let sizeLimit = InputSizeLimit(bytes: 4 << 20)

    @Option(name: .customLong("config"), help: ArgumentHelp("Read settings from this file instead of the .ssmlint.yaml found from the current directory up to the repository root.", valueName: "file"))
    var file: String?

    @Flag(name: .customLong("no-config"), help: "Ignore any .ssmlint.yaml.")
    var ignore = false

    func validate() throws {
        if ignore && file != nil { throw ValidationError("--config and --no-config exclude each other") }
    }

    /// The configuration in effect, if any; a broken file is a usage error (exit 64).
    /// `display` turns the file's path into the one messages and reports show.
    func load(display: (String) -> String) throws -> Configuration? {
        guard !ignore, let path = file ?? Self.discover(from: FileManager.default.currentDirectoryPath) else { return nil }
        // A discovered file belongs to the checkout: read only if it is a
        // regular file (not a link a pull request planted), and never much of it.
        let read = InputReader.read(path: Array(path.utf8), origin: file == nil ? .discovered : .named, limit: Self.sizeLimit)
        let data: [UInt8]
        switch read {
        case .success(let bytes): data = bytes
        case .failure(let failure):
            throw UsageFailure.exit(ReportText.oneLine("cannot read the configuration file \(path): \(failure.message)"))
        }
        var configuration: Configuration
        do {
            configuration = try Configuration(bytes: data, file: path, displayName: display(path))
        } catch {
            throw UsageFailure.exit(error.description)
        }
        try configuration.readParameterFiles(display: display)
        return configuration
    }

    /// `.ssmlint.yaml` in `directory` or a parent, up to and including the
    /// repository root (the directory that holds `.git`); outside a repository,
    /// only `directory` itself.
    static func discover(from directory: String) -> String? {
        let manager = FileManager.default
        var current = URL(fileURLWithPath: directory).standardizedFileURL
        let insideRepository = RepositoryRoot.find(from: current.path) != nil
        while true {
            let candidate = current.appendingPathComponent(fileName).path
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
            if !insideRepository || manager.fileExists(atPath: current.appendingPathComponent(".git").path) { return nil }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }
}

/// The root of the git repository a path lies in: the nearest directory,
/// the path itself or a parent, that holds `.git` (a directory, or a file in
/// worktrees and submodules).
enum RepositoryRoot {
    static func find(from path: String) -> String? {
        var current = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: current.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            current = current.deletingLastPathComponent()
        }
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) { return current.path }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }
}
