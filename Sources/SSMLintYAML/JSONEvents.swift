import CYAML

/// The events of a plain JSON document, made without libyaml: exactly the
/// events libyaml gives for the same bytes (types, scalar text and style,
/// marks counted in characters), several times faster. Terraform plans and
/// JSON templates run to tens of megabytes, and libyaml's general YAML
/// scanner was most of their parse.
///
/// Where libyaml might read the bytes differently from a JSON reader, or
/// would report an error, this source gives up instead (an error, "not plain
/// JSON"), and the caller parses the input again with libyaml, whose tree or
/// error stands:
/// invalid JSON or UTF-8, characters libyaml refuses or reads as line breaks
/// (DEL, C1 controls, U+0085, U+2028, U+2029, U+FEFF), escapes for UTF-16
/// surrogates (libyaml rejects them), a key whose colon is on a later line
/// or more than 1,000 characters on (libyaml's simple-key limits), tabs
/// outside the top-level value, and a byte-order mark.
///
/// Events refer into the input or into a scratch buffer for strings with
/// escapes, valid until the next call; none is allocated or freed per event.
struct JSONEvents: YAMLEventSource {
    private let input: UnsafeBufferPointer<UInt8>
    /// Byte offset of the next byte to read.
    private var offset = 0
    /// libyaml's mark: characters from the start, 0-based line and column.
    private var index = 0, line = 0, column = 0

    private enum Phase { case streamStart, documentStart, body, documentEnd, streamEnd, done }
    private var phase = Phase.streamStart

    /// What may come next inside the innermost open collection.
    private enum Expect { case value, keyOrEnd, key, colon, commaOrEndObject, valueOrEndArray, commaOrEndArray }
    private var expect = Expect.value
    /// Open collections, innermost last: true for an object.
    private var open: [Bool] = []
    /// Where the key whose colon comes next started.
    private var keyIndex = 0, keyLine = 0

    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 256

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        scratch = .allocate(capacity: scratchCapacity)
    }

    /// True when `bytes` starts like a JSON document (after spaces and line
    /// breaks): worth trying this source first.
    static func looksLikeJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes {
            switch byte {
            case 0x20, 0x0A, 0x0D: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return true
            default: return false
            }
        }
        return false
    }

    mutating func finish() {
        scratch.deallocate()
    }

    mutating func next() throws(YAMLError) -> yaml_event_t {
        switch phase {
        case .streamStart:
            phase = .documentStart
            return event(YAML_STREAM_START_EVENT, from: mark, to: mark)
        case .documentStart:
            try skipWhitespace(tabsAllowed: false)
            phase = .body
            return event(YAML_DOCUMENT_START_EVENT, from: mark, to: mark)
        case .body:
            return try bodyEvent()
        case .documentEnd:
            try skipWhitespace(tabsAllowed: false)
            guard offset == input.count else { throw giveUp() }
            phase = .streamEnd
            return event(YAML_DOCUMENT_END_EVENT, from: mark, to: mark)
        case .streamEnd:
            phase = .done
            return event(YAML_STREAM_END_EVENT, from: mark, to: mark)
        case .done:
            throw giveUp()
        }
    }

    // MARK: Tokens

    private mutating func bodyEvent() throws(YAMLError) -> yaml_event_t {
        while true {
            try skipWhitespace(tabsAllowed: !open.isEmpty)
            guard offset < input.count else { throw giveUp() }
            let byte = input[offset]
            switch expect {
            case .value:
                return try value(byte)
            case .valueOrEndArray:
                if byte == UInt8(ascii: "]") { return close(YAML_SEQUENCE_END_EVENT) }
                return try value(byte)
            case .keyOrEnd, .key:
                if byte == UInt8(ascii: "}"), expect == .keyOrEnd { return close(YAML_MAPPING_END_EVENT) }
                guard byte == UInt8(ascii: "\"") else { throw giveUp() }
                keyIndex = index
                keyLine = line
                expect = .colon
                return try string()
            case .colon:
                // libyaml drops a simple key whose ':' is on a later line or
                // more than 1,024 characters on, and then reads something else.
                guard byte == UInt8(ascii: ":"), line == keyLine, index - keyIndex < 1000 else { throw giveUp() }
                advance(1)
                expect = .value
            case .commaOrEndObject:
                if byte == UInt8(ascii: "}") { return close(YAML_MAPPING_END_EVENT) }
                guard byte == UInt8(ascii: ",") else { throw giveUp() }
                advance(1)
                expect = .key
            case .commaOrEndArray:
                if byte == UInt8(ascii: "]") { return close(YAML_SEQUENCE_END_EVENT) }
                guard byte == UInt8(ascii: ",") else { throw giveUp() }
                advance(1)
                expect = .value
            }
        }
    }

    private mutating func value(_ byte: UInt8) throws(YAMLError) -> yaml_event_t {
        switch byte {
        case UInt8(ascii: "{"): return openCollection(isObject: true)
        case UInt8(ascii: "["): return openCollection(isObject: false)
        case UInt8(ascii: "\""):
            guard !open.isEmpty else { throw giveUp() }
            valueDone()
            return try string()
        default:
            guard !open.isEmpty else { throw giveUp() }
            valueDone()
            return try plainScalar()
        }
    }

    /// A flow mapping or sequence start, as libyaml gives it for `{` and `[`.
    private mutating func openCollection(isObject: Bool) -> yaml_event_t {
        let start = mark
        advance(1)
        open.append(isObject)
        expect = isObject ? .keyOrEnd : .valueOrEndArray
        var event = event(isObject ? YAML_MAPPING_START_EVENT : YAML_SEQUENCE_START_EVENT, from: start, to: mark)
        if isObject {
            event.data.mapping_start.implicit = 1
            event.data.mapping_start.style = YAML_FLOW_MAPPING_STYLE
        } else {
            event.data.sequence_start.implicit = 1
            event.data.sequence_start.style = YAML_FLOW_SEQUENCE_STYLE
        }
        return event
    }

    /// After a value inside a collection: a comma or the collection's end.
    private mutating func valueDone() {
        expect = open.last == true ? .commaOrEndObject : .commaOrEndArray
    }

    private mutating func close(_ type: yaml_event_type_t) -> yaml_event_t {
        let start = mark
        advance(1)
        open.removeLast()
        if open.isEmpty { phase = .documentEnd } else { valueDone() }
        return event(type, from: start, to: mark)
    }

    /// A number, `true`, `false` or `null`: libyaml's plain scalar of the same text.
    private mutating func plainScalar() throws(YAMLError) -> yaml_event_t {
        let start = mark
        let first = offset
        var end = offset
        while end < input.count {
            switch input[end] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                end += 1
                continue
            default: break
            }
            break
        }
        let text = UnsafeBufferPointer(rebasing: input[first..<end])
        guard Self.isJSONNumber(text) || Self.isLiteral(text) else { throw giveUp() }
        // What ends a plain scalar for libyaml in flow context, and for JSON.
        if end < input.count {
            switch input[end] {
            case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): break
            default: throw giveUp()
            }
        }
        advance(end - first)
        return scalar(from: start, value: UnsafeMutablePointer(mutating: text.baseAddress!), length: text.count, style: YAML_PLAIN_SCALAR_STYLE)
    }

    /// A string: its text in place when it has no escapes, else decoded into `scratch`.
    private mutating func string() throws(YAMLError) -> yaml_event_t {
        let start = mark
        advance(1)   // the opening quote
        let first = offset
        var characters = 0
        var escaped = false
        var position = offset
        // First pass: find the end, check every character, count characters.
        while true {
            guard position < input.count else { throw giveUp() }
            let byte = input[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard position + 1 < input.count else { throw giveUp() }
                let next = input[position + 1]
                if next == UInt8(ascii: "u") {
                    guard position + 5 < input.count, let unit = Self.hex4(input, at: position + 2),
                          !(0xD800...0xDFFF).contains(unit) else { throw giveUp() }
                    position += 6
                    characters += 6
                    continue
                }
                guard Self.simpleEscape(next) != nil else { throw giveUp() }
                position += 2
                characters += 2
                continue
            }
            if byte < 0x80 {
                guard byte >= 0x20, byte != 0x7F else { throw giveUp() }
                position += 1
            } else {
                guard let width = Self.printableUTF8(input, at: position) else { throw giveUp() }
                position += width
            }
            characters += 1
        }
        let end = position
        // The marks advance past the text and the closing quote.
        offset = end + 1
        index += characters + 1
        column += characters + 1
        guard escaped else {
            let text = UnsafeBufferPointer(rebasing: input[first..<end])
            return scalar(from: start, value: UnsafeMutablePointer(mutating: text.baseAddress ?? input.baseAddress!),
                          length: text.count, style: YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        }
        // An escape never makes more bytes than it takes (\uXXXX: at most 3).
        reserveScratch(end - first)
        var length = 0
        position = first
        while position < end {
            let byte = input[position]
            guard byte == UInt8(ascii: "\\") else {
                scratch[length] = byte
                length += 1
                position += 1
                continue
            }
            let next = input[position + 1]
            if next == UInt8(ascii: "u") {
                length += Self.encodeUTF8(UInt32(Self.hex4(input, at: position + 2)!), into: scratch + length)
                position += 6
            } else {
                scratch[length] = Self.simpleEscape(next)!
                length += 1
                position += 2
            }
        }
        return scalar(from: start, value: scratch, length: length, style: YAML_DOUBLE_QUOTED_SCALAR_STYLE)
    }

    // MARK: Positions

    private var mark: yaml_mark_t {
        yaml_mark_t(index: index, line: line, column: column)
    }

    /// Moves past `count` single-byte characters on the current line.
    private mutating func advance(_ count: Int) {
        offset += count
        index += count
        column += count
    }

    /// Spaces and line breaks (CR LF counts as one break, as for libyaml);
    /// tabs only inside the top-level value, where libyaml skips them too.
    private mutating func skipWhitespace(tabsAllowed: Bool) throws(YAMLError) {
        while offset < input.count {
            switch input[offset] {
            case 0x20:
                advance(1)
            case 0x09:
                guard tabsAllowed else { throw giveUp() }
                advance(1)
            case 0x0A:
                offset += 1
                index += 1
                line += 1
                column = 0
            case 0x0D:
                let pair = offset + 1 < input.count && input[offset + 1] == 0x0A ? 2 : 1
                offset += pair
                index += pair
                line += 1
                column = 0
            default:
                return
            }
        }
    }

    // MARK: Events

    private func event(_ type: yaml_event_type_t, from start: yaml_mark_t, to end: yaml_mark_t) -> yaml_event_t {
        var event = yaml_event_t()
        event.type = type
        event.start_mark = start
        event.end_mark = end
        if type == YAML_STREAM_START_EVENT { event.data.stream_start.encoding = YAML_UTF8_ENCODING }
        if type == YAML_DOCUMENT_START_EVENT || type == YAML_DOCUMENT_END_EVENT { event.data.document_start.implicit = 1 }
        return event
    }

    private func scalar(from start: yaml_mark_t, value: UnsafeMutablePointer<UInt8>, length: Int,
                        style: yaml_scalar_style_t) -> yaml_event_t {
        var event = event(YAML_SCALAR_EVENT, from: start, to: mark)
        event.data.scalar.value = value
        event.data.scalar.length = length
        event.data.scalar.style = style
        event.data.scalar.plain_implicit = style == YAML_PLAIN_SCALAR_STYLE ? 1 : 0
        event.data.scalar.quoted_implicit = style == YAML_PLAIN_SCALAR_STYLE ? 0 : 1
        return event
    }

    private func giveUp() -> YAMLError {
        YAMLError("not plain JSON", at: SourcePosition(line: line + 1, column: column + 1))
    }

    private mutating func reserveScratch(_ count: Int) {
        guard count > scratchCapacity else { return }
        scratch.deallocate()
        scratchCapacity = max(count, scratchCapacity * 2)
        scratch = .allocate(capacity: scratchCapacity)
    }

    // MARK: JSON and UTF-8

    private static func simpleEscape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""): return UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): return UInt8(ascii: "\\")
        case UInt8(ascii: "/"): return UInt8(ascii: "/")
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }

    private static func hex4(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt16? {
        guard start + 4 <= input.count else { return nil }
        var value: UInt16 = 0
        for byte in input[start..<start + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// The width of the well-formed UTF-8 sequence at `start` when libyaml
    /// accepts its character inside a string as an ordinary character.
    private static func printableUTF8(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let lead = input[start]
        let width: Int, minimum: UInt32
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: (width, minimum, value) = (2, 0x80, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (width, minimum, value) = (3, 0x800, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (width, minimum, value) = (4, 0x10000, UInt32(lead & 0x07))
        default: return nil
        }
        guard start + width <= input.count else { return nil }
        for byte in input[(start + 1)..<(start + width)] {
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, value <= 0x10FFFF else { return nil }
        switch value {
        case 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
            // Line breaks for libyaml, and the byte-order mark.
            return value == 0x2028 || value == 0x2029 || value == 0xFEFF ? nil : width
        default:
            return nil   // C1 controls (U+0085 among them), surrogates, U+FFFE and U+FFFF
        }
    }

    private static func encodeUTF8(_ value: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
        switch value {
        case 0..<0x80:
            out[0] = UInt8(value)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | value >> 6)
            out[1] = UInt8(0x80 | value & 0x3F)
            return 2
        default:
            out[0] = UInt8(0xE0 | value >> 12)
            out[1] = UInt8(0x80 | (value >> 6) & 0x3F)
            out[2] = UInt8(0x80 | value & 0x3F)
            return 3
        }
    }

    /// JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private static func isJSONNumber(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var at = 0
        func digits() -> Int {
            let from = at
            while at < text.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[at]) { at += 1 }
            return at - from
        }
        if at < text.count, text[at] == UInt8(ascii: "-") { at += 1 }
        guard at < text.count else { return false }
        if text[at] == UInt8(ascii: "0") { at += 1 } else if digits() == 0 { return false }
        if at < text.count, text[at] == UInt8(ascii: ".") {
            at += 1
            if digits() == 0 { return false }
        }
        if at < text.count, text[at] == UInt8(ascii: "e") || text[at] == UInt8(ascii: "E") {
            at += 1
            if at < text.count, text[at] == UInt8(ascii: "+") || text[at] == UInt8(ascii: "-") { at += 1 }
            if digits() == 0 { return false }
        }
        return at == text.count
    }

    private static func isLiteral(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.elementsEqual("true".utf8) || text.elementsEqual("false".utf8) || text.elementsEqual("null".utf8)
    }
}
