/// A position in a source file, 1-based. Columns count Unicode scalars, as
/// libyaml does (SARIF `columnKind: unicodeCodePoints`).
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    // 32-bit storage: every node of a large plan carries two positions.
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// The span of a node: `end` is the position just after its last character.
public struct SourceRange: Hashable, Sendable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// Used for values that do not come from a file (defaults, command-line parameters).
    public static let none = SourceRange(
        start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
}
