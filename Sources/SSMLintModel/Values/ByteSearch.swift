extension StringProtocol {
    /// The range of the first occurrence of `needle`, compared byte by byte
    /// (UTF-8). For the short ASCII markers loaders and rules look for (`${`,
    /// `:iam::aws:policy/`) this is far cheaper than Foundation's `range(of:)`
    /// or the standard library's generic `firstRange(of:)`.
    @inlinable
    public func firstByteRange(of needle: String) -> Range<Index>? {
        let haystack = utf8
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
}
