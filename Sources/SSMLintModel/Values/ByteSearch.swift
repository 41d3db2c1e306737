extension StringProtocol {
    /// The range of the first occurrence of `needle`, compared byte by byte
    /// (UTF-8). For the short ASCII markers loaders and rules look for (`${`,
    /// `:iam::aws:policy/`) this is far cheaper than Foundation's `range(of:)`
    /// or the standard library's generic `firstRange(of:)`.
    @inlinable
    public func firstByteRange(of needle: String) -> Range<Index>? {
        let haystack = utf8
        // Native strings are searched in their contiguous bytes; the view's
        // index arithmetic cost more than the comparisons themselves.
        if let found = haystack.withContiguousStorageIfAvailable({ bytes in Self.firstOffsets(of: Array(needle.utf8), in: bytes) }) {
            guard let (start, end) = found else { return nil }
            return haystack.index(haystack.startIndex, offsetBy: start)..<haystack.index(haystack.startIndex, offsetBy: end)
        }
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return startIndex..<startIndex }
        var from = haystack.startIndex
        while let candidate = haystack[from...].firstIndex(of: first) {
            var matched = haystack.index(after: candidate)
            var offset = 1
            while offset < pattern.count, matched < haystack.endIndex, haystack[matched] == pattern[offset] {
                matched = haystack.index(after: matched)
                offset += 1
            }
            if offset == pattern.count { return candidate..<matched }
            from = haystack.index(after: candidate)
        }
        return nil
    }

    /// Offsets of the first occurrence of `pattern` in `bytes`.
    @usableFromInline
    static func firstOffsets(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        guard let first = pattern.first else { return (0, 0) }
        guard pattern.count <= bytes.count else { return nil }
        var start = 0
        while start + pattern.count <= bytes.count {
            if bytes[start] == first {
                var offset = 1
                while offset < pattern.count, bytes[start + offset] == pattern[offset] { offset += 1 }
                if offset == pattern.count { return (start, start + offset) }
            }
            start += 1
        }
        return nil
    }
}
