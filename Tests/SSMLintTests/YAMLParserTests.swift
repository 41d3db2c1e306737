import SSMLintYAML
import Testing

@Suite("YAML front end")
struct YAMLParserTests {
    func parse(_ text: String, limits: YAMLLimits = .standard) throws -> YAMLNode {
        try #require(try YAMLParser.parse(Array(text.utf8), limits: limits))
    }

    @Test("every node has start and end positions")
    func ranges() throws {
        let root = try parse("Resources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n")
        let type = try #require(root["Resources"]?["Group"]?["Type"])
        #expect(type.scalar == "AWS::EC2::SecurityGroup")
        #expect(type.range.start == SourcePosition(line: 3, column: 11))
        #expect(type.range.end == SourcePosition(line: 3, column: 34))
        #expect(root["Resources"]?["Group"]?.range.start == SourcePosition(line: 3, column: 5))
    }

    @Test("short-form tags are preserved on scalars, sequences and mappings")
    func tags() throws {
        let root = try parse("a: !Ref X\nb: !GetAtt [A, B]\nc: !Sub\n  - x\n  - {}\nd: '!Ref'\n")
        #expect(root["a"]?.tag == "!Ref")
        #expect(root["b"]?.tag == "!GetAtt")
        #expect(root["b"]?.sequence?.count == 2)
        #expect(root["c"]?.tag == "!Sub")
        #expect(root["d"]?.tag == nil)
        #expect(root["d"]?.scalar == "!Ref")
    }

    @Test("duplicate keys are errors naming both positions")
    func duplicateKeys() throws {
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser.parse(Array("Resources:\n  A: 1\n  B: 2\n  A: 3\n".utf8))
        }
        #expect(error.position == SourcePosition(line: 4, column: 3))
        #expect(error.relatedPosition == SourcePosition(line: 2, column: 3))
        #expect(error.message.contains("duplicate key 'A'"))
    }

    @Test("duplicate keys are found in large mappings too")
    func duplicateKeysLarge() throws {
        var text = ""
        for index in 0..<100 { text += "k\(index): \(index)\n" }
        text += "k42: again\n"
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parse(Array(text.utf8)) }
        #expect(error.position.line == 101)
        #expect(error.relatedPosition?.line == 43)
    }

    @Test("alias expansion is bounded (billion laughs)")
    func aliasBomb() throws {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in 1...8 {
            let name = "l\(level)"
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parse(Array(text.utf8)) }
        #expect(error.message.contains("aliases expand"))
    }

    @Test("ordinary aliases still work")
    func aliases() throws {
        let root = try parse("base: &b {x: 1}\ncopy: *b\n")
        #expect(root["copy"]?["x"]?.scalar == "1")
    }

    @Test("nesting depth is bounded")
    func depth() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parse(Array(deep.utf8)) }
        #expect(error.message.contains("nesting deeper"))
    }

    @Test("a UTF-8 byte-order mark is accepted")
    func byteOrderMark() throws {
        let root = try #require(try YAMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)))
        #expect(root["a"]?.scalar == "1")
    }

    @Test("UTF-16 with a byte-order mark is decoded")
    func utf16() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "{\"a\": \"ü\"}".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let root = try #require(try YAMLParser.parse(bytes))
        #expect(root["a"]?.scalar == "ü")
    }

    @Test("JSON documents parse with positions and quoting styles")
    func json() throws {
        let root = try parse("{\n  \"a\":1,\n  \"b\": [true, \"true\", null]\n}")
        #expect(root["a"]?.scalar == "1")
        #expect(root["a"]?.range.start == SourcePosition(line: 2, column: 7))
        let items = try #require(root["b"]?.sequence)
        #expect(items[0].scalar == "true")
        #expect(items[1].content.isDoubleQuoted)
        #expect(items[2].isNull)
    }

    @Test("syntax errors carry the position libyaml reports")
    func syntaxError() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parse(Array("a: [1, 2\nb: 3\n".utf8)) }
        #expect(error.position.line == 2)
    }

    @Test("an empty stream is no document; two documents are an error")
    func documents() throws {
        #expect(try YAMLParser.parse([]) == nil)
        #expect(try YAMLParser.parse(Array("# only a comment\n".utf8)) == nil)
        #expect(throws: YAMLError.self) { try YAMLParser.parse(Array("a: 1\n---\nb: 2\n".utf8)) }
    }

    @Test("encoding errors are located at their line and column, not at 1:1")
    func encodingErrors() throws {
        let lines = (1...49).map { "k\($0): v" }.joined(separator: "\n") + "\n"
        let cases: [(bytes: [UInt8], message: String, column: Int)] = [
            (Array((lines + "  key: ab").utf8) + [0xFF] + Array("c\n".utf8), "invalid leading UTF-8 octet (byte 0xFF)", 10),
            (Array((lines + "  key: ab").utf8) + [0x07] + Array("c\n".utf8), "control characters are not allowed (U+0007)", 10),
            // Columns count characters: é and 日 are one each.
            (Array((lines + "  kéy: 日b").utf8) + [0xFF] + Array("c\n".utf8), "invalid leading UTF-8 octet", 10),
            // CR LF ends a line once.
            (Array((lines.replacingOccurrences(of: "\n", with: "\r\n") + "  key: ab").utf8) + [0x07], "control characters", 10),
        ]
        for (bytes, message, column) in cases {
            let error = try #require(throws: YAMLError.self) { try YAMLParser.parse(bytes) }
            #expect(error.position == SourcePosition(line: 50, column: column), "\(error)")
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
        // UTF-16 (little endian, with a byte-order mark): an unpaired low surrogate on line 3.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "a: 1\nb: 2\nc: x".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        utf16 += [0x00, 0xDC]
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parse(utf16) }
        #expect(error.position == SourcePosition(line: 3, column: 5), "\(error)")
    }

    @Test("a block collection ends where its last child ends, not at the next key after blank lines and comments")
    func blockCollectionEnd() throws {
        let root = try parse("A:\n  b: 1\n  c:\n    - x\n\n# comment\n\nD: {e: 1}\n")
        #expect(root["A"]?.range.end == SourcePosition(line: 4, column: 8))
        #expect(root["A"]?["c"]?.range.end == SourcePosition(line: 4, column: 8))
        #expect(root["D"]?.range.end == SourcePosition(line: 8, column: 10), "a flow collection ends after its bracket")
    }

    @Test("a value on a last line without a line break ends on that line")
    func lastLineWithoutBreak() throws {
        let root = try parse("a:\n  - {b: 1}\n  - 'x'")
        let items = try #require(root["a"]?.sequence)
        #expect(items[0].range.end == SourcePosition(line: 2, column: 11))
        #expect(items[1].range.start == SourcePosition(line: 3, column: 5))
        #expect(items[1].range.end == SourcePosition(line: 3, column: 8))
    }

    @Test("positions stay exact across thousands of lines and long lines")
    func positionsAtScale() throws {
        var text = ""
        for index in 0..<5_000 {
            // Lines of varying length, some long, so that position lookups cross blocks.
            text += "key\(index): " + String(repeating: "x", count: index % 7 == 0 ? 600 : index % 13) + "\n"
        }
        text += "list: [a, [b, c], {d: e}]\n"
        let root = try parse(text)
        let entries = try #require(root.mapping)
        #expect(entries.count == 5_001)
        for (index, entry) in entries.prefix(5_000).enumerated() {
            #expect(entry.key.range.start == SourcePosition(line: index + 1, column: 1))
            let length = index % 7 == 0 ? 600 : index % 13
            // An empty value is placed where libyaml puts it: right after the colon.
            let valueColumn = "key\(index): ".count + (length == 0 ? 0 : 1)
            #expect(entry.value.range.start == SourcePosition(line: index + 1, column: valueColumn))
            #expect(entry.value.range.end == SourcePosition(line: index + 1, column: valueColumn + length))
        }
        let list = try #require(root["list"]?.sequence)
        #expect(list.count == 3)
        #expect(list[0].scalar == "a")
        #expect(list[1].sequence?.map(\.scalar) == ["b", "c"])
        #expect(list[2]["d"]?.scalar == "e")
        #expect(list[2].range.start == SourcePosition(line: 5_001, column: 19))
    }

    @Test("nodes built in code keep their content, tag and range")
    func builtNodes() throws {
        let root = try parse("a: !Sub [x, {y: z}]\nb: 1\n")
        var argument = try #require(root["a"])
        #expect(argument.tag == "!Sub")
        argument.tag = nil
        #expect(argument.tag == nil)
        #expect(argument.sequence?.count == 2)
        let range = SourceRange(start: SourcePosition(line: 7, column: 3), end: SourcePosition(line: 8, column: 1))
        let empty = YAMLNode(content: .mapping([]), tag: nil, range: range)
        #expect(empty.mapping?.isEmpty == true)
        #expect(empty.range == range)
        let copy = YAMLNode(content: try #require(root["a"]).content, tag: "!Other", range: range)
        #expect(copy.tag == "!Other")
        #expect(copy.sequence?[1]["y"]?.scalar == "z")
        #expect(copy.sequence?[1]["y"]?.range.start == SourcePosition(line: 1, column: 17))
    }

    @Test("a duplicate of a key whose value was skipped is still a duplicate")
    func duplicateOfSkippedKey() throws {
        let limits = YAMLLimits(skippedPaths: [["prior_state"]])
        let root = try parse("{\"prior_state\": [1, 2], \"a\": 1}", limits: limits)
        #expect(root["prior_state"] == nil)
        #expect(root["a"]?.scalar == "1")
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser.parse(Array("{\"prior_state\": [1], \"a\": 1, \"prior_state\": 2}".utf8), limits: limits)
        }
        #expect(error.message.contains("duplicate key 'prior_state'"))
    }

    @Test("tagged and complex mapping keys are rejected")
    func keys() throws {
        #expect(throws: YAMLError.self) { try YAMLParser.parse(Array("!Ref x: 1\n".utf8)) }
        #expect(throws: YAMLError.self) { try YAMLParser.parse(Array("? [a]\n: 1\n".utf8)) }
    }
}

extension YAMLNode.Content {
    var isDoubleQuoted: Bool {
        if case .scalar(_, .doubleQuoted) = self { return true }
        return false
    }
}
