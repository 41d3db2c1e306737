/// A JSON document with ordered object keys, so reports are byte-for-byte
/// reproducible, and a compact or indented serialiser (RFC 8259 escaping;
/// no NaN, no BOM: what GitHub's `JSON.parse` accepts).
public enum JSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    public func serialized(indent: Bool = true) -> String {
        // Written as UTF-8 bytes: appending to a String one scalar at a time
        // was a fifth of a large scan.
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(to: &output, level: 0, indent: indent)
        if indent { output.append(UInt8(ascii: "\n")) }
        return String(decoding: output, as: UTF8.self)
    }

    private func write(to output: inout [UInt8], level: Int, indent: Bool) {
        switch self {
        case .string(let text): Self.writeString(text, to: &output)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number): output.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .array(let items):
            if items.isEmpty { output.append(contentsOf: "[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, level + 1, indent)
                item.write(to: &output, level: level + 1, indent: indent)
            }
            Self.newline(&output, level, indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { output.append(contentsOf: "{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, level + 1, indent)
                Self.writeString(member.0, to: &output)
                output.append(contentsOf: (indent ? ": " : ":").utf8)
                member.1.write(to: &output, level: level + 1, indent: indent)
            }
            Self.newline(&output, level, indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ output: inout [UInt8], _ level: Int, _ indent: Bool) {
        guard indent else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// RFC 8259: quote, backslash and control characters (and DEL) are escaped;
    /// everything else, multi-byte UTF-8 included, is copied as it is, in runs.
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() {
                let escaped: UInt8
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): escaped = byte
                case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
                case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
                case 0..<0x20, 0x7F: escaped = UInt8(ascii: "u")
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                output.append(UInt8(ascii: "\\"))
                output.append(escaped)
                if escaped == UInt8(ascii: "u") {
                    // \u00XX, lower-case hex digits.
                    for digit in [0, 0, byte >> 4, byte & 0xF] { output.append(digit < 10 ? 0x30 + digit : 0x57 + digit) }
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
