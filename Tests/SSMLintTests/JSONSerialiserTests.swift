import Foundation
import SSMLintEngine
import Testing

/// The serialiser escapes strings eight bytes at a time and writes a lazy
/// array's elements into buffers it grows itself: both are checked against a
/// plain byte-by-byte escape, at every offset an escape can take in a word.
@Suite("JSON serialiser")
struct JSONSerialiserTests {
    /// RFC 8259 escaping, one byte at a time: the string's UTF-8 with only
    /// the bytes that need an escape replaced. What the serialiser must produce.
    static func referenceBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\n"): out += Array("\\n".utf8)
            case UInt8(ascii: "\r"): out += Array("\\r".utf8)
            case UInt8(ascii: "\t"): out += Array("\\t".utf8)
            case 0..<0x20, 0x7F: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        return out + [UInt8(ascii: "\"")]
    }

    @Test("every byte that needs an escape is escaped, at every position in a word")
    func escapesAtEveryOffset() {
        let special: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}"]
        for character in special {
            for length in 1...24 {
                for position in 0..<length {
                    var characters = Array(repeating: Character("a"), count: length)
                    characters[position] = character
                    let text = String(characters)
                    #expect(Array(JSONValue.string(text).serialized(indent: false).utf8) == Self.referenceBytes(text),
                            "\(length) characters, \(character.unicodeScalars.first!.value) at \(position)")
                }
            }
        }
    }

    @Test("bytes next to the escaped ones are not escaped: space, 0x80 and above, multi-byte text")
    func neighboursPassThrough() {
        for text in [" !#[]^_`{|}~", "\u{80}\u{9F}\u{A0}é日本語😀", String(repeating: "\u{7E}\u{21}", count: 9), "a\u{1F}b\u{20}c\u{7F}d\u{80}"] {
            #expect(Array(JSONValue.string(text).serialized(indent: false).utf8) == Self.referenceBytes(text))
        }
    }

    @Test("random strings serialise as the byte-by-byte escape does, and parse back")
    func randomStrings() throws {
        var random = SplitMix(seed: 20261201)
        let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "\n", "\t", "\r", "\u{0}", "\u{8}", "\u{1F}", "\u{7F}", "é", "日", "😀", "/", "{", "}"]
        for _ in 0..<2_000 {
            let length = Int(random.next() % 40)
            let text = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
            let json = JSONValue.string(text).serialized(indent: false)
            #expect(Array(json.utf8) == Self.referenceBytes(text))
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [String]
            #expect(parsed == [text])
        }
    }

    @Test("a lazy array's elements larger than their first buffer are written whole")
    func largeLazyElements() throws {
        let sizes = [0, 1, 2047, 2048, 2049, 10_000, 100_000]
        let value = JSONValue.lazyArray(count: 600) { index in
            .object([("index", .int(index)), ("text", .string(String(repeating: "x\"", count: sizes[index % sizes.count] / 2)))])
        }
        let text = value.serialized()
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 600)
        for (index, element) in parsed.enumerated() {
            #expect(element["index"] as? Int == index)
            #expect((element["text"] as? String)?.count == sizes[index % sizes.count] / 2 * 2)
        }
    }

    @Test("elements written by JSONWriter are byte for byte those of the same values", arguments: [true, false])
    func writerMatchesValues(indent: Bool) {
        let numbers = [0, 7, 10, 99, 100, -1, -42, Int.max, Int.min]
        let texts = ["", "plain", "quote \" and \\ and \n", "\u{1}\u{7F}é日😀"]
        let expected = JSONValue.array((0..<40).map { index -> JSONValue in
            let number = numbers[index % numbers.count]
            let text = texts[index % texts.count]
            let nested: JSONValue = index % 3 == 0 ? .array([]) : .array([.object([]), .object([("n", .int(number))])])
            return .object([
                ("text", .string(text)), ("number", .int(number)), ("flag", .bool(index % 2 == 0)),
                ("missing", index % 2 == 0 ? .null : .string(text)), ("nested", nested),
                ("tree", .object([("inner", .array([.int(index), .string(text)]))])),
                ("empty", .object([])),
            ])
        })
        let written = JSONValue.writtenArray(count: 40) { index, json in
            let number = numbers[index % numbers.count]
            let text = texts[index % texts.count]
            json.object { json in
                json.member("text", text)
                json.member("number", number)
                json.member("flag", index % 2 == 0)
                json.member("missing", index % 2 == 0 ? nil : text)
                json.member("nested") { json in
                    json.array { json in
                        guard index % 3 != 0 else { return }
                        json.element { $0.object { _ in } }
                        json.element { $0.object { $0.member("n", number) } }
                    }
                }
                json.member("tree", .object([("inner", .array([.int(index), .string(text)]))]))
                json.member("empty") { $0.object { _ in } }
            }
        }
        #expect(written.serialized(indent: indent) == expected.serialized(indent: indent))
        #expect(JSONValue.writtenArray(count: 0) { _, _ in }.serialized(indent: indent) == JSONValue.array([]).serialized(indent: indent))
    }
}
