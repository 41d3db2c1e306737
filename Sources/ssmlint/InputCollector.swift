import Foundation
import SSMLintEngine
import SSMLintLoaders

/// Expands the paths given to `scan` into files: files as given, directories
/// recursively (template-like extensions only, hidden and build folders
/// skipped), `-` for standard input.
struct InputCollector {
    struct Input: Sendable {
        /// The path to read, or nil for standard input.
        var path: String?
        /// The path shown in reports, relative to the scan root when possible.
        var displayPath: String
        /// Named on the command line (judged strictly) or found in a directory (skipped if not a template).
        var origin: InputLoader.Origin = .named
    }

    static let extensions: Set<String> = ["yaml", "yml", "json", "template", "cfn"]
    static let skippedDirectories: Set<String> = [".build", ".git", "node_modules", ".terraform", ".swiftpm"]

    let root: String
    /// Globs over paths relative to the root; a matching file or directory is left out.
    var excludes: [Glob] = []

    init(root: String, excludes: [Glob] = []) {
        self.root = root
        self.excludes = excludes
    }

    /// Whether a path (file or directory) is excluded: a glob matches its path
    /// relative to the root, or the path of one of its parent directories.
    func isExcluded(_ path: String) -> Bool {
        guard !excludes.isEmpty else { return false }
        let relative = display(path)
        var candidates = [relative]
        var parts = relative.split(separator: "/").map(String.init)
        while parts.count > 1 {
            parts.removeLast()
            candidates.append(parts.joined(separator: "/"))
        }
        return excludes.contains { glob in candidates.contains { glob.matches($0) } }
    }

    /// The files the arguments name, each once: overlapping arguments
    /// (`infra infra/a.yaml`, `a.yaml ./a.yaml`) are told apart by the file's
    /// resolved real path. The first mention keeps its place and path; a file
    /// also named on its own is judged strictly, as named files are.
    func collect(_ arguments: [String]) -> (inputs: [Input], missing: [Input]) {
        var inputs: [Input] = []
        var missing: [Input] = []
        var seen: [String: Int] = [:]
        func add(_ input: Input) {
            guard let path = input.path else { return inputs.append(input) }
            let key = Self.realPath(path)
            if let index = seen[key] {
                if input.origin == .named { inputs[index].origin = .named }
                return
            }
            seen[key] = inputs.count
            inputs.append(input)
        }
        let manager = FileManager.default
        for argument in arguments {
            if argument == "-" {
                inputs.append(Input(path: nil, displayPath: "stdin"))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                missing.append(Input(path: argument, displayPath: display(argument)))
                continue
            }
            if !isDirectory.boolValue {
                add(Input(path: argument, displayPath: display(argument)))
                continue
            }
            var found: [String] = []
            let base = URL(fileURLWithPath: argument)
            let enumerator = manager.enumerator(at: base, includingPropertiesForKeys: [.isDirectoryKey, .isRegularFileKey],
                                                options: [.skipsHiddenFiles])
            while let url = enumerator?.nextObject() as? URL {
                let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isRegularFileKey])
                if values?.isDirectory == true {
                    if Self.skippedDirectories.contains(url.lastPathComponent) || isExcluded(url.path) { enumerator?.skipDescendants() }
                    continue
                }
                guard values?.isRegularFile == true, Self.extensions.contains(url.pathExtension.lowercased()), !isExcluded(url.path) else { continue }
                let relative = String(url.path.dropFirst(base.path.count))
                found.append((argument.hasSuffix("/") ? String(argument.dropLast()) : argument) + relative)
            }
            for path in found.sorted() { add(Input(path: path, displayPath: display(path), origin: .discovered)) }
        }
        return (inputs, missing)
    }

    private static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The path relative to the scan root (with `..` when it lies outside).
    func display(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        let fileParts = absolute.split(separator: "/")
        let rootParts = rootPath.split(separator: "/")
        var common = 0
        while common < min(fileParts.count, rootParts.count), fileParts[common] == rootParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: rootParts.count - common)
        return (ups + fileParts[common...].map(String.init)).joined(separator: "/")
    }
}
