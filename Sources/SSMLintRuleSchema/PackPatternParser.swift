/// Parses the `matches:` syntax subset into a syntax tree and compiles it into
/// a `PackPattern` program. Each construct outside the subset gets its own
/// error, so a pack author learns what to write instead.
struct PackPatternParser {
    typealias Instruction = PackPattern.Instruction
    typealias CharacterClass = PackPattern.CharacterClass
    typealias SyntaxError = PackPattern.SyntaxError

    indirect enum Node {
        case empty
        case character(CharacterClass)
        case assertion(PackPattern.Assertion)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
    }

    /// Upper bound of a counted repetition (`{n,m}`), as in most engines' guidance.
    static let maxCount = 1000

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var caseInsensitive = false

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    mutating func compile() throws(SyntaxError) -> (program: [Instruction], caseInsensitive: Bool) {
        if scalars.starts(with: Array("(?i)".unicodeScalars)) {
            caseInsensitive = true
            position = 4
        }
        let tree = try parseAlternation()
        if position < scalars.count {
            // Only an unbalanced ')' stops the top-level alternation early.
            throw SyntaxError(offset: position, message: "unbalanced ')'")
        }
        guard Self.size(of: tree) < PackPattern.maxInstructions else {
            throw SyntaxError(offset: 0, message: "the pattern is too large once its counted repetitions are expanded (more than \(PackPattern.maxInstructions) steps); use * or + instead of large {n,m}")
        }
        var program: [Instruction] = []
        emit(tree, into: &program)
        program.append(.match)
        return (program, caseInsensitive)
    }

    // MARK: Parsing

    private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func parseAlternation() throws(SyntaxError) -> Node {
        var branches = [try parseSequence()]
        while peek == "|" {
            position += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() throws(SyntaxError) -> Node {
        var items: [Node] = []
        while let scalar = peek, scalar != "|", scalar != ")" {
            let start = position
            let atom = try parseAtom()
            items.append(try parseQuantifiers(atom, atomStart: start))
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseAtom() throws(SyntaxError) -> Node {
        let start = position
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "(":
            if peek == "?" {
                if scalars[position...].starts(with: Array("?:".unicodeScalars)) {
                    position += 2
                } else {
                    throw SyntaxError(offset: start, message: "'(?' constructs (lookahead, lookbehind, named groups, inline flags other than a leading (?i), atomic groups) are not supported")
                }
            }
            let inner = try parseAlternation()
            guard peek == ")" else { throw SyntaxError(offset: start, message: "unclosed '('") }
            position += 1
            // A group is one atom: `(a*)*` repeats the group, not `a*` directly.
            return .sequence([inner])
        case "[":
            return .character(try parseClass(start: start))
        case ".":
            return .character(CharacterClass(named: [.anyButLineBreak]))
        case "^":
            return .assertion(.start)
        case "$":
            return .assertion(.end)
        case "\\":
            return try parseEscape(start: start)
        case "*", "+", "?":
            throw SyntaxError(offset: start, message: "'\(scalar)' has nothing to repeat")
        case "{":
            throw SyntaxError(offset: start, message: "'{' does not start a repetition {n}, {n,} or {n,m} here; write \\{ for a literal brace")
        default:
            return literal(scalar)
        }
    }

    private mutating func parseQuantifiers(_ atom: Node, atomStart: Int) throws(SyntaxError) -> Node {
        var node = atom
        while let scalar = peek, ["*", "+", "?", "{"].contains(scalar) {
            let start = position
            if case .assertion = node {
                throw SyntaxError(offset: start, message: "'\(scalar)' cannot repeat an anchor or word boundary")
            }
            if case .repetition = node {
                throw SyntaxError(offset: start, message: "a repetition cannot be repeated directly; put it in a group: (a+)*")
            }
            position += 1
            switch scalar {
            case "*": node = .repetition(node, min: 0, max: nil)
            case "+": node = .repetition(node, min: 1, max: nil)
            case "?": node = .repetition(node, min: 0, max: 1)
            default:
                let (low, high) = try parseCount(start: start)
                node = .repetition(node, min: low, max: high)
            }
            // Lazy forms match the same texts: a lazy quantifier only changes
            // which match is reported, and matches: asks only whether one exists.
            if peek == "?" {
                position += 1
            } else if peek == "+" {
                throw SyntaxError(offset: position, message: "possessive quantifiers ('\(scalar)+') are not supported")
            }
        }
        return node
    }

    /// `{n}`, `{n,}` or `{n,m}` after the opening brace.
    private mutating func parseCount(start: Int) throws(SyntaxError) -> (Int, Int?) {
        func number() -> Int? {
            var digits = 0
            var value = 0
            while let scalar = peek, ("0"..."9").contains(scalar) {
                value = min(value * 10 + Int(scalar.value - 48), Self.maxCount + 1)
                digits += 1
                position += 1
            }
            return digits > 0 ? value : nil
        }
        let bad = SyntaxError(offset: start, message: "malformed repetition; write {n}, {n,} or {n,m}, or \\{ for a literal brace")
        guard let low = number() else { throw bad }
        var high: Int? = low
        if peek == "," {
            position += 1
            high = number()
        }
        guard peek == "}" else { throw bad }
        position += 1
        if low > Self.maxCount || (high ?? 0) > Self.maxCount {
            throw SyntaxError(offset: start, message: "counted repetition above \(Self.maxCount) is not supported")
        }
        if let high, high < low { throw SyntaxError(offset: start, message: "repetition {\(low),\(high)}: the maximum is below the minimum") }
        return (low, high)
    }

    private mutating func parseEscape(start: Int) throws(SyntaxError) -> Node {
        guard let scalar = peek else { throw SyntaxError(offset: start, message: "the pattern ends with a lone backslash") }
        switch scalar {
        case "b": position += 1; return .assertion(.wordBoundary)
        case "B": position += 1; return .assertion(.notWordBoundary)
        case "A": position += 1; return .assertion(.start)
        case "z": position += 1; return .assertion(.absoluteEnd)
        case "Z": position += 1; return .assertion(.end)
        default: return .character(try parseClassEscape(start: start, inClass: false))
        }
    }

    /// An escape that stands for characters (after the backslash).
    private mutating func parseClassEscape(start: Int, inClass: Bool) throws(SyntaxError) -> CharacterClass {
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "d": return CharacterClass(named: [.digit])
        case "D": return CharacterClass(named: [.notDigit])
        case "w": return CharacterClass(named: [.word])
        case "W": return CharacterClass(named: [.notWord])
        case "s": return CharacterClass(named: [.space])
        case "S": return CharacterClass(named: [.notSpace])
        case "n": return single("\n")
        case "r": return single("\r")
        case "t": return single("\t")
        case "f": return single("\u{0C}")
        case "a": return single("\u{07}")
        case "e": return single("\u{1B}")
        case "x", "u":
            return single(try parseHex(start: start, braces: scalar == "x", digits: scalar == "x" ? 2 : 4))
        case "1"..."9":
            throw SyntaxError(offset: start, message: "backreferences (\\\(scalar)) are not supported")
        default:
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                throw SyntaxError(offset: start, message: "the escape \\\(scalar) is not supported\(inClass ? " in a character class" : "")")
            }
            // An escaped symbol is itself: \. \* \\ \[ \/ …
            return single(scalar)
        }
    }

    /// `\xhh`, `\x{h…}` or `\uhhhh` after the letter.
    private mutating func parseHex(start: Int, braces: Bool, digits: Int) throws(SyntaxError) -> Unicode.Scalar {
        let bad = SyntaxError(offset: start, message: "malformed hexadecimal escape; write \\xhh, \\x{h…} or \\uhhhh")
        var text = ""
        if braces && peek == "{" {
            position += 1
            while let scalar = peek, scalar != "}" { text.unicodeScalars.append(scalar); position += 1 }
            guard peek == "}", !text.isEmpty, text.count <= 6 else { throw bad }
            position += 1
        } else {
            for _ in 0..<digits {
                guard let scalar = peek else { throw bad }
                text.unicodeScalars.append(scalar)
                position += 1
            }
        }
        guard let value = UInt32(text, radix: 16), let result = Unicode.Scalar(value) else { throw bad }
        return result
    }

    /// A bracketed class after its `[`.
    private mutating func parseClass(start: Int) throws(SyntaxError) -> CharacterClass {
        var set = CharacterClass()
        if peek == "^" {
            set.negated = true
            position += 1
        }
        var first = true
        while true {
            guard let scalar = peek else { throw SyntaxError(offset: start, message: "unclosed '['") }
            let itemStart = position
            if scalar == "]" {
                if first { throw SyntaxError(offset: itemStart, message: "empty character class '[]'; write \\] for a literal bracket") }
                position += 1
                break
            }
            first = false
            if scalar == "[" {
                throw SyntaxError(offset: itemStart, message: "nested sets and POSIX classes ([a[b]], [[:alpha:]]) are not supported; write \\[ for a literal bracket")
            }
            if scalars[position...].starts(with: Array("&&".unicodeScalars)) || scalars[position...].starts(with: Array("--".unicodeScalars)) {
                throw SyntaxError(offset: itemStart, message: "set operations (&&, --) are not supported")
            }
            // One item: a character (maybe the start of a range) or an escaped class.
            let low: Unicode.Scalar
            if scalar == "\\" {
                position += 1
                guard peek != nil else { throw SyntaxError(offset: itemStart, message: "unclosed '['") }
                if peek == "b" { throw SyntaxError(offset: itemStart, message: "\\b is not supported in a character class") }
                let escaped = try parseClassEscape(start: itemStart, inClass: true)
                guard escaped.named.isEmpty, let only = escaped.ranges.first, only.lowerBound == only.upperBound,
                      let value = Unicode.Scalar(only.lowerBound) else {
                    set.ranges += escaped.ranges
                    set.named += escaped.named
                    continue
                }
                low = value
            } else {
                low = scalar
                position += 1
            }
            // A range, unless '-' is the last character of the class.
            if peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                var high = scalars[position]
                if high == "\\" {
                    let escapeStart = position
                    position += 1
                    guard peek != nil else { throw SyntaxError(offset: start, message: "unclosed '['") }
                    let escaped = try parseClassEscape(start: escapeStart, inClass: true)
                    guard escaped.named.isEmpty, let only = escaped.ranges.first, let value = Unicode.Scalar(only.lowerBound) else {
                        throw SyntaxError(offset: escapeStart, message: "a range cannot end with a class such as \\d")
                    }
                    high = value
                } else if high == "[" {
                    throw SyntaxError(offset: position, message: "nested sets ([a-[b]]) are not supported")
                } else {
                    position += 1
                }
                guard low.value <= high.value else {
                    throw SyntaxError(offset: itemStart, message: "range \(low)-\(high) is out of order")
                }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        if caseInsensitive { set = folded(set) }
        return set
    }

    private func single(_ scalar: Unicode.Scalar) -> CharacterClass {
        let value = caseInsensitive ? PackPattern.fold(scalar).value : scalar.value
        return CharacterClass(ranges: [value...value])
    }

    private func literal(_ scalar: Unicode.Scalar) -> Node {
        .character(single(scalar))
    }

    /// Under (?i) the text is compared in lower case: add the lower-case form
    /// of every listed character (large ranges are kept as written).
    private func folded(_ set: CharacterClass) -> CharacterClass {
        var result = set
        for range in set.ranges where range.count <= 2048 {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let lower = PackPattern.fold(scalar).value
                if !range.contains(lower) { result.ranges.append(lower...lower) }
            }
        }
        return result
    }

    // MARK: Compiling

    /// Instructions a tree compiles to (saturating, so huge counts cannot overflow).
    static func size(of node: Node) -> Int {
        func add(_ a: Int, _ b: Int) -> Int { a > Int.max - b ? Int.max : a + b }
        func times(_ a: Int, _ b: Int) -> Int { b != 0 && a > Int.max / b ? Int.max : a * b }
        switch node {
        case .empty: return 0
        case .character, .assertion: return 1
        case .sequence(let items): return items.reduce(0) { add($0, size(of: $1)) }
        case .alternation(let items): return items.reduce(0) { add($0, add(size(of: $1), 2)) }
        case .repetition(let inner, let low, let high):
            let body = add(size(of: inner), 2)
            return times(body, max(low, high ?? low + 1) + 1)
        }
    }

    private func emit(_ node: Node, into program: inout [Instruction]) {
        switch node {
        case .empty:
            break
        case .character(let set):
            program.append(.character(set))
        case .assertion(let assertion):
            program.append(.assertion(assertion))
        case .sequence(let items):
            for item in items { emit(item, into: &program) }
        case .alternation(let branches):
            // split L1, next; L1: branch; jump end; next: split … ; the last branch falls through.
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index == branches.count - 1 {
                    emit(branch, into: &program)
                    break
                }
                let split = program.count
                program.append(.split(split + 1, -1))
                emit(branch, into: &program)
                jumps.append(program.count)
                program.append(.jump(-1))
                program[split] = .split(split + 1, program.count)
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repetition(let inner, let low, let high):
            for _ in 0..<low { emit(inner, into: &program) }
            if let high {
                // Each optional copy may be skipped to the end.
                var splits: [Int] = []
                for _ in low..<high {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    emit(inner, into: &program)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(loop + 1, -1))
                emit(inner, into: &program)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
