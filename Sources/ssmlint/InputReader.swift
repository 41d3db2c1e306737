#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SSMLintLoaders

/// Reads one input's bytes with POSIX calls, so every failure has a clear
/// reason and nothing can make ssmlint read without end:
/// - at most `limit` bytes are read (`/dev/zero`, a huge file, an endless pipe);
/// - files found in a directory scan are opened without following a link and
///   without blocking, and must be regular files (a FIFO or device planted in a
///   repository is never read);
/// - files named on the command line may be FIFOs, `/dev/stdin` or process
///   substitutions (`<(terraform show -json plan)`), as the user chose them.
enum InputReader {
    struct Failure: Error {
        var message: String
    }

    /// `origin`: a file named on the command line is opened as named (links
    /// followed, FIFOs and devices read); one discovered in a directory (its
    /// links already resolved to a regular file inside it) is opened without
    /// following a link or blocking, and must be a regular file.
    static func read(path: [UInt8], origin: InputLoader.Origin, limit: InputSizeLimit) -> Result<[UInt8], Failure> {
        var flags = O_RDONLY | O_CLOEXEC
        if origin == .discovered { flags |= O_NOFOLLOW | O_NONBLOCK }
        let descriptor = withCString(path) { open($0, flags) }
        guard descriptor >= 0 else {
            if origin == .discovered && errno == ELOOP { return .failure(Failure(message: "it is a symbolic link, which is not followed here")) }
            return .failure(Failure(message: "cannot read the file: \(describe(errno))"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(Failure(message: "cannot read the file: \(describe(errno))")) }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { return .failure(Failure(message: "it is a directory")) }
        if origin == .discovered && kind != S_IFREG {
            return .failure(Failure(message: "not a regular file (\(FileKind.name(of: status.st_mode))); directory scans read only regular files"))
        }
        return read(descriptor: descriptor, limit: limit, what: "the file")
    }

    /// Standard input, with the same limit.
    static func readStandardInput(limit: InputSizeLimit) -> Result<[UInt8], Failure> {
        if StandardStreams.inputWasClosed {
            return .failure(Failure(message: "standard input is closed; pipe a template or plan into ssmlint, or name the file"))
        }
        return read(descriptor: STDIN_FILENO, limit: limit, what: "standard input")
    }

    private static func read(descriptor: Int32, limit: InputSizeLimit, what: String) -> Result<[UInt8], Failure> {
        var bytes: [UInt8] = []
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            if status.st_size > limit.bytes { return .failure(tooLarge(what, limit)) }
            // Sized once (a file that grows meanwhile still reads whole): a
            // large input was otherwise copied at each doubling, and held in
            // up to twice its size.
            bytes.reserveCapacity(Int(status.st_size))
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { return .failure(Failure(message: "\(what) is not ready to be read (a FIFO or device found in a directory)")) }
                return .failure(Failure(message: "cannot read \(what): \(describe(errno))"))
            }
            guard bytes.count + count <= limit.bytes else { return .failure(tooLarge(what, limit)) }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .success(bytes)
    }

    private static func tooLarge(_ what: String, _ limit: InputSizeLimit) -> Failure {
        Failure(message: "\(what) is larger than the input size limit of \(limit); raise it with --max-input-size")
    }

    /// A short reason for an errno value ("permission denied").
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "too many levels of symbolic links"
        case ENAMETOOLONG: return "the path is too long"
        case ENOTDIR: return "a part of the path is not a directory"
        case EISDIR: return "it is a directory"
        case EBADF: return "not open"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    static func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}

/// Names of file types for messages.
enum FileKind {
    static func name(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "an unknown kind of file"
        }
    }
}
