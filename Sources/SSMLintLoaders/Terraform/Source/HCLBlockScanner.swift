import SSMLintModel

/// A comment in an HCL file, its text without the `#`, `//` or `/* */` markers.
public struct HCLComment: Sendable, Hashable {
    public var text: String
    public var position: SourcePosition
    /// The line the comment ends on (a `/* */` comment may span several).
    public var endLine: Int
    /// `#` or `//`, as opposed to `/* */`.
    public var isLineComment: Bool
}

/// A top-level block header, `resource "aws_instance" "web" {`, with the
/// comments on the lines directly above it.
public struct HCLBlockHeader: Sendable, Hashable {
    /// The block type: `resource`, `data`, `module`, `locals`...
    public var type: String
    public var labels: [String]
    /// Where the block type keyword starts.
    public var position: SourcePosition
    /// Just after the header's `{`.
    public var end: SourcePosition
    /// The comments that end on the line above the header, and so on upwards,
    /// with no blank line and no code in between; first to last.
    public var leadingComments: [HCLComment]
}

/// What the scanner found in one file.
public struct HCLScan: Sendable {
    /// Top-level blocks, in file order.
    public var blocks: [HCLBlockHeader] = []
    /// Every comment, in file order.
    public var comments: [HCLComment] = []
    /// The first construct that is not valid HCL (an unterminated string,
    /// heredoc or comment), or a limit reached. Blocks before it are kept.
    public var problem: (message: String, position: SourcePosition)?
}

/// Finds the top-level block headers of an HCL (Terraform `.tf`) file and its
/// comments: enough to tell where `resource "T" "N"` is declared and which
/// comments stand above it, not a parser of HCL. It knows the lexical
/// structure that can hide text which looks like a block header: `#`, `//` and
/// `/* */` comments, quoted strings with escapes and `${ }`/`%{ }` templates
/// (which nest expressions, which nest strings), and heredocs (`<<EOT`,
/// `<<-EOT`; the closing marker may be indented in both forms).
///
/// `.tf` files in a pull request are written by whoever opened it: the scan is
/// one pass over the bytes with an explicit, bounded stack (no recursion), and
/// it never fails; input that is not valid HCL yields fewer blocks and a
/// `problem`.
public enum HCLBlockScanner {
    /// Nesting deeper than this (templates within strings within templates...)
    /// stops the scan; real configurations stay far below it.
    public static let maxNesting = 256
    /// Labels longer than this cannot be resource types or names.
    static let maxLabelBytes = 1024
    static let maxLabels = 8

    public static func scan(_ bytes: [UInt8]) -> HCLScan {
        var scanner = Scanner(bytes: bytes)
        scanner.run()
        return scanner.result
    }
}

private struct Scanner {
    enum Mode {
        /// Expressions and bodies. `depth` counts open brackets of any kind;
        /// a template interpolation ends at a `}` at depth 0.
        case code(depth: Int, isTemplate: Bool)
        /// A quoted string; `label` collects its text when it may be a block label.
        case quoted
        /// Heredoc text up to a line holding only `marker`.
        case heredoc(marker: [UInt8], atLineStart: Bool)
    }

    /// A top-level statement being read: a block type and labels, until `{`.
    struct Header {
        var type: String
        var labels: [String] = []
        var position: SourcePosition
        var commentCount: Int
        var codeLineBefore: Int
        var isValid = true
    }

    let bytes: [UInt8]
    var index = 0
    var line = 1
    var column = 1
    var stack: [Mode] = [.code(depth: 0, isTemplate: false)]
    var result = HCLScan()
    /// The last line holding something that is neither blank nor a comment.
    var lastCodeLine = 0
    var header: Header?
    /// The text of a quoted string that may become a label (nil: not collected).
    var label: [UInt8]?
    var labelIsPlain = true

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    var position: SourcePosition { SourcePosition(line: line, column: column) }

    func byte(at offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    /// Moves past one byte, keeping line and column (columns count Unicode scalars).
    mutating func advance() {
        let current = bytes[index]
        index += 1
        if current == 0x0A {
            line += 1
            column = 1
        } else if current & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func fail(_ message: String, at position: SourcePosition) {
        if result.problem == nil { result.problem = (message, position) }
    }

    /// At the file's top level, outside any block: where block headers are.
    var atTopLevel: Bool {
        if stack.count == 1, case .code(0, false) = stack[0] { return true }
        return false
    }

    mutating func push(_ mode: Mode) -> Bool {
        guard stack.count < HCLBlockScanner.maxNesting else {
            fail("nesting deeper than \(HCLBlockScanner.maxNesting) levels; the rest of the file is not read", at: position)
            index = bytes.count
            return false
        }
        stack.append(mode)
        return true
    }

    mutating func run() {
        while index < bytes.count {
            switch stack[stack.count - 1] {
            case .code(let depth, let isTemplate): code(depth: depth, isTemplate: isTemplate)
            case .quoted: quoted()
            case .heredoc(let marker, let atLineStart): heredoc(marker: marker, atLineStart: atLineStart)
            }
        }
        switch stack[stack.count - 1] {
        case .quoted: fail("unterminated string", at: position)
        case .heredoc(let marker, _): fail("unterminated heredoc: no line with \(String(decoding: marker, as: UTF8.self)) ends it", at: position)
        case .code(_, true): fail("unterminated template interpolation", at: position)
        case .code: break
        }
    }

    mutating func setDepth(_ depth: Int) {
        if case .code(_, let isTemplate) = stack[stack.count - 1] { stack[stack.count - 1] = .code(depth: depth, isTemplate: isTemplate) }
    }

    // MARK: Code

    mutating func code(depth: Int, isTemplate: Bool) {
        let current = bytes[index]
        let start = position
        switch current {
        case 0x20, 0x09, 0x0D:
            advance()
        case 0x0A:
            // A block header ends at its line's end: `{` must be on the same line.
            if atTopLevel { header = nil }
            advance()
        case UInt8(ascii: "#"):
            lineComment(from: start, markerLength: 1)
        case UInt8(ascii: "/") where byte(at: 1) == UInt8(ascii: "/"):
            lineComment(from: start, markerLength: 2)
        case UInt8(ascii: "/") where byte(at: 1) == UInt8(ascii: "*"):
            blockComment(from: start)
        case UInt8(ascii: "\""):
            noteCode()
            advance()
            if atTopLevel, header?.isValid == true {
                label = []
                labelIsPlain = true
            } else {
                header?.isValid = false
            }
            _ = push(.quoted)
        case UInt8(ascii: "<") where byte(at: 1) == UInt8(ascii: "<"):
            noteCode()
            if atTopLevel { header?.isValid = false }
            if let marker = heredocMarker() {
                // Skip `<<`, `-`, the marker and the line's end; the text starts on the next line.
                while index < bytes.count, bytes[index] != 0x0A { advance() }
                if index < bytes.count { advance() }
                _ = push(.heredoc(marker: marker, atLineStart: true))
            } else {
                advance()
                advance()
            }
        case UInt8(ascii: "{"):
            noteCode()
            let opensBlock = atTopLevel ? header.flatMap { $0.isValid ? $0 : nil } : nil
            header = nil
            advance()
            if let found = opensBlock { emit(found) }
            setDepth(depth + 1)
        case UInt8(ascii: "("), UInt8(ascii: "["):
            noteCode()
            if atTopLevel { header?.isValid = false }
            advance()
            setDepth(depth + 1)
        case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"):
            noteCode()
            advance()
            if depth > 0 {
                setDepth(depth - 1)
            } else if isTemplate && current == UInt8(ascii: "}") {
                stack.removeLast()
            }
            // A stray closing bracket at the top level is not valid HCL; it is skipped.
        default:
            let codeLineBefore = lastCodeLine
            noteCode()
            if isIdentifierStart(current) {
                identifier(from: start, codeLineBefore: codeLineBefore)
            } else {
                if atTopLevel { header?.isValid = false }
                advance()
            }
        }
    }

    mutating func noteCode() {
        lastCodeLine = line
    }

    func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    func isIdentifierByte(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
    }

    mutating func identifier(from start: SourcePosition, codeLineBefore: Int) {
        let first = index
        while index < bytes.count, isIdentifierByte(bytes[index]) { advance() }
        guard atTopLevel else { return }
        let text = String(decoding: bytes[first..<index], as: UTF8.self)
        if var current = header {
            if current.isValid, current.labels.count < HCLBlockScanner.maxLabels, index - first <= HCLBlockScanner.maxLabelBytes {
                current.labels.append(text)
            } else {
                current.isValid = false
            }
            header = current
        } else {
            header = Header(type: text, position: start, commentCount: result.comments.count, codeLineBefore: codeLineBefore)
        }
    }

    /// `<<EOT` or `<<-EOT` followed by the end of the line: the marker, else nil.
    func heredocMarker() -> [UInt8]? {
        var offset = 2
        if byte(at: offset) == UInt8(ascii: "-") { offset += 1 }
        let markerStart = offset
        guard let first = byte(at: offset), isIdentifierStart(first) else { return nil }
        while let next = byte(at: offset), isIdentifierByte(next) { offset += 1 }
        let marker = Array(bytes[(index + markerStart)..<(index + offset)])
        if byte(at: offset) == 0x0D { offset += 1 }
        guard byte(at: offset) == 0x0A else { return nil }
        return marker
    }

    mutating func lineComment(from start: SourcePosition, markerLength: Int) {
        for _ in 0..<markerLength { advance() }
        let textStart = index
        while index < bytes.count, bytes[index] != 0x0A { advance() }
        var end = index
        if end > textStart, bytes[end - 1] == 0x0D { end -= 1 }
        result.comments.append(HCLComment(text: String(decoding: bytes[textStart..<end], as: UTF8.self), position: start,
                                          endLine: line, isLineComment: true))
        // The newline is left for the code scanner: it ends a header in progress.
    }

    mutating func blockComment(from start: SourcePosition) {
        advance()
        advance()
        let textStart = index
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "*"), byte(at: 1) == UInt8(ascii: "/") {
                let text = String(decoding: bytes[textStart..<index], as: UTF8.self)
                advance()
                advance()
                result.comments.append(HCLComment(text: text, position: start, endLine: line, isLineComment: false))
                return
            }
            advance()
        }
        fail("unterminated /* comment", at: start)
    }

    mutating func emit(_ found: Header) {
        // Walk back from the header over comments that end on the line above,
        // then the line above that one, with no code line in between (a
        // comment after code on its line is not above anything).
        var leading: [HCLComment] = []   // last first, reversed below
        var expectedEnd = found.position.line - 1
        var cursor = found.commentCount - 1
        while cursor >= 0 {
            let comment = result.comments[cursor]
            guard comment.position.line > found.codeLineBefore else { break }
            let sameLineAsLater = leading.last.map { $0.position.line == comment.endLine } ?? false
            guard comment.endLine == expectedEnd || sameLineAsLater else { break }
            leading.append(comment)
            expectedEnd = comment.position.line - 1
            cursor -= 1
        }
        result.blocks.append(HCLBlockHeader(type: found.type, labels: found.labels, position: found.position, end: position,
                                            leadingComments: leading.reversed()))
    }

    // MARK: Strings and templates

    mutating func quoted() {
        let current = bytes[index]
        switch current {
        case UInt8(ascii: "\""):
            advance()
            stack.removeLast()
            finishLabel()
        case UInt8(ascii: "\\"):
            advance()
            guard index < bytes.count, bytes[index] != 0x0A else { return }
            let escaped = bytes[index]
            advance()
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): label?.append(escaped)
            default: labelIsPlain = false
            }
        case 0x0A:
            // Quoted strings end at the line's end in HCL; recover there so line numbers stay right.
            fail("unterminated string", at: position)
            stack.removeLast()
            label = nil
        case UInt8(ascii: "$"), UInt8(ascii: "%"):
            templateStart(current)
        default:
            label?.append(current)
            advance()
        }
        lastCodeLine = line
    }

    /// `${` and `%{` open a template; `$${` and `%%{` are the literal text `${`, `%{`.
    mutating func templateStart(_ sign: UInt8) {
        if byte(at: 1) == sign, byte(at: 2) == UInt8(ascii: "{") {
            label?.append(sign)
            label?.append(UInt8(ascii: "{"))
            advance(); advance(); advance()
        } else if byte(at: 1) == UInt8(ascii: "{") {
            labelIsPlain = false
            advance(); advance()
            _ = push(.code(depth: 0, isTemplate: true))
        } else {
            label?.append(sign)
            advance()
        }
    }

    mutating func finishLabel() {
        guard let text = label else { return }
        label = nil
        guard var current = header, current.isValid else { return }
        if labelIsPlain, current.labels.count < HCLBlockScanner.maxLabels, text.count <= HCLBlockScanner.maxLabelBytes {
            current.labels.append(String(decoding: text, as: UTF8.self))
        } else {
            current.isValid = false
        }
        header = current
    }

    mutating func heredoc(marker: [UInt8], atLineStart: Bool) {
        if atLineStart {
            stack[stack.count - 1] = .heredoc(marker: marker, atLineStart: false)
            var end = index
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var first = index, last = end
            while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
            while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 || bytes[last - 1] == 0x0D { last -= 1 }
            if bytes[first..<last].elementsEqual(marker) {
                while index < end { advance() }
                stack.removeLast()
                lastCodeLine = line
                return
            }
        }
        let current = bytes[index]
        switch current {
        case 0x0A:
            advance()
            stack[stack.count - 1] = .heredoc(marker: marker, atLineStart: true)
        case UInt8(ascii: "$"), UInt8(ascii: "%"):
            templateStart(current)
        default:
            advance()
        }
        lastCodeLine = line
    }
}
