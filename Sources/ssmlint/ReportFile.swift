#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SSMLintEngine

/// One `--output` file, opened before the scan and written after it.
///
/// A regular file (new or existing) is written through a temporary file
/// created beside it with `mkstemp` (an unpredictable name, opened with
/// O_CREAT|O_EXCL, so nothing planted in the directory is followed or
/// overwritten), then renamed over it: readers see the old report or the new
/// one, never half of one, and an interrupted run removes the temporary file.
/// Devices, FIFOs and the standard stream aliases (`/dev/stdout`) are written
/// in place: renaming over them would replace the device or the pipe.
final class ReportFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let path: String
    private let target: OutputPathPolicy.Target
    private var temporary: (path: String, descriptor: Int32)?

    /// Creates the temporary file for a regular-file target.
    init(path: String, target: OutputPathPolicy.Target) throws(Failure) {
        self.path = path
        self.target = target
        guard case .replace(let directory, _, _) = target else { return }
        var template = Array(PathBytes.join(Array(directory.utf8), Array(".ssmlint-XXXXXX".utf8)).map { CChar(bitPattern: $0) }) + [0]
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot write \(path): no file can be created in \(directory) (\(InputReader.describe(errno)))")
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        temporary = (temporaryPath, descriptor)
        if !TemporaryFileCleanup.register(temporaryPath) {
            discard()
            throw Failure(description: "too many --output files")
        }
    }

    deinit { discard() }

    /// Writes the report and puts it in place.
    func write(_ text: String) throws(Failure) {
        try write { $0.append(text) }
    }

    /// Writes the report as `produce` hands out its bytes, through a buffer,
    /// and puts it in place: a large report is never held whole in memory.
    func write(_ produce: (inout Writer) -> Void) throws(Failure) {
        switch target {
        case .replace(_, _, let mode):
            guard let (temporaryPath, descriptor) = temporary else { throw Failure(description: "cannot write \(path): already written") }
            defer { discard() }
            try Writer.run(produce, to: descriptor, path: path, startingWriteback: true)
            _ = fchmod(descriptor, mode)
            guard fsync(descriptor) == 0 || errno == EINVAL else {
                throw Failure(description: "cannot write \(path): \(InputReader.describe(errno))")
            }
            guard rename(temporaryPath, path) == 0 else {
                throw Failure(description: "cannot write \(path): \(InputReader.describe(errno))")
            }
            TemporaryFileCleanup.unregister(temporaryPath)
            close(descriptor)
            temporary = nil
        case .inPlace(let append):
            let descriptor = open(path, O_WRONLY | O_CLOEXEC | (append ? O_APPEND : 0))
            guard descriptor >= 0 else { throw Failure(description: "cannot write \(path): \(InputReader.describe(errno))") }
            defer { close(descriptor) }
            try Writer.run(produce, to: descriptor, path: path)
        }
    }

    /// Removes the temporary file if the report was not put in place.
    func discard() {
        guard let (temporaryPath, descriptor) = temporary else { return }
        temporary = nil
        close(descriptor)
        unlink(temporaryPath)
        TemporaryFileCleanup.unregister(temporaryPath)
    }

    /// Bytes on their way to a report file: gathered into 64 KiB writes.
    /// The first failed write is kept and reported once the report is done.
    /// The buffer is plain memory that lives for one `run`: a report is
    /// appended a few bytes at a time, millions of times, and an array checked
    /// its uniqueness and capacity on every append.
    struct Writer: JSONOutput {
        private let descriptor: Int32
        private let buffer: UnsafeMutableBufferPointer<UInt8>
        private var count = 0
        /// Bytes written to the file, and how many of them writeback was started for.
        private var written = 0
        private var writebackStarted = 0
        private let startsWriteback: Bool
        private var failure: Int32?
        /// Why the report's producer stopped part-way (`abandon`).
        private var abandoned: String?
        private static let capacity = 1 << 16

        private init(descriptor: Int32, buffer: UnsafeMutableBufferPointer<UInt8>, startsWriteback: Bool) {
            self.descriptor = descriptor
            self.buffer = buffer
            self.startsWriteback = startsWriteback
        }

        /// `startingWriteback`: the descriptor is a regular file that is synced
        /// once written (see `EarlyWriteback`).
        static func run(_ produce: (inout Writer) -> Void, to descriptor: Int32, path: String,
                        startingWriteback: Bool = false) throws(Failure) {
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Self.capacity)
            defer { buffer.deallocate() }
            var writer = Writer(descriptor: descriptor, buffer: buffer, startsWriteback: startingWriteback)
            produce(&writer)
            writer.flush()
            if let reason = writer.abandoned { throw Failure(description: reason) }
            if let failure = writer.failure { throw Failure(description: "cannot write \(path): \(InputReader.describe(failure))") }
        }

        mutating func append(_ byte: UInt8) {
            if count == Self.capacity { flush() }
            buffer[count] = byte
            count += 1
        }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            if count + bytes.count > Self.capacity { flush() }
            if bytes.count >= Self.capacity {
                writeAll(bytes)
            } else {
                (buffer.baseAddress! + count).update(from: source, count: bytes.count)
                count += bytes.count
            }
        }

        private mutating func flush() {
            writeAll(UnsafeBufferPointer(rebasing: buffer[0..<count]))
            count = 0
        }

        /// The report could not be made whole: `run` then fails with `reason`,
        /// and a report file is not put in place.
        mutating func abandon(_ reason: String) {
            abandoned = abandoned ?? reason
        }

        private mutating func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
            var offset = 0
            while failure == nil, offset < bytes.count {
                let result = systemWrite(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if result < 0 {
                    if errno != EINTR { failure = errno }
                    continue
                }
                offset += result
            }
            written += offset
            if startsWriteback, failure == nil, written - writebackStarted >= EarlyWriteback.interval {
                EarlyWriteback.start(descriptor, offset: writebackStarted, count: written - writebackStarted)
                writebackStarted = written
            }
        }
    }
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
