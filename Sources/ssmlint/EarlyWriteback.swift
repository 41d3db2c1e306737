#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Asks the kernel to start writing a report's finished part to disk while
/// the rest is still being produced. The report is synced before it is put
/// in place (a crash must not leave an empty file under its name); with the
/// writeback started early, that sync waits for the last part only: a
/// 6.6 MB report's sync took about as long as producing a third of it.
enum EarlyWriteback {
    /// Bytes written since the last request before another is made.
    static let interval = 1 << 20

    /// Starts writeback of `count` bytes at `offset`, without waiting for it.
    /// Does nothing where the call is missing or fails: the final sync then
    /// does all the work, as it did before.
    static func start(_ descriptor: Int32, offset: Int, count: Int) {
        #if canImport(Glibc)
        guard let syncFileRange else { return }
        _ = syncFileRange(descriptor, Int64(offset), Int64(count), writeFlag)
        #endif
    }

    #if canImport(Glibc)
    // `sync_file_range` is a GNU extension the Glibc module does not export:
    // it is looked up instead, as `mallopt` is (AllocatorTuning).
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    private static let syncFileRange: SyncFileRange? = dlsym(nil, "sync_file_range").map { unsafeBitCast($0, to: SyncFileRange.self) }
    /// SYNC_FILE_RANGE_WRITE: start writing dirty pages, do not wait.
    private static let writeFlag: UInt32 = 2
    #endif
}
