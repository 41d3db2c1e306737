/// A `matches:` regular expression of a declarative rule pack, compiled for a
/// matcher whose time grows linearly with the text: every position of the
/// text is visited once with the set of pattern states alive there (a
/// Thompson/Pike simulation), so no pattern can backtrack exponentially on a
/// value a pull request controls. The syntax is the subset of ICU syntax that
/// such a matcher can honour exactly (docs/rule-packs.md lists it); anything
/// else is rejected when the pack is loaded.
public struct PackPattern: Sendable, Equatable {
    public let source: String
    let program: [Instruction]
    let caseInsensitive: Bool

    /// The largest compiled pattern, in instructions: counted repetition
    /// (`a{1000}`) multiplies a pattern's size.
    static let maxInstructions = 20_000
    /// Work for one match, in (position × live state) steps: with the
    /// largest pattern this still matches a megabyte of text.
    public static let defaultStepBudget = 200_000_000

    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Offset in the pattern, in Unicode scalars, where the problem starts.
        public var offset: Int
        public var message: String
        public var description: String { "\(message) (at character \(offset + 1) of the pattern)" }
    }

    public init(_ source: String) throws(SyntaxError) {
        self.source = source
        var parser = PackPatternParser(source)
        let (program, caseInsensitive) = try parser.compile()
        self.program = program
        self.caseInsensitive = caseInsensitive
    }

    /// Whether the pattern matches somewhere in `text` (unanchored, like
    /// ICU's find); nil when the match would take more than `budget` steps.
    public func matches(_ text: String, budget: Int = PackPattern.defaultStepBudget) -> Bool? {
        var input = Array(text.unicodeScalars)
        if caseInsensitive { input = input.map(Self.fold) }
        var matcher = PikeMatcher(program: program, input: input, budget: budget)
        return matcher.run()
    }

    /// Simple case folding for `(?i)`: compare lower-case forms.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : scalar
    }

    public static func == (a: PackPattern, b: PackPattern) -> Bool { a.source == b.source }

    // MARK: Program

    enum Instruction: Sendable {
        /// Consumes one character the class accepts.
        case character(CharacterClass)
        /// Tries both continuations.
        case split(Int, Int)
        case jump(Int)
        /// A zero-width test of the current position.
        case assertion(Assertion)
        case match
    }

    enum Assertion: Sendable {
        /// `^`, `\A`: the start of the text.
        case start
        /// `$`, `\Z`: the end of the text, or before a line break that ends it.
        case end
        /// `\z`: the very end of the text.
        case absoluteEnd
        case wordBoundary, notWordBoundary
    }

    /// A set of characters: listed ranges and named classes, possibly negated.
    struct CharacterClass: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        var named: [NamedClass] = []
        var negated = false

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            var found = ranges.contains { $0.contains(value) }
            if !found { found = named.contains { $0.contains(scalar) } }
            return found != negated
        }
    }

    enum NamedClass: Sendable {
        case digit, notDigit, word, notWord, space, notSpace, anyButLineBreak

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .digit: return scalar.properties.numericType == .decimal
            case .notDigit: return scalar.properties.numericType != .decimal
            case .word: return Self.isWord(scalar)
            case .notWord: return !Self.isWord(scalar)
            case .space: return Self.isSpace(scalar)
            case .notSpace: return !Self.isSpace(scalar)
            case .anyButLineBreak: return !Self.isLineBreak(scalar)
            }
        }

        /// ICU's `\w`: letters, marks, decimal digits, connector punctuation, ZWNJ and ZWJ.
        static func isWord(_ scalar: Unicode.Scalar) -> Bool {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
            default: return properties.isAlphabetic || scalar == "\u{200C}" || scalar == "\u{200D}"
            }
        }

        /// ICU's `\s`: tab, line feed, form feed, carriage return and the separators.
        static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return ["\t", "\n", "\u{0C}", "\r"].contains(scalar)
            }
        }

        static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
            ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar)
        }
    }
}

/// Runs a compiled pattern over a text, all alive states in step.
private struct PikeMatcher {
    let program: [PackPattern.Instruction]
    let input: [Unicode.Scalar]
    var budget: Int

    /// States reached at the current position (a sparse set), and the
    /// generation in which each state was last added, to add it once.
    private var current: [Int] = []
    private var next: [Int] = []
    private var addedIn: [Int]
    private var generation = 0
    private var stack: [Int] = []

    init(program: [PackPattern.Instruction], input: [Unicode.Scalar], budget: Int) {
        self.program = program
        self.input = input
        self.budget = budget
        addedIn = Array(repeating: -1, count: program.count)
    }

    mutating func run() -> Bool? {
        for position in 0...input.count {
            generation += 1
            // Unanchored: a match may start at every position.
            var seeds = next
            seeds.append(0)
            next = []
            current = []
            for state in seeds {
                if follow(from: state, at: position) { return true }
            }
            guard position < input.count else { break }
            let scalar = input[position]
            for state in current {
                if case .character(let set) = program[state], set.contains(scalar) { next.append(state + 1) }
            }
            budget -= current.count
            if budget < 0 { return nil }
        }
        return false
    }

    /// Adds `state` and everything reachable from it without consuming a
    /// character; true when that reaches a match.
    private mutating func follow(from state: Int, at position: Int) -> Bool {
        stack.append(state)
        while let state = stack.popLast() {
            guard addedIn[state] != generation else { continue }
            addedIn[state] = generation
            budget -= 1
            switch program[state] {
            case .match:
                stack.removeAll()
                return true
            case .character:
                current.append(state)
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertion(let assertion):
                if holds(assertion, at: position) { stack.append(state + 1) }
            }
        }
        return false
    }

    private func holds(_ assertion: PackPattern.Assertion, at position: Int) -> Bool {
        switch assertion {
        case .start: return position == 0
        case .end:
            // Before a line break that ends the text, as ICU's `$` (CR LF counts as one).
            let rest = input[position...]
            return rest.isEmpty || (rest.count == 1 && PackPattern.NamedClass.isLineBreak(rest.first!))
                || (rest.count == 2 && rest.first == "\r" && rest.last == "\n")
        case .absoluteEnd: return position == input.count
        case .wordBoundary, .notWordBoundary:
            let before = position > 0 && PackPattern.NamedClass.isWord(input[position - 1])
            let after = position < input.count && PackPattern.NamedClass.isWord(input[position])
            return (before != after) == (assertion == .wordBoundary)
        }
    }
}
