import CYAML

/// libyaml reports an encoding problem (invalid UTF-8, a control character)
/// with the byte offset of the offending character only, before its scanner
/// has reached that line. This locates it the way libyaml counts: lines end at
/// LF, CR, CR LF, NEL, LS and PS; columns count characters; a byte-order mark
/// takes no column.
enum EncodingProblem {
    static func message(_ problem: String, value: Int32) -> String {
        guard value >= 0 else { return "\(problem); the file is not valid UTF-8 or UTF-16 text" }
        if problem.contains("octet") {
            return "\(problem) (byte 0x\(hex(value, width: 2))); the file is not valid UTF-8 text"
        }
        if problem.hasPrefix("control characters") {
            return "\(problem) (U+\(hex(value, width: 4))); remove it, or write it as an escape in a double-quoted string"
        }
        return "\(problem) (U+\(hex(value, width: 4)))"
    }

    static func position(ofByte offset: Int, in input: UnsafeBufferPointer<UInt8>, encoding: yaml_encoding_t) -> SourcePosition {
        let end = min(max(offset, 0), input.count)
        switch encoding {
        case YAML_UTF16LE_ENCODING: return utf16Position(input, end: end, littleEndian: true)
        case YAML_UTF16BE_ENCODING: return utf16Position(input, end: end, littleEndian: false)
        default: return utf8Position(input, end: end)
        }
    }

    private static func utf8Position(_ input: UnsafeBufferPointer<UInt8>, end: Int) -> SourcePosition {
        var line = 1
        var column = 1
        var index = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < end {
            let byte = input[index]
            let next = index + 1 < input.count ? input[index + 1] : 0
            let third = index + 2 < input.count ? input[index + 2] : 0
            if byte == 0x0D && next == 0x0A {
                index += 2
            } else if byte == 0x0A || byte == 0x0D {
                index += 1
            } else if byte == 0xC2 && next == 0x85 {
                index += 2
            } else if byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) {
                index += 3
            } else {
                // A character starts at every byte that is not a continuation byte.
                if byte & 0xC0 != 0x80 { column += 1 }
                index += 1
                continue
            }
            line += 1
            column = 1
        }
        // `column` counted the characters before `end`, plus one.
        return SourcePosition(line: line, column: column)
    }

    private static func utf16Position(_ input: UnsafeBufferPointer<UInt8>, end: Int, littleEndian: Bool) -> SourcePosition {
        func unit(_ index: Int) -> UInt16? {
            guard index + 1 < input.count else { return nil }
            let (low, high) = littleEndian ? (input[index], input[index + 1]) : (input[index + 1], input[index])
            return UInt16(high) << 8 | UInt16(low)
        }
        var line = 1
        var column = 1
        var index = unit(0) == 0xFEFF ? 2 : 0
        while index < end, let current = unit(index) {
            switch current {
            case 0x0D where unit(index + 2) == 0x0A:
                index += 4
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
                index += 2
            default:
                // A low surrogate continues the character its high surrogate started.
                if !(0xDC00...0xDFFF).contains(current) { column += 1 }
                index += 2
                continue
            }
            line += 1
            column = 1
        }
        return SourcePosition(line: line, column: column)
    }

    private static func hex(_ value: Int32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
