import Foundation
import SSMLintYAML
import Testing

/// The JSON reader must give exactly libyaml's tree (kinds, styles, text,
/// every position) or libyaml's error, for any input: where it might differ
/// it gives up and libyaml parses the input instead.
@Suite("JSON read without libyaml")
struct JSONEventsTests {
    static func outcome(_ bytes: [UInt8], _ production: YAMLEventProduction) -> String {
        YAMLEventPipelineTests.outcome(bytes, production)
    }

    static let notJSON = "not plain JSON"

    /// The JSON reader's own outcome, and that every way of parsing agrees with libyaml.
    @discardableResult
    static func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        expectSame(Array(text.utf8), sourceLocation: sourceLocation)
    }

    @discardableResult
    static func expectSame(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let libyaml = outcome(bytes, .inline)
        let json = outcome(bytes, .jsonOnly)
        // The reader's own errors never stand: libyaml parses those inputs again.
        if !json.hasPrefix("error") {
            #expect(json == libyaml, "\(String(decoding: bytes.prefix(120), as: UTF8.self))", sourceLocation: sourceLocation)
        }
        #expect(outcome(bytes, .automatic) == libyaml, sourceLocation: sourceLocation)
        return json
    }

    static func takes(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let json = expectSame(text, sourceLocation: sourceLocation)
        #expect(!json.hasSuffix(notJSON), "the JSON reader gave up on \(text.prefix(80).debugDescription)", sourceLocation: sourceLocation)
        #expect(!json.hasPrefix("error"), "\(json)", sourceLocation: sourceLocation)
    }

    static func givesUp(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let json = expectSame(text, sourceLocation: sourceLocation)
        #expect(json.hasSuffix(notJSON), "the JSON reader took \(text.prefix(80).debugDescription)", sourceLocation: sourceLocation)
    }

    @Test("plain JSON: the same tree and positions as libyaml")
    func plainJSON() {
        Self.takes(#"{}"#)
        Self.takes(#"[]"#)
        Self.takes("{\"a\":1}")
        Self.takes("{\"a\": [1, -2.5, 3e10, 0, -0, 1E-7, true, false, null, \"x\"], \"b\": {}}\n")
        Self.takes("{\r\n  \"a\": \"b\",\r\n  \"c\": [\r\n    {\"d\": null}\r\n  ]\r\n}\r\n")
        Self.takes("{\n\t\"tabs\":\t[\t1,\t2\t]\n}")
        Self.takes("{\"escapes\": \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u65E5 \\u0000 \\u001f\"}")
        Self.takes("{\"raw\": \"é 日本 😀 ü\", \"after\": [\"é\", 1]}")
        Self.takes("{\"a\":\n1, \"b\"   :   2}")
        Self.takes("{\"\": \"\", \"k\": [[], {}, [[[]]]]}")
        Self.takes(#"{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}}}"#)
        Self.takes("[{\"a\": \"" + String(repeating: "long ", count: 500) + "\"}]")
        // Errors the tree builder finds are libyaml's.
        Self.expectSame(#"{"a": 1, "a": 2}"#)
        Self.expectSame([UInt8](#"{"a": 1, "a": 2, "b": ""#.utf8) + [0xFF] + [UInt8](#""}"#.utf8))
        Self.expectSame(String(repeating: "[", count: 300) + String(repeating: "]", count: 300))
    }

    @Test("what libyaml might read differently goes to libyaml")
    func givesUp() {
        Self.givesUp("")
        Self.givesUp("a: 1")
        Self.givesUp("{\"a\": 1} # comment")
        Self.givesUp("{\"a\": 1,}")
        Self.givesUp("{a: 1}")
        Self.givesUp("{'a': 1}")
        Self.givesUp("{\"a\"\n: 1}")
        Self.givesUp("{\"" + String(repeating: "k", count: 1100) + "\": 1}")
        Self.givesUp("{\"a\": \"\\ud83d\\ude00\"}")
        Self.givesUp("{\"a\": \"\\x41\"}")
        Self.givesUp("\u{FEFF}{\"a\": 1}")
        Self.givesUp("\t{\"a\": 1}")
        Self.givesUp("{\"a\": 1}\t")
        Self.givesUp("{\"a\": \"line\u{2028}separator\"}")
        Self.givesUp("{\"a\": \"next\u{85}line\"}")
        Self.givesUp("{\"a\": \"del\u{7F}\"}")
        Self.givesUp("{\"a\": \"tab\tinside\"}")
        Self.givesUp("{\"a\": 01}")
        Self.givesUp("{\"a\": 1.}")
        Self.givesUp("{\"a\": .5}")
        Self.givesUp("{\"a\": +1}")
        Self.givesUp("{\"a\": True}")
        Self.givesUp("{\"a\": 1} {\"b\": 2}")
        Self.givesUp("{\"a\": [1 2]}")
        Self.givesUp("{\"a\": \"unterminated}")
        Self.givesUp("{\"a\": 1")
        Self.expectSame([UInt8]("{\"a\": \"".utf8) + [0xC3, 0x28] + [UInt8]("\"}".utf8))   // invalid UTF-8
        Self.expectSame([UInt8]("{\"a\": \"".utf8) + [0xED, 0xA0, 0x80] + [UInt8]("\"}".utf8))   // an encoded surrogate
        Self.expectSame([UInt8]("{\"a\": \"".utf8) + [0xF4, 0x90, 0x80, 0x80] + [UInt8]("\"}".utf8))   // beyond U+10FFFF
        Self.expectSame([UInt8]("{\"a\": \"".utf8) + [0xE0, 0x80, 0xAF] + [UInt8]("\"}".utf8))   // overlong
    }

    /// Every JSON document the project and the corpus hold, and thousands of
    /// mutants of some: the JSON reader either gives libyaml's outcome or
    /// gives up. Real plans and templates must not make it give up.
    @Test("real JSON documents, and mutants of them")
    func realAndMutated() throws {
        var directories = [Paths.fixtures, Paths.examples]
        if Paths.hasShared { directories.append(Paths.shared.appendingPathComponent("corpus")) }
        let files = Paths.documents(under: directories).filter { $0.pathExtension == "json" }
            .sorted { $0.path < $1.path }
        var taken = 0, documents = 0
        var seeds: [[UInt8]] = []
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            guard bytes.count < 2_000_000 else { continue }
            let json = Self.expectSame(bytes)
            guard !json.hasPrefix("error") || json.hasSuffix(Self.notJSON) else { continue }
            documents += 1
            if !json.hasSuffix(Self.notJSON) {
                taken += 1
                if bytes.count < 20_000 && seeds.count < 12 { seeds.append(bytes) }
            }
        }
        #expect(documents >= 20)
        // A JSON document that libyaml reads and this reader does not is slow, not wrong; it must stay rare.
        #expect(taken * 10 >= documents * 9, "the JSON reader took \(taken) of \(documents) documents")
        var generator = SplitMix(seed: 2026_12_01)
        let alphabet = [UInt8](" \t\n\r{}[]:,\"\\/u0123456789abcdefABCDEF-+.eE".utf8) + [0x00, 0x7F, 0x85, 0xC2, 0xE2, 0x80, 0xA8, 0xEF, 0xBB, 0xBF, 0xF0, 0xFF]
        for round in 0..<1200 where !seeds.isEmpty {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                let at = Int(generator.next() % UInt64(bytes.count))
                let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                switch generator.next() % 3 {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                default: bytes.remove(at: at)
                }
                if bytes.isEmpty { break }
            }
            Self.expectSame(bytes)
        }
    }
}
