/// A shell-style pattern. For paths: `*` matches any run of characters
/// except `/`, `**` any run including `/` (`**/` also matches no directory at
/// all), `?` one character except `/`, `[abc]`/`[a-z]`/`[!a]` a character
/// class, `\` escapes. For resource names (logical IDs, Terraform addresses
/// such as `module.web.aws_instance.app[0]`): `*` matches any run, `?` any
/// character, and brackets are literal, because addresses are full of them. Matching takes time proportional to pattern × text, so a
/// hostile pattern cannot make it slow.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    private enum Token: Hashable, Sendable {
        case literal(Character)
        case any          // ?
        case anyIncludingSlash
        case star         // *
        case globstar     // **
        case globstarSlash // **/
        case set(ranges: [ClosedRange<Character>], negated: Bool)
    }

    /// What the pattern matches against.
    public enum Kind: Sendable, Hashable {
        case path, resourceName
    }

    public let pattern: String
    private let tokens: [Token]

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ pattern: String, kind: Kind = .path) throws(Invalid) {
        self.pattern = pattern
        var tokens: [Token] = []
        let characters = Array(pattern)
        if kind == .resourceName {
            self.tokens = characters.map { $0 == "*" ? .globstar : ($0 == "?" ? .anyIncludingSlash : .literal($0)) }
            return
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    if index + 2 < characters.count, characters[index + 2] == "/" {
                        tokens.append(.globstarSlash)
                        index += 3
                    } else {
                        tokens.append(.globstar)
                        index += 2
                    }
                    while index < characters.count, characters[index] == "*" { index += 1 }
                    continue
                }
                tokens.append(.star)
            case "?":
                tokens.append(.any)
            case "[":
                var cursor = index + 1
                var negated = false
                if cursor < characters.count, characters[cursor] == "!" || characters[cursor] == "^" {
                    negated = true
                    cursor += 1
                }
                var ranges: [ClosedRange<Character>] = []
                var first = true
                while cursor < characters.count, characters[cursor] != "]" || first {
                    first = false
                    let low = characters[cursor]
                    if cursor + 2 < characters.count, characters[cursor + 1] == "-", characters[cursor + 2] != "]" {
                        let high = characters[cursor + 2]
                        guard low <= high else { throw Invalid(description: "'\(pattern)': the range \(low)-\(high) is reversed") }
                        ranges.append(low...high)
                        cursor += 3
                    } else {
                        ranges.append(low...low)
                        cursor += 1
                    }
                }
                guard cursor < characters.count else { throw Invalid(description: "'\(pattern)': '[' without a closing ']'") }
                tokens.append(.set(ranges: ranges, negated: negated))
                index = cursor
            case "\\":
                guard index + 1 < characters.count else { throw Invalid(description: "'\(pattern)' ends with a backslash") }
                tokens.append(.literal(characters[index + 1]))
                index += 1
            default:
                tokens.append(.literal(character))
            }
            index += 1
        }
        self.tokens = tokens
    }

    public var description: String { pattern }

    /// True when the whole of `text` matches the pattern. Dynamic programming
    /// over (token, position), one row at a time: O(tokens × length), no recursion.
    public func matches(_ text: String) -> Bool {
        let characters = Array(text)
        let count = characters.count
        // next[c]: whether tokens[t+1...] match characters[c...].
        var next = [Bool](repeating: false, count: count + 1)
        next[count] = true
        for token in tokens.reversed() {
            var current = [Bool](repeating: false, count: count + 1)
            var slashAhead = false   // for **/: some later '/' at k with next[k+1]
            for c in stride(from: count, through: 0, by: -1) {
                let here: Character? = c < count ? characters[c] : nil
                switch token {
                case .literal(let expected):
                    current[c] = here == expected && next[c + 1]
                case .any:
                    current[c] = here != nil && here != "/" && next[c + 1]
                case .anyIncludingSlash:
                    current[c] = here != nil && next[c + 1]
                case .set(let ranges, let negated):
                    if let here, here != "/" { current[c] = ranges.contains { $0.contains(here) } != negated && next[c + 1] }
                case .star:
                    current[c] = next[c] || (here != nil && here != "/" && current[c + 1])
                case .globstar:
                    current[c] = next[c] || (here != nil && current[c + 1])
                case .globstarSlash:
                    if here == "/" && next[c + 1] { slashAhead = true }
                    current[c] = next[c] || slashAhead
                }
            }
            next = current
        }
        return next[0]
    }
}
