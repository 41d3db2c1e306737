/// A JSON document with ordered object keys, so reports are byte-for-byte
/// reproducible, and a compact or indented serialiser (RFC 8259 escaping;
/// no NaN, no BOM: what GitHub's `JSON.parse` accepts).
public indirect enum JSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
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
        var output = ""
        output.reserveCapacity(4096)
        write(to: &output, level: 0, indent: indent)
        if indent { output += "\n" }
        return output
    }

    private func write(to output: inout String, level: Int, indent: Bool) {
        switch self {
        case .string(let text): Self.writeString(text, to: &output)
        case .int(let number): output += String(number)
        case .double(let number): output += number.isFinite ? String(number) : "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            if items.isEmpty { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                Self.newline(&output, level + 1, indent)
                item.write(to: &output, level: level + 1, indent: indent)
            }
            Self.newline(&output, level, indent)
            output += "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                Self.newline(&output, level + 1, indent)
                Self.writeString(member.0, to: &output)
                output += indent ? ": " : ":"
                member.1.write(to: &output, level: level + 1, indent: indent)
            }
            Self.newline(&output, level, indent)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, _ level: Int, _ indent: Bool) {
        guard indent else { return }
        output += "\n"
        output += String(repeating: "  ", count: level)
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xD800...0xDFFF).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
