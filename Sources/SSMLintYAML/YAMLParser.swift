import CYAML

/// Builds a `YAMLNode` tree from libyaml's event stream. One front end for
/// CloudFormation YAML, CloudFormation JSON and Terraform plan JSON: libyaml
/// accepts JSON, detects UTF-8/UTF-16 byte-order marks, and reports positions.
///
/// The event loop keeps its own stack (no recursion), rejects duplicate
/// mapping keys (libyaml does not; CloudFormation does) and bounds nesting and
/// alias expansion.
public enum YAMLParser {
    /// Parses the first document of `bytes`; returns nil for a stream without
    /// documents (an empty file). A second document is an error.
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = .standard) throws(YAMLError) -> YAMLNode? {
        var builder = TreeBuilder(limits: limits)
        let outcome: Result<YAMLNode?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(YAMLError("cannot initialise the YAML parser", at: SourcePosition(line: 1, column: 1)))
            }
            defer { yaml_parser_delete(&parser) }
            // libyaml needs a non-null pointer even for empty input.
            let empty: [UInt8] = [0]
            return empty.withUnsafeBufferPointer { emptyBuffer in
                let base = buffer.count > 0 ? buffer.baseAddress! : emptyBuffer.baseAddress!
                yaml_parser_set_input_string(&parser, base, buffer.count)
                return Result { () throws(YAMLError) in try builder.run(&parser) }
            }
        }
        return try outcome.get()
    }
}

private struct TreeBuilder {
    let limits: YAMLLimits

    /// An open sequence or mapping. A class, so that appending to the top
    /// frame never copies its children (value-type frames made large mappings
    /// quadratic through copy-on-write).
    private final class Frame {
        let isMapping: Bool
        let tag: String?
        let anchor: String?
        let start: SourcePosition
        /// The key (or "*" for a list item) under which this node sits in its parent.
        var pathKey: String?
        var items: [YAMLNode] = []
        var entries: [YAMLMappingEntry] = []
        var pendingKey: YAMLNode?
        var keyIndex: [String: SourcePosition]?
        /// Nodes below this one, counting alias expansions.
        var descendants = 0

        init(isMapping: Bool, tag: String?, anchor: String?, start: SourcePosition) {
            self.isMapping = isMapping
            self.tag = tag
            self.anchor = anchor
            self.start = start
        }
    }

    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var aliasExpansion = 0
    private var root: YAMLNode?
    private var documents = 0
    /// > 0 while the events of a skipped value are consumed; its nesting depth.
    private var skipping = 0
    private var skipNext = false

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    mutating func run(_ parser: inout yaml_parser_t) throws(YAMLError) -> YAMLNode? {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw Self.libyamlError(parser)
            }
            defer { yaml_event_delete(&event) }
            let start = Self.position(event.start_mark)
            if skipNext || skipping > 0 {
                if consumeSkipped(event.type) { continue }
            }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLError("the file holds more than one YAML document; a template must be a single document", at: start)
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let node = YAMLNode(
                    content: .scalar(value, Self.style(scalar.style)),
                    tag: Self.string(scalar.tag),
                    range: SourceRange(start: start, end: Self.position(event.end_mark)))
                try add(node, size: 1, anchor: Self.string(scalar.anchor))
            case YAML_SEQUENCE_START_EVENT:
                try push(Frame(isMapping: false, tag: Self.string(event.data.sequence_start.tag),
                               anchor: Self.string(event.data.sequence_start.anchor), start: start))
            case YAML_MAPPING_START_EVENT:
                try push(Frame(isMapping: true, tag: Self.string(event.data.mapping_start.tag),
                               anchor: Self.string(event.data.mapping_start.anchor), start: start))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try closeCollection(end: Self.position(event.end_mark))
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard let anchored = anchors[name] else {
                    throw YAMLError("alias *\(name) refers to an unknown anchor", at: start)
                }
                aliasExpansion += anchored.size
                if aliasExpansion > limits.maxAliasExpansion {
                    throw YAMLError("aliases expand to more than \(limits.maxAliasExpansion) nodes; refusing to expand further", at: start)
                }
                try add(anchored.node, size: anchored.size, anchor: nil)
            default:
                continue
            }
        }
    }

    /// Consumes one event of a skipped value; returns false when the event is
    /// not part of it (never, by construction, but keeps the loop honest).
    private mutating func consumeSkipped(_ type: yaml_event_type_t) -> Bool {
        switch type {
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            skipNext = false
            skipping += 1
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            skipping -= 1
        case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT:
            skipNext = false
        default:
            return false
        }
        if skipping == 0 && !skipNext { stack.last?.pendingKey = nil }
        return true
    }

    /// True when the value about to follow `key` in the top mapping is to be skipped.
    private func isSkipped(_ key: String) -> Bool {
        guard !limits.skippedPaths.isEmpty else { return false }
        let depth = stack.count
        return limits.skippedPaths.contains { pattern in
            guard pattern.count == depth else { return false }
            for index in 0..<depth {
                let actual = index + 1 < depth ? stack[index + 1].pathKey : key
                if pattern[index] != "*" && pattern[index] != actual { return false }
            }
            return true
        }
    }

    private mutating func push(_ frame: Frame) throws(YAMLError) {
        if stack.count >= limits.maxDepth {
            throw YAMLError("nesting deeper than \(limits.maxDepth) levels", at: frame.start)
        }
        if let parent = stack.last {
            frame.pathKey = parent.isMapping ? parent.pendingKey?.scalar : "*"
        }
        stack.append(frame)
    }

    private mutating func closeCollection(end: SourcePosition) throws(YAMLError) {
        guard let frame = stack.popLast() else { return }
        let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.entries) : .sequence(frame.items)
        let node = YAMLNode(content: content, tag: frame.tag, range: SourceRange(start: frame.start, end: end))
        try add(node, size: frame.descendants + 1, anchor: frame.anchor)
    }

    /// Attaches a finished node to its parent (or makes it the document root).
    private mutating func add(_ node: YAMLNode, size: Int, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = (node, size) }
        guard let top = stack.last else {
            root = node
            return
        }
        top.descendants += size
        guard top.isMapping else {
            top.items.append(node)
            return
        }
        if let key = top.pendingKey {
            top.entries.append(YAMLMappingEntry(key: key, value: node))
            top.pendingKey = nil
            return
        }
        // Templates and plans only use string keys; a tagged or complex key
        // (`!ImportValue x: y`, `? [a, b]`) is a mistake CloudFormation rejects.
        guard case .scalar(let name, _) = node.content else {
            throw YAMLError("a mapping key must be a string, found \(node.kindName)", at: node.range.start)
        }
        if let tag = node.tag, tag.hasPrefix("!"), tag != "!" {
            throw YAMLError("a mapping key must be a plain string, found a value tagged \(tag)", at: node.range.start)
        }
        try Self.checkDuplicate(name, at: node.range.start, frame: top)
        top.pendingKey = node
        if isSkipped(name) { skipNext = true }
    }

    /// Linear search for small mappings; a dictionary once a mapping grows.
    private static func checkDuplicate(_ key: String, at position: SourcePosition, frame: Frame) throws(YAMLError) {
        if frame.keyIndex == nil, frame.entries.count >= 16 {
            var built: [String: SourcePosition] = [:]
            for entry in frame.entries { if let name = entry.key.scalar { built[name] = entry.key.range.start } }
            frame.keyIndex = built
        }
        let first: SourcePosition?
        if frame.keyIndex != nil {
            first = frame.keyIndex![key]
            if first == nil { frame.keyIndex![key] = position }
        } else {
            first = frame.entries.first(where: { $0.key.scalar == key })?.key.range.start
        }
        if let first {
            throw YAMLError("duplicate key '\(key)' (first defined at line \(first.line), column \(first.column))",
                            at: position, related: first)
        }
    }

    private static func libyamlError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed document"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) \(context)"
        }
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset, not a line: report the offset too.
            return YAMLError("\(message) (byte offset \(parser.problem_offset))",
                             at: SourcePosition(line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1))
        }
        return YAMLError(message, at: position(parser.problem_mark))
    }

    private static func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: mark.line + 1, column: mark.column + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
