import Foundation
import SSMLintEngine
import Testing

/// `matches:` patterns of declarative packs run on a linear-time matcher over
/// a subset of ICU syntax; what lies outside the subset is rejected at load.
@Suite("Pack patterns")
struct PackPatternTests {
    static let patterns = [
        "abc", "^abc$", "a.c", "a*", "a+b", "ab?c", "a{2}", "a{2,}", "a{1,3}b", "(ab)+", "(?:ab|cd)e", "a|b|c",
        "[abc]", "[^abc]", "[a-z0-9_]+", "[-a]", "[a-]", "[\\]x]", "\\d+", "\\D", "\\w+", "\\W", "\\s", "\\S",
        "\\bword\\b", "\\Bor\\B", "\\.", "\\*\\+\\?", "^$", "x*$", "^(a|ab)(c|bcd)(d*)$", "(a*)*", "(a|b)*c",
        "(x+x+)+y", "^[A-Z][A-Z0-9]*[0-9]{3}$", "^sg-[0-9a-f]{8,17}$", "\\x41", "\\u00e9", "\\x{1F600}",
        "(?i)ProD", "(?i)[a-c]+", "a*?b", "a+?", "a??b", "a{2,3}?", "\\t", "é+", "\\$\\^", "\\Aab", "ab\\z", "ab\\Z",
        "\\/path\\/", "[.]", "[\\d.]+", "[^\\s]+", "colou?r", "(a|)+b", "()", "a||b",
    ]
    static let texts = [
        "", "abc", "xabcx", "ac", "aac", "abbc", "aa", "aaa", "b", "ab", "abab", "cde", "abe", "Z", "_", "-", "]",
        "123", "a1", " ", "\t", "\n", "word", "a word here", "sword", "for", ".", "*+?", "abcd", "xxxxy", "xxxx",
        "ACME001", "SSM1", "sg-0123abcd", "sg-0123", "A", "é", "ééé", "😀", "PROD", "prod", "production", "b", "ab\n",
        "/path/", "$^", "color", "colour", "3.14", "no spaces", "  ", "ABC", "abc\n", "a\nb",
    ]

    @Test("the subset matches exactly what ICU matches")
    func agreesWithICU() throws {
        for source in Self.patterns {
            let pattern = try PackPattern(source)
            let regex = try NSRegularExpression(pattern: source)
            for text in Self.texts {
                let icu = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(pattern.matches(text) == icu, "/\(source)/ on \(text.debugDescription): ICU says \(icu)")
            }
        }
    }

    @Test("patterns that backtrack exponentially elsewhere run in linear time")
    func linearTime() throws {
        let start = Date()
        for source in ["(x+x+)+y", "(a|aa)+$", "(a*)*b", "^(\\w+\\s?)*$", "(.*a){20}"] {
            let pattern = try PackPattern(source)
            let text = String(repeating: "x", count: 48) + String(repeating: "a", count: 48) + "!"
            #expect(pattern.matches(text) != nil)
            #expect(pattern.matches(String(repeating: "a", count: 20_000) + "!") != nil)
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("a match that would exceed the step budget is undecided, not slow")
    func budget() throws {
        let pattern = try PackPattern("(a|b)*c")
        #expect(pattern.matches(String(repeating: "a", count: 1000), budget: 100) == nil)
        #expect(pattern.matches(String(repeating: "a", count: 1000) + "c") == true)
    }

    @Test("syntax outside the subset is rejected with its position")
    func rejected() {
        let cases: [(String, Int, String)] = [
            ("(?=a)", 0, "'(?' constructs"), ("a(?!b)", 1, "'(?' constructs"), ("(?<n>a)", 0, "'(?' constructs"),
            ("(a)\\1", 3, "backreferences"), ("a*+", 2, "possessive"), ("[[:alpha:]]", 1, "nested sets"),
            ("[a&&b]", 2, "set operations"), ("\\p{L}", 0, "\\p is not supported"), ("a{1001}", 1, "above 1000"),
            ("a{3,2}", 1, "below the minimum"), ("(a", 0, "unclosed '('"), ("a)", 1, "unbalanced ')'"),
            ("[a", 0, "unclosed '['"), ("*a", 0, "nothing to repeat"), ("a{,2}", 1, "malformed repetition"),
            ("a**", 2, "cannot be repeated directly"), ("^*", 1, "anchor"), ("[z-a]", 1, "out of order"), ("[]", 1, "empty"),
            ("a\\", 1, "lone backslash"), ("(a{1000}){1000}", 0, "too large"), ("\\k<n>", 0, "\\k is not supported"),
        ]
        for (source, offset, message) in cases {
            do {
                _ = try PackPattern(source)
                Issue.record("/\(source)/ was accepted")
            } catch {
                #expect(error.offset == offset && error.message.contains(message), "/\(source)/: \(error)")
            }
        }
    }

    @Test("a pack with an unsupported pattern stops the run with file:line:col of the construct (exit 64)")
    func packLoadError() throws {
        let directory = try CLI.temporaryDirectory()
        let rule = """
            id: ACME901
            name: x
            severity: warning
            resources: [AWS::EC2::SecurityGroup]
            check:
              path: GroupDescription
              matches: '^(?=x)'
            """
        try rule.write(to: directory.appendingPathComponent("ACME901.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["rules", "--rules-dir", directory.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("ACME901.yaml:7:14: unsupported regular expression: '(?' constructs"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("the ReDoS pack from the adversarial run finishes at once with its finding")
    func redosPack() throws {
        let fixtures = Paths.fixtures.appendingPathComponent("robustness")
        let start = Date()
        let result = try CLI.run(["scan", "pack-redos-template.yaml", "--rules-dir", "pack-redos", "--no-color"], directory: fixtures)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(result.status == 0)
        #expect(result.stdout.contains("pack-redos-template.yaml:3:5: warning: [ACME900 acme900] SG"), "\(result.stdout)")
    }
}
