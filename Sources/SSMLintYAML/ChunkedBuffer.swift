/// An append-only array of plain values stored in fixed-size chunks. Growing
/// never copies what is already stored, so a document of tens of millions of
/// nodes costs its size plus at most one chunk, instead of the up-to-double
/// capacity and the old-plus-new copy of a growing `Array`.
final class ChunkedBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    // @unchecked: written only by the parser that creates it, read-only once
    // the document is handed out.
    private static var chunkShift: Int { 12 }
    private static var chunkSize: Int { 1 << chunkShift }
    private static var chunkMask: Int { chunkSize - 1 }

    // Unchecked: the buffer is appended to by one parser only, then only read;
    // dynamic exclusivity checks on every node access cost 4% of a large scan.
    @exclusivity(unchecked) private var chunks: [UnsafeMutablePointer<Element>] = []
    @exclusivity(unchecked) private(set) var count = 0

    init() {}

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    func append(_ element: Element) {
        let offset = count & Self.chunkMask
        if offset == 0 { chunks.append(UnsafeMutablePointer<Element>.allocate(capacity: Self.chunkSize)) }
        (chunks[count >> Self.chunkShift] + offset).initialize(to: element)
        count += 1
    }

    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "ChunkedBuffer index out of range")
        return chunks[index >> Self.chunkShift][index & Self.chunkMask]
    }
}
