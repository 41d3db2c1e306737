#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files ssmlint writes (reports: `--format FORMAT=FILE`, `--output`;
/// `--write-baseline`), decided before the scan starts; a path it will not
/// write is a usage error (exit 64) with the reason.
///
/// - An output that is itself a symbolic link is refused: a checkout can
///   commit `report.sarif -> ~/.bashrc` or `-> /dev/null`. Only the standard
///   stream aliases under /dev and /proc/self/fd (`/dev/stdout`) are links
///   ssmlint writes through. A relative output path must not pass through a
///   linked directory either (`out/report.sarif` with `out -> /etc`).
/// - A directory, an empty name, a missing directory, and a place where no
///   file can be created (/proc) are refused.
/// - Two outputs that are the same file under different names (`r.out`,
///   `./r.out`, `/dev/stdout` twice, `/dev/stdout` while the console report
///   goes to standard output) are refused; /dev/null may take any number.
/// - An output that is also an input is refused: ssmlint never overwrites a
///   file it scans.
enum OutputPathPolicy {
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    enum Target {
        /// A regular file, new or existing, replaced through a temporary file
        /// in `directory`; `mode` is the permission the report gets.
        case replace(directory: String, name: String, mode: mode_t)
        /// A device, FIFO or standard stream alias, written where it is
        /// (appending, for an alias of a stream that may be a file).
        case inPlace(append: Bool)
    }

    /// What a path writes to: an existing file, or a new name in a directory.
    enum Identity: Hashable {
        case file(device: UInt64, inode: UInt64)
        case newFile(directory: String, name: String)
    }

    struct Checked {
        var target: Target
        var identity: Identity
    }

    static func check(_ path: String, role: String = "report file") throws(Refusal) -> Checked {
        guard !path.isEmpty else { throw Refusal(description: "a \(role) needs a name, not an empty string") }
        if !path.hasPrefix("/") {
            var prefix = ""
            for component in path.split(separator: "/").dropLast() {
                prefix += (prefix.isEmpty ? "" : "/") + component
                var status = stat()
                if lstat(prefix, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
                    throw Refusal(description: "\(role) \(path) passes through the symbolic link \(prefix); ssmlint does not write through links (name the real directory)")
                }
            }
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            let code = errno
            guard code == ENOENT else { throw Refusal(description: "cannot write the \(role) \(path): \(InputReader.describe(code))") }
            return try newFile(path, role: role)
        }
        switch status.st_mode & S_IFMT {
        case S_IFLNK:
            guard isStreamAlias(path) else {
                throw Refusal(description: "\(role) \(path) is a symbolic link; ssmlint does not write through links (name the file it points to, or remove the link)")
            }
            var resolved = stat()
            guard stat(path, &resolved) == 0 else { throw Refusal(description: "cannot write the \(role) \(path): \(InputReader.describe(errno))") }
            return Checked(target: .inPlace(append: true), identity: identity(of: resolved))
        case S_IFDIR:
            throw Refusal(description: "\(role) \(path) is a directory; name a file")
        case S_IFREG:
            if path.hasSuffix("/") { throw Refusal(description: "\(role) \(path) is not a directory") }
            let (directory, name) = split(path)
            return Checked(target: .replace(directory: directory, name: name, mode: status.st_mode & 0o777),
                           identity: identity(of: status))
        default:
            return Checked(target: .inPlace(append: false), identity: identity(of: status))
        }
    }

    /// Refuses two outputs that are one file, and an output that is standard
    /// output while another report goes there.
    static func checkDistinct(_ outputs: [(path: String, identity: Identity)], standardOutputUsed: Bool) throws(Refusal) {
        let null = nullDevice
        var seen: [Identity: String] = [:]
        for output in outputs where output.identity != null {
            if let earlier = seen[output.identity] {
                let names = earlier == output.path ? "\(earlier) is named twice" : "\(earlier) and \(output.path) are the same file"
                throw Refusal(description: "\(names); each report needs its own file")
            }
            seen[output.identity] = output.path
        }
        var status = stat()
        if standardOutputUsed, fstat(STDOUT_FILENO, &status) == 0, let shared = seen[identity(of: status)] {
            throw Refusal(description: "\(shared) is standard output, where another report already goes; give one of them another file")
        }
    }

    /// Refuses an output that is one of the inputs.
    static func checkNotInput(_ outputs: [(path: String, identity: Identity)], inputs: [(display: String, identity: Identity)]) throws(Refusal) {
        let scanned = Dictionary(inputs.map { ($0.identity, $0.display) }, uniquingKeysWith: { first, _ in first })
        for output in outputs where output.identity != nullDevice {
            if let input = scanned[output.identity] {
                throw Refusal(description: "\(output.path) is also an input (\(input)); ssmlint never overwrites a file it scans")
            }
        }
    }

    /// The identity of a file being scanned, when it exists.
    static func identity(ofInput path: [UInt8]) -> Identity? {
        var status = stat()
        guard InputReader.withCString(path, { stat($0, &status) }) == 0 else { return nil }
        return identity(of: status)
    }

    static func identityOfStandardInput() -> Identity? {
        var status = stat()
        guard fstat(STDIN_FILENO, &status) == 0 else { return nil }
        return identity(of: status)
    }

    private static func newFile(_ path: String, role: String) throws(Refusal) -> Checked {
        if path.hasSuffix("/") { throw Refusal(description: "\(role) \(path) names a directory that does not exist; name a file") }
        let (directory, name) = split(path)
        var status = stat()
        guard stat(directory, &status) == 0 else {
            throw Refusal(description: "cannot write the \(role) \(path): the directory \(directory) \(errno == ENOENT ? "does not exist" : "cannot be used (\(InputReader.describe(errno)))")")
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { throw Refusal(description: "cannot write the \(role) \(path): \(directory) is not a directory") }
        let resolved = InputCollector.realPath(Array(directory.utf8)).map(PathBytes.displayText) ?? directory
        let mask = umask(0)
        umask(mask)
        return Checked(target: .replace(directory: directory, name: name, mode: 0o666 & ~mask),
                       identity: .newFile(directory: resolved, name: name))
    }

    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    private static func isStreamAlias(_ path: String) -> Bool {
        path.hasPrefix("/dev/") || path.hasPrefix("/proc/self/fd/")
    }

    private static func identity(of status: stat) -> Identity {
        .file(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    private static var nullDevice: Identity? {
        var status = stat()
        return stat("/dev/null", &status) == 0 ? identity(of: status) : nil
    }
}
