/// Source positions of a document, four bytes each. A node stores the
/// character index libyaml gives for its start and end; this table turns an
/// index back into a line and column. libyaml's column is the index minus the
/// index where the line starts, so one entry per line that holds a node is
/// enough: a position lies on the last recorded line that starts at or before
/// it (its own line is always recorded).
struct PositionTable: Sendable {
    private var lineStarts: [UInt32] = []
    /// 0-based line numbers, parallel to `lineStarts`; both increase.
    private var lineNumbers: [UInt32] = []
    /// Positions given as such (documents built in code, not parsed): a
    /// position's id is its index here.
    private var explicit: [SourcePosition]?
    /// For each block of 2^blockShift characters, the last line starting at or
    /// before the block's first character (filled by `seal()`), so that
    /// decoding a position searches a few lines instead of the whole table.
    private var blockLines: [UInt32] = []
    private static let blockShift: UInt32 = 6

    /// A table for parsed documents (`record(index:line:column:)`).
    init() {}

    /// A table for documents built in code (`record(_:)`).
    static func explicitPositions() -> PositionTable {
        var table = PositionTable()
        table.explicit = []
        return table
    }

    /// The furthest index recorded so far and its line.
    private var furthest: (index: UInt32, line: UInt32)?

    /// Records a libyaml mark (0-based line and column) and returns its id.
    mutating func record(index: UInt32, line: UInt32, column: UInt32) -> UInt32 {
        // At the end of a document whose last line has no line break, libyaml
        // moves its mark to column 0 of a line that does not exist, at the same
        // index. A real line starts one past the previous line's break, so an
        // index already seen on an earlier line is that phantom: the position
        // stays on the real line.
        if column == 0, let furthest, furthest.index == index, furthest.line < line { return index }
        if index >= furthest?.index ?? 0 { furthest = (index, line) }
        let start = index - min(column, index)
        if let last = lineNumbers.last, last >= line {
            if last != line { insert(line: line, start: start) }
        } else {
            lineNumbers.append(line)
            lineStarts.append(start)
        }
        return index
    }

    /// Records a position of a document built in code and returns its id.
    mutating func record(_ position: SourcePosition) -> UInt32 {
        explicit!.append(position)
        return UInt32(explicit!.count - 1)
    }

    /// libyaml reports marks in document order, so this only runs for a line
    /// seen earlier (or never, on well-formed input).
    private mutating func insert(line: UInt32, start: UInt32) {
        var low = 0
        var high = lineNumbers.count
        while low < high {
            let middle = (low + high) / 2
            if lineNumbers[middle] < line { low = middle + 1 } else { high = middle }
        }
        if low < lineNumbers.count && lineNumbers[low] == line { return }
        lineNumbers.insert(line, at: low)
        lineStarts.insert(start, at: low)
    }

    func position(_ id: UInt32) -> SourcePosition {
        if let explicit { return explicit[Int(id)] }
        let line = lineIndex(containing: id)
        guard line >= 0 else { return SourcePosition(line: 1, column: Int(id) + 1) }
        return SourcePosition(line: Int(lineNumbers[line]) + 1, column: Int(id - lineStarts[line]) + 1)
    }

    /// Builds the block index once the document is complete.
    mutating func seal() {
        guard explicit == nil, let last = lineStarts.last else { return }
        let blocks = Int(last >> Self.blockShift) + 1
        blockLines.reserveCapacity(blocks)
        var line = 0
        for block in 0..<blocks {
            let start = UInt32(block) << Self.blockShift
            while line + 1 < lineStarts.count && lineStarts[line + 1] <= start { line += 1 }
            blockLines.append(UInt32(line))
        }
    }

    /// The last recorded line that starts at or before `id` (-1 for none):
    /// the block index narrows the search to the few lines around `id`.
    private func lineIndex(containing id: UInt32) -> Int {
        let count = lineStarts.count
        guard count > 0, id >= lineStarts[0] else { return -1 }
        var low = 0
        var high = count
        let block = Int(id >> Self.blockShift)
        if block < blockLines.count {
            low = Int(blockLines[block])
            if block + 1 < blockLines.count { high = Int(blockLines[block + 1]) + 1 }
        } else if !blockLines.isEmpty {
            return count - 1
        }
        // Invariant: lineStarts[low] <= id, and no line from `high` on starts at or before it.
        while high - low > 1 {
            let middle = (low + high) / 2
            if lineStarts[middle] <= id { low = middle } else { high = middle }
        }
        return low
    }
}
