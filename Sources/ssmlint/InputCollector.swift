#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SSMLintEngine
import SSMLintLoaders

/// Expands the paths given to `scan` into inputs: files as given, directories
/// recursively (template-like extensions only, hidden and build folders and
/// `--exclude` matches skipped), `-` for standard input.
///
/// Directory scans run on untrusted checkouts, so what they follow is fixed:
/// - a symbolic link with a template extension is scanned when it resolves to
///   a regular file inside the scanned directory; a link that points outside
///   it, at something that is not a regular file, nowhere or in a loop is
///   reported as an input error and not read;
/// - links to directories are not followed (their files are scanned where
///   they really are, when that is inside the scanned directory);
/// - FIFOs, sockets and devices are never opened (reported when their name
///   looks like a template);
/// - a directory that cannot be read is reported, not skipped.
/// Files named on the command line are read as named, links and FIFOs
/// included. Paths are kept as bytes, so names that are not UTF-8 are read.
struct InputCollector {
    struct Input: Sendable {
        enum Source: Sendable {
            case standardInput
            case file(path: [UInt8])
            /// Reported as an input error, not read.
            case problem(String)
        }

        var source: Source
        /// The path shown in reports, relative to the scan root when possible.
        var displayPath: String
        /// Named on the command line (judged strictly) or found in a directory (skipped if not a template).
        var origin: InputLoader.Origin = .named

        /// The path to read, as text (nil for standard input or a problem).
        var path: String? {
            guard case .file(let bytes) = source else { return nil }
            return String(validating: bytes, as: UTF8.self)
        }
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

    /// The inputs the arguments name, each file once: overlapping arguments
    /// (`infra infra/a.yaml`, `a.yaml ./a.yaml`) are told apart by the file's
    /// resolved real path. The first mention keeps its place and path; a file
    /// also named on its own is judged strictly, as named files are.
    func collect(_ arguments: [String], raw: RawArguments = RawArguments()) -> [Input] {
        var raw = raw
        var inputs: [Input] = []
        var seen: [[UInt8]: Int] = [:]
        func add(_ input: Input) {
            guard case .file(let path) = input.source else { return inputs.append(input) }
            let key = Self.realPath(path) ?? path
            if let index = seen[key] {
                if input.origin == .named { inputs[index].origin = .named }
                return
            }
            seen[key] = inputs.count
            inputs.append(input)
        }
        for argument in arguments {
            if argument == "-" {
                inputs.append(Input(source: .standardInput, displayPath: "stdin"))
                continue
            }
            let path = raw.bytes(of: argument)
            var status = stat()
            guard InputReader.withCString(path, { stat($0, &status) }) == 0 else {
                let code = errno
                var link = stat()
                let isLink = InputReader.withCString(path, { lstat($0, &link) }) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
                let reason = isLink ? Self.brokenLink(code) : InputReader.describe(code)
                inputs.append(Input(source: .problem(reason), displayPath: display(path)))
                continue
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                for input in walk(path) { add(input) }
            } else {
                add(Input(source: .file(path: path), displayPath: display(path)))
            }
        }
        return inputs
    }

    /// Every template-like file under `directory`, in path order.
    private func walk(_ directory: [UInt8]) -> [Input] {
        guard let scanned = Self.realPath(directory) else {
            return [Input(source: .problem("cannot resolve the directory: \(InputReader.describe(errno))"), displayPath: display(directory))]
        }
        var found: [(path: [UInt8], input: Input)] = []
        func report(_ path: [UInt8], _ message: String) {
            found.append((path, Input(source: .problem(message), displayPath: display(path), origin: .discovered)))
        }
        var pending: [[UInt8]] = [directory]
        while let current = pending.popLast() {
            // Below the scanned directory, a directory swapped for a link is not entered.
            let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (current == directory ? 0 : O_NOFOLLOW)
            let descriptor = InputReader.withCString(current) { open($0, flags) }
            guard descriptor >= 0, let handle = fdopendir(descriptor) else {
                let code = errno
                if descriptor >= 0 { close(descriptor) }
                report(current, "cannot read the directory: \(InputReader.describe(code))")
                continue
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                // Hidden entries, "." and ".." included.
                guard let first = name.first, first != UInt8(ascii: ".") else { continue }
                let path = PathBytes.join(current, name)
                var status = stat()
                guard InputReader.withCString(path, { lstat($0, &status) }) == 0 else {
                    if Self.isTemplate(name) { report(path, "cannot read the file: \(InputReader.describe(errno))") }
                    continue
                }
                let kind = status.st_mode & S_IFMT
                if kind == S_IFDIR {
                    if !Self.skippedDirectories.contains(PathBytes.displayText(name)) && !isExcluded(PathBytes.displayText(path)) {
                        pending.append(path)
                    }
                    continue
                }
                guard Self.isTemplate(name), !isExcluded(PathBytes.displayText(path)) else { continue }
                switch kind {
                case S_IFREG:
                    found.append((path, Input(source: .file(path: path), displayPath: display(path), origin: .discovered)))
                case S_IFLNK:
                    found.append((path, followLink(path, inside: scanned)))
                default:
                    report(path, "not a regular file (\(FileKind.name(of: status.st_mode))); directory scans read only regular files")
                }
            }
        }
        return found.sorted { $0.path.lexicographicallyPrecedes($1.path) }.map(\.input)
    }

    /// A symbolic link met in a directory scan: its target when that is a
    /// regular file inside the scanned directory, otherwise the reason not.
    private func followLink(_ path: [UInt8], inside scanned: [UInt8]) -> Input {
        let shown = display(path)
        func refused(_ reason: String) -> Input { Input(source: .problem(reason), displayPath: shown, origin: .discovered) }
        guard let target = Self.realPath(path) else { return refused(Self.brokenLink(errno)) }
        guard PathBytes.hasPrefix(target, directory: scanned) else {
            return refused("symbolic link to a file outside the scanned directory; not read (name the file itself to scan it)")
        }
        var status = stat()
        guard InputReader.withCString(target, { stat($0, &status) }) == 0 else { return refused(Self.brokenLink(errno)) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            return refused("symbolic link to \(FileKind.name(of: status.st_mode)), not a regular file; not read")
        }
        return Input(source: .file(path: target), displayPath: shown, origin: .discovered)
    }

    private static func brokenLink(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "broken symbolic link: its target does not exist"
        case ELOOP: return "symbolic link loop"
        default: return "cannot follow the symbolic link: \(InputReader.describe(code))"
        }
    }

    private static func isTemplate(_ name: [UInt8]) -> Bool {
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > name.startIndex else { return false }
        return extensions.contains(PathBytes.displayText(Array(name[(dot + 1)...])).lowercased())
    }

    /// The absolute path without links, `.` or `..`; nil with errno set.
    static func realPath(_ path: [UInt8]) -> [UInt8]? {
        guard let resolved = InputReader.withCString(path, { realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return Array(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
    }

    /// The path relative to the scan root (with `..` when it lies outside).
    func display(_ path: [UInt8]) -> String {
        display(PathBytes.displayText(path))
    }

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
