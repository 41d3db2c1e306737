#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// How the C allocator is set up before any work. glibc maps each large
/// block (128 KiB and more: the model's tables, the findings) on pages of its
/// own, fresh memory every time, while the memory a parsed input's tree left
/// free sits unused in the heap. Served from the heap, those blocks reuse it:
/// a large template's scan peaked 1.2 MB lower.
enum AllocatorTuning {
    static func apply() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not
        // export; it is looked up instead (and skipped by a C library without it).
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mmapThreshold: Int32 = -3   // M_MMAP_THRESHOLD
        _ = unsafeBitCast(symbol, to: MallOpt.self)(mmapThreshold, 32 << 20)
        #endif
    }

    /// Inputs of this size and more are worth `returnFreePages` once loaded.
    static let largeInput = 1 << 20

    /// Gives the pages of freed memory back to the system. Memory freed by
    /// one thread stays with that thread's arena, and the heap keeps pages
    /// below blocks still in use: after a large input is loaded, its freed
    /// document tree and the parts of its model built on other threads would
    /// otherwise stay counted until exit (on a 16,884-resource template
    /// built in two parts, 4.6 MB at the peak; the call takes milliseconds).
    static func returnFreePages() {
        #if canImport(Glibc)
        // `malloc_trim` is declared in <malloc.h> too.
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
