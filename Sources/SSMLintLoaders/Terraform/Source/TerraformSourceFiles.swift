import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Caps on what is read of a Terraform configuration.
public struct TerraformSourceLimits: Sendable {
    public var maxFileBytes: Int
    public var maxFiles: Int
    public var maxTotalBytes: Int

    public init(maxFileBytes: Int = 4 << 20, maxFiles: Int = 1_000, maxTotalBytes: Int = 64 << 20) {
        self.maxFileBytes = maxFileBytes
        self.maxFiles = maxFiles
        self.maxTotalBytes = maxTotalBytes
    }
}

/// Read access to a Terraform configuration that a pull request may have
/// written: only inside one directory tree (a symlink or a `../` that leads
/// out of it is refused), only regular files (never a FIFO or device, which
/// could block), with caps on each file's size, on the number of files and on
/// the bytes read in total.
struct TerraformSourceFiles {
    /// Why a file was not read.
    struct Refusal: Error {
        var message: String
    }

    /// The tree's real path (symlinks resolved), with a trailing slash.
    let boundary: String
    let limits: TerraformSourceLimits
    private(set) var filesRead = 0
    private(set) var bytesRead = 0

    /// Nil when the boundary directory does not exist.
    init?(boundary directory: String, limits: TerraformSourceLimits) {
        guard let real = Self.realPath(directory) else { return nil }
        self.boundary = real.hasSuffix("/") ? real : real + "/"
        self.limits = limits
    }

    /// Whether the path, with every symlink resolved, exists inside the tree.
    func contains(_ path: String) -> Bool {
        confined(path) != nil
    }

    /// The path with every symlink resolved, when that exists inside the tree.
    func confined(_ path: String) -> String? {
        guard let real = Self.realPath(path), real + "/" == boundary || real.hasPrefix(boundary) else { return nil }
        return real
    }

    func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return contains(path) && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The directory's Terraform files, as Terraform reads them: `*.tf` names
    /// that are not hidden or editor backups, primary files before override
    /// files (`override.tf`, `*_override.tf`), each group sorted.
    func terraformFiles(in directory: String) -> [String] {
        guard isDirectory(directory), let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        let files = names.filter { name in
            name.hasSuffix(".tf") && !name.hasPrefix(".") && !name.hasPrefix("#") && !name.hasSuffix("~")
        }
        func isOverride(_ name: String) -> Bool { name == "override.tf" || name.hasSuffix("_override.tf") }
        return files.filter { !isOverride($0) }.sorted() + files.filter(isOverride).sorted()
    }

    /// A regular file's bytes, within the limits.
    mutating func read(_ path: String) -> Result<[UInt8], Refusal> {
        guard filesRead < limits.maxFiles else {
            return .failure(Refusal(message: "not read: more than \(limits.maxFiles) Terraform files"))
        }
        guard let real = confined(path) else {
            return .failure(Refusal(message: "not read: it leads outside the source tree (through a symlink)"))
        }
        // The resolved path has no symlink left; one planted since is refused, not followed.
        let descriptor = open(real, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Refusal(message: "cannot be read")) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Refusal(message: "not read: not a regular file"))
        }
        let size = Int(status.st_size)
        guard size <= limits.maxFileBytes else {
            return .failure(Refusal(message: "not read: larger than \(limits.maxFileBytes >> 20) MiB"))
        }
        guard bytesRead + size <= limits.maxTotalBytes else {
            return .failure(Refusal(message: "not read: the Terraform files exceed \(limits.maxTotalBytes >> 20) MiB in total"))
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                readBytes(descriptor, buffer.baseAddress! + filled, size - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        filesRead += 1
        bytesRead += filled
        return .success(Array(bytes[0..<filled]))
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `a/./b/../c` -> `a/c`, without touching the file system (paths shown to
    /// users keep the names they wrote; symlinks are judged by `contains`).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", path.hasPrefix("/") { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}

/// POSIX read(2) (the name `read` is taken by the method above).
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
