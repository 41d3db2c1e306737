/// Writes one element of a large array straight as text, byte for byte what
/// `JSONValue` gives for the same members and values. A report's findings are
/// written this way: building a value tree for each finding, walking it and
/// freeing it was three quarters of a large JSON report's work.
///
///     writer.object { finding in
///         finding.member("ruleId", "SSM001")
///         finding.member("location") { $0.object { ... } }
///     }
public struct JSONWriter {
    var text: JSONElementText
    private let indent: Bool
    /// The level of the values written next: a container's members are one deeper.
    private var level: Int
    /// Whether the container being written has a member yet (a comma goes before the next).
    private var hasMembers = false

    init(level: Int, indent: Bool, capacity: Int) {
        text = JSONElementText(capacity: capacity)
        self.level = level
        self.indent = indent
    }

    /// An object whose members `body` writes with `member`; `{}` when it writes none.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// An array whose elements `body` writes with `element`; `[]` when it writes none.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    /// A member of the object being written, whose value `value` writes. Keys
    /// are literals in ssmlint's code, copied as they are: none needs escaping.
    public mutating func member(_ key: StaticString, _ value: (inout JSONWriter) -> Void) {
        startEntry()
        text.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes in
            assert(bytes.allSatisfy { (0x20..<0x7F).contains($0) && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") },
                   "JSON key \(key) needs escaping")
            text.append(bytes)
        }
        text.append(UInt8(ascii: "\""))
        text.append(UInt8(ascii: ":"))
        if indent { text.append(UInt8(ascii: " ")) }
        value(&self)
    }

    public mutating func member(_ key: StaticString, _ value: String) { member(key) { $0.string(value) } }
    public mutating func member(_ key: StaticString, _ value: String?) { member(key) { $0.string(value) } }
    public mutating func member(_ key: StaticString, _ value: Int) { member(key) { $0.int(value) } }
    public mutating func member(_ key: StaticString, _ value: Bool) { member(key) { $0.bool(value) } }
    public mutating func member(_ key: StaticString, _ value: JSONValue) { member(key) { $0.value(value) } }

    /// An element of the array being written, which `value` writes.
    public mutating func element(_ value: (inout JSONWriter) -> Void) {
        startEntry()
        value(&self)
    }

    public mutating func string(_ value: String) { JSONValue.writeString(value, to: &text) }

    /// The string, or null.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int(_ value: Int) { JSONValue.writeInt(value, to: &text) }
    public mutating func bool(_ value: Bool) { text.append(value ? "true" : "false") }
    public mutating func null() { text.append("null") }

    /// A value made as a tree, for the parts of an element that are rare or small.
    public mutating func value(_ value: JSONValue) { value.write(to: &text, level: level, indent: indent) }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) -> Void) {
        let outer = hasMembers
        text.append(open)
        level += 1
        hasMembers = false
        body(&self)
        level -= 1
        // As JSONValue writes an empty container: both brackets on one line.
        if hasMembers { JSONValue.newline(&text, level, indent) }
        text.append(close)
        hasMembers = outer
    }

    private mutating func startEntry() {
        if hasMembers { text.append(UInt8(ascii: ",")) }
        hasMembers = true
        JSONValue.newline(&text, level, indent)
    }
}
