import Dispatch
import SSMLintModel

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
    /// An array whose elements are made as they are written, a chunk at a
    /// time and in parallel: a large report's findings are never all held as
    /// values at once.
    case lazyArray(count: Int, element: @Sendable (Int) -> JSONValue)
    /// A lazy array whose elements are written as text straight away, with
    /// no value made for them (see `JSONWriter`).
    case writtenArray(count: Int, element: @Sendable (Int, inout JSONWriter) -> Void)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    public func serialized(indent: Bool = true) -> String {
        // Measured first, then written straight into the string's storage: a
        // report can be larger than the scanned input, and a growing byte
        // buffer copied into a String held it up to three times at once.
        var counter = ByteCounter()
        write(to: &counter, level: 0, indent: indent)
        let length = counter.count + (indent ? 1 : 0)
        return String(unsafeUninitializedCapacity: length) { storage in
            var writer = ByteWriter(storage)
            write(to: &writer, level: 0, indent: indent)
            if indent { writer.append(UInt8(ascii: "\n")) }
            return writer.count
        }
    }

    /// Writes the document to `output` as it is serialised, for a report
    /// written straight to its file instead of held whole in memory first.
    public func write(to output: inout some JSONOutput, indent: Bool = true) {
        write(to: &output, level: 0, indent: indent)
        if indent { output.append(UInt8(ascii: "\n")) }
    }

    func write<Output: JSONOutput>(to output: inout Output, level: Int, indent: Bool) {
        switch self {
        case .string(let text): Self.writeString(text, to: &output)
        case .int(let number): Self.writeInt(number, to: &output)
        case .double(let number): output.append(number.isFinite ? String(number) : "null")
        case .bool(let flag): output.append(flag ? "true" : "false")
        case .null: output.append("null")
        case .array(let items):
            if items.isEmpty { output.append("[]"); return }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, level + 1, indent)
                item.write(to: &output, level: level + 1, indent: indent)
            }
            Self.newline(&output, level, indent)
            output.append(UInt8(ascii: "]"))
        case .lazyArray(let count, let element):
            Self.writeInRounds(count: count, level: level, indent: indent, to: &output) { index, writer in
                writer.value(element(index))
            }
        case .writtenArray(let count, let element):
            Self.writeInRounds(count: count, level: level, indent: indent, to: &output, element)
        case .object(let members):
            if members.isEmpty { output.append("{}"); return }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, level + 1, indent)
                Self.writeString(member.0, to: &output)
                output.append(indent ? ": " : ":")
                member.1.write(to: &output, level: level + 1, indent: indent)
            }
            Self.newline(&output, level, indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A lazy array's elements, made and written as text on other cores a
    /// round at a time; the next round is made while this one is copied out.
    /// Small rounds: one round's text is held at once. Whatever an element
    /// allocates is freed by the thread that made it, where the allocator
    /// reuses the memory for the next element.
    private static func writeInRounds<Output: JSONOutput>(count: Int, level: Int, indent: Bool, to output: inout Output,
                                                          _ element: @escaping @Sendable (Int, inout JSONWriter) -> Void) {
        if count == 0 { output.append("[]"); return }
        output.append(UInt8(ascii: "["))
        let round = 256
        let make: @Sendable (Range<Int>) -> [[UInt8]] = { range in
            Array(range).concurrentMap(chunk: 16) { index in
                // Room for a typical finding's text.
                var writer = JSONWriter(level: level + 1, indent: indent, capacity: 2048)
                element(index, &writer)
                return writer.text.finish()
            }
        }
        var items = make(0..<Swift.min(count, round))
        var start = 0
        while start < count {
            let end = start + items.count
            let following = end..<Swift.min(count, end + round)
            let next = RoundSlot()
            let group = DispatchGroup()
            if !following.isEmpty {
                DispatchQueue.global().async(group: group) { next.items = make(following) }
            }
            for (offset, item) in items.enumerated() {
                if start + offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, level + 1, indent)
                item.withUnsafeBufferPointer { output.append($0) }
            }
            items = []
            group.wait()
            items = next.items
            start = end
        }
        newline(&output, level, indent)
        output.append(UInt8(ascii: "]"))
    }

    static func newline<Output: JSONOutput>(_ output: inout Output, _ level: Int, _ indent: Bool) {
        guard indent else { return }
        // A newline and the indentation, in one append for the usual depths.
        let width = 2 * level + 1
        guard width <= lineStart.count else {
            output.append(UInt8(ascii: "\n"))
            for _ in 0..<(2 * level) { output.append(UInt8(ascii: " ")) }
            return
        }
        lineStart.withUnsafeBufferPointer { output.append(UnsafeBufferPointer(rebasing: $0[0..<width])) }
    }

    private static let lineStart: [UInt8] = [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Decimal digits, as `String(number)` spells them, without making a string.
    static func writeInt<Output: JSONOutput>(_ number: Int, to output: inout Output) {
        guard number >= 0 else { output.append(String(number)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in   // Int.max has 19
            var remaining = UInt(number)
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0
            output.append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// RFC 8259: quote, backslash and control characters (and DEL) are escaped;
    /// everything else, multi-byte UTF-8 included, is copied as it is, in runs.
    static func writeString<Output: JSONOutput>(_ text: String, to output: inout Output) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var runStart = 0
            var index = 0
            while index < count {
                // Most text needs no escape: it is passed over eight bytes at a time.
                if count - index >= 8, !needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = base[index]
                let escaped: UInt8
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): escaped = byte
                case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
                case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
                case 0..<0x20, 0x7F: escaped = UInt8(ascii: "u")
                default:
                    index += 1
                    continue
                }
                output.append(UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                index += 1
                runStart = index
                output.append(UInt8(ascii: "\\"))
                output.append(escaped)
                if escaped == UInt8(ascii: "u") {
                    // \u00XX, lower-case hex digits.
                    for digit in [0, 0, byte >> 4, byte & 0xF] { output.append(digit < 10 ? 0x30 + digit : 0x57 + digit) }
                }
            }
            output.append(UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Whether one of the eight bytes of `word` is below 0x20, a quote, a
    /// backslash or DEL. Exact: the classic zero-byte and less-than tests
    /// (for bounds up to 128) never miss a byte, and flag none that is not there.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highBits }
        let control = (word &- ones &* 0x20) & ~word & highBits
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        let delete = hasZeroByte(word ^ (ones &* 0x7F))
        return control | quote | backslash | delete != 0
    }
}

/// The serialised elements of a lazy array's next round, made on another thread.
private final class RoundSlot: @unchecked Sendable {
    var items: [[UInt8]] = []
}

/// One lazy-array element's text.
/// Where the serialiser puts its bytes: a counter, a string's storage, a file.
public protocol JSONOutput {
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension JSONOutput {
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }
}

/// Bytes gathered in memory: one finding's text, or a streamed report rendered whole.
extension [UInt8]: JSONOutput {
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

private struct ByteCounter: JSONOutput {
    var count = 0
    mutating func append(_ byte: UInt8) { count += 1 }
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { count += bytes.count }
}

/// Writes into storage the counter sized. Both passes write the same bytes;
/// should they ever differ, the writer stops at the end of the storage
/// rather than write past it (optimised builds do not check the bounds).
private struct ByteWriter: JSONOutput {
    let storage: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    init(_ storage: UnsafeMutableBufferPointer<UInt8>) { self.storage = storage }

    mutating func append(_ byte: UInt8) {
        guard count < storage.count else { return }
        storage[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let length = Swift.min(bytes.count, storage.count - count)
        guard length > 0 else { return }
        _ = UnsafeMutableBufferPointer(rebasing: storage[count..<(count + length)])
            .update(fromContentsOf: UnsafeBufferPointer(rebasing: bytes[0..<length]))
        count += length
    }
}
