import Foundation

/// A throwaway directory of files for CLI tests.
enum Workspace {
    static func make(_ files: [String: String]) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }
}
