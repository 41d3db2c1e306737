import Foundation

/// Reads a rule pack's files. A pack may come from the repository being
/// scanned (the configuration file names it), so only regular files inside
/// the pack's directory are read, links included when they stay inside, and
/// at most `limit` bytes of each: a planted link to a FIFO, a device or a file
/// elsewhere is refused before it is opened.
enum PackFile {
    struct Problem: Error {
        var message: String
    }

    static let limit = 1 << 20

    static func read(_ path: String, inside directory: String) -> Result<[UInt8], Problem> {
        guard let real = realPath(path) else { return .failure(Problem(message: "cannot read the file (it does not exist)")) }
        guard let root = realPath(directory), real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            return .failure(Problem(message: "not read: it leads outside the rule pack's directory (through a symbolic link or ..)"))
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: real),
              attributes[.type] as? FileAttributeType == .typeRegular else {
            return .failure(Problem(message: "not read: not a regular file"))
        }
        guard let size = attributes[.size] as? Int, size <= limit else {
            return .failure(Problem(message: "not read: larger than \(limit >> 20) MiB"))
        }
        guard let data = FileManager.default.contents(atPath: real), data.count <= limit else {
            return .failure(Problem(message: "cannot read the file"))
        }
        return .success([UInt8](data))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(decoding: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)), as: UTF8.self)
    }
}
