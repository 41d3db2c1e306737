import CYAML

/// Builds a `YAMLNode` tree from libyaml's event stream. One front end for
/// CloudFormation YAML, CloudFormation JSON and Terraform plan JSON: libyaml
/// accepts JSON, detects UTF-8/UTF-16 byte-order marks, and reports positions.
/// Plain JSON takes a faster reader (`JSONEvents`) that gives the same events.
///
/// The event loop keeps its own stack (no recursion), rejects duplicate
/// mapping keys (libyaml does not; CloudFormation does) and bounds nesting and
/// alias expansion.
public enum YAMLParser {
    /// Parses the first document of `bytes`; returns nil for a stream without
    /// documents (an empty file). A second document is an error. `events`
    /// chooses where libyaml runs; the tree and errors are the same either way.
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = .standard,
                             events production: YAMLEventProduction = .automatic) throws(YAMLError) -> YAMLNode? {
        // Positions are stored as 32-bit character indexes.
        guard bytes.count < Int(UInt32.max) else {
            throw YAMLError("the file is larger than 4 GiB", at: SourcePosition(line: 1, column: 1))
        }
        let outcome: Result<YAMLNode?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            switch production {
            case .automatic where JSONEvents.looksLikeJSON(buffer), .jsonOnly:
                var builder = TreeBuilder(limits: limits)
                let result = builder.build(from: JSONEvents(buffer))
                // Input the JSON reader does not take, and every error, go to
                // libyaml: its tree or error stands. (libyaml decodes ahead, so
                // an invalid byte can stop it before an error the builder
                // finds earlier in the document.)
                if case .success = result { return result }
                if production == .jsonOnly { return result }
            default: break
            }
            var builder = TreeBuilder(limits: limits)
            guard let libyaml = LibYAMLParser(input: buffer) else {
                return .failure(YAMLError("cannot initialise the YAML parser", at: SourcePosition(line: 1, column: 1)))
            }
            #if canImport(Glibc)
            let pipelined = switch production {
            case .automatic, .jsonOnly: buffer.count >= YAMLEventProduction.pipelineThreshold
            case .inline: false
            case .pipelined: true
            }
            if pipelined, let events = PipelinedEvents.start(libyaml) { return builder.build(from: events) }
            #endif
            return builder.build(from: InlineEvents(libyaml))
        }
        return try outcome.get()
    }
}

private struct TreeBuilder {
    let limits: YAMLLimits

    /// An open sequence or mapping.
    private struct Frame {
        static let listItem = UInt32.max
        static let noKey = UInt32.max - 1

        let isMapping: Bool
        let tag: UInt32
        let anchor: String?
        let start: UInt32
        /// The key (a string id, or `listItem`/`noKey`) under which this node sits in its parent.
        let pathKey: UInt32
        /// Children so far: while `direct`, the consecutive nodes from `first`;
        /// otherwise listed in the builder's `pending` stack from `pendingBase`.
        var first: UInt32 = 0
        var slots: UInt32 = 0
        var direct = true
        var pendingBase = 0
        /// The key (a node id) whose value comes next.
        var pendingKey: UInt32?
        /// Keys whose values were skipped: not children, still keys for duplicate detection.
        var skippedKeys: [UInt32] = []
        /// Key text id -> key node, once the mapping is large.
        var keyIndex: [UInt32: UInt32]?
        /// Nodes below this one, counting alias expansions.
        var descendants = 0
        /// Block style (indentation), not flow (`[...]`, `{...}`).
        var isBlock = false
        /// The furthest end of the children so far. A block collection ends
        /// where its last child ends: libyaml's end mark is the start of the
        /// next token, often lines later (after blank lines and comments).
        var childrenEnd: UInt32?

        init(isMapping: Bool, tag: UInt32, anchor: String?, start: UInt32, pathKey: UInt32) {
            self.isMapping = isMapping
            self.tag = tag
            self.anchor = anchor
            self.start = start
            self.pathKey = pathKey
        }

        mutating func append(_ child: UInt32, pending: inout [UInt32]) {
            if slots == 0 {
                first = child
            } else if direct && child != first &+ slots {
                direct = false
                pendingBase = pending.count
                for offset in 0..<slots { pending.append(first + offset) }
            }
            if !direct { pending.append(child) }
            slots += 1
        }

        /// The node ids of this mapping's keys (every other child).
        func keys(_ pending: [UInt32]) -> some Sequence<UInt32> {
            stride(from: 0, to: Int(slots), by: 2).lazy.map { [first, direct, pendingBase] slot in
                direct ? first + UInt32(slot) : pending[pendingBase + slot]
            }
        }
    }

    private var storage = YAMLDocumentBuilder(positions: PositionTable())
    private var stack: [Frame] = []
    private var pending: [UInt32] = []
    private var anchors: [String: (node: UInt32, size: Int)] = [:]
    private var aliasExpansion = 0
    private var root: UInt32?
    private var documents = 0
    /// > 0 while the events of a skipped value are consumed; its nesting depth.
    private var skipping = 0
    private var skipNext = false

    /// `limits.skippedPaths` by length, as text ids (`wildcard` for `*`), so
    /// that checking each key compares numbers, not strings.
    private var skipPatterns: [[[UInt32]]] = []
    private static let wildcard = UInt32.max

    init(limits: YAMLLimits) {
        self.limits = limits
        for pattern in limits.skippedPaths {
            while skipPatterns.count <= pattern.count { skipPatterns.append([]) }
            skipPatterns[pattern.count].append(pattern.map { component in
                if component == "*" { return Self.wildcard }
                var text = component
                return text.withUTF8 { storage.intern($0) }
            })
        }
    }

    mutating func build(from source: some YAMLEventSource) -> Result<YAMLNode?, YAMLError> {
        var events = source
        defer { events.finish() }
        return Result { () throws(YAMLError) in try run(&events) }
    }

    private mutating func run(_ events: inout some YAMLEventSource) throws(YAMLError) -> YAMLNode? {
        while true {
            let event = try events.next()
            if skipNext || skipping > 0 {
                if try consumeSkipped(event) { continue }
            }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root.map { YAMLNode(storage.finish(), $0) }
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLError("the file holds more than one YAML document; a template must be a single document",
                                    at: Self.sourcePosition(event.start_mark))
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = storage.intern(UnsafeBufferPointer(start: scalar.value, count: scalar.length))
                let node = storage.appendScalar(
                    text: text, style: Self.style(scalar.style), tag: try tagID(scalar.tag, event.start_mark),
                    start: position(event.start_mark), end: position(event.end_mark))
                try add(node, size: 1, anchor: Self.string(scalar.anchor))
            case YAML_SEQUENCE_START_EVENT:
                let start = event.data.sequence_start
                try push(isMapping: false, tag: start.tag, anchor: start.anchor, mark: event.start_mark,
                         isBlock: start.style == YAML_BLOCK_SEQUENCE_STYLE)
            case YAML_MAPPING_START_EVENT:
                let start = event.data.mapping_start
                try push(isMapping: true, tag: start.tag, anchor: start.anchor, mark: event.start_mark,
                         isBlock: start.style == YAML_BLOCK_MAPPING_STYLE)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try closeCollection(end: position(event.end_mark))
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard let anchored = anchors[name] else {
                    throw YAMLError("alias *\(name) refers to an unknown anchor", at: Self.sourcePosition(event.start_mark))
                }
                aliasExpansion += anchored.size
                if aliasExpansion > limits.maxAliasExpansion {
                    throw YAMLError("aliases expand to more than \(limits.maxAliasExpansion) nodes; refusing to expand further",
                                    at: Self.sourcePosition(event.start_mark))
                }
                try add(anchored.node, size: anchored.size, anchor: nil)
            default:
                continue
            }
        }
    }

    /// Consumes one event of a skipped value; returns false when the event is
    /// not part of it (never, by construction, but keeps the loop honest). The
    /// nesting limit holds here too: libyaml's own work per event grows with
    /// the depth, so an unbounded skipped value would take quadratic time.
    private mutating func consumeSkipped(_ event: yaml_event_t) throws(YAMLError) -> Bool {
        switch event.type {
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            skipNext = false
            skipping += 1
            if stack.count + skipping > limits.maxDepth {
                throw YAMLError("nesting deeper than \(limits.maxDepth) levels", at: Self.sourcePosition(event.start_mark))
            }
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            skipping -= 1
        case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT:
            skipNext = false
        default:
            return false
        }
        if skipping == 0 && !skipNext, !stack.isEmpty, let key = stack[stack.count - 1].pendingKey {
            stack[stack.count - 1].skippedKeys.append(key)
            stack[stack.count - 1].pendingKey = nil
        }
        return true
    }

    /// True when the value about to follow the key (a text id) in the top mapping is to be skipped.
    private func isSkipped(_ key: UInt32) -> Bool {
        let depth = stack.count
        guard depth < skipPatterns.count else { return false }
        return skipPatterns[depth].contains { pattern in
            for index in 0..<depth where pattern[index] != Self.wildcard {
                let actual = index + 1 < depth ? stack[index + 1].pathKey : key
                if pattern[index] != actual { return false }
            }
            return true
        }
    }

    private mutating func push(isMapping: Bool, tag: UnsafeMutablePointer<yaml_char_t>?, anchor: UnsafeMutablePointer<yaml_char_t>?,
                               mark: yaml_mark_t, isBlock: Bool) throws(YAMLError) {
        if stack.count >= limits.maxDepth {
            throw YAMLError("nesting deeper than \(limits.maxDepth) levels", at: Self.sourcePosition(mark))
        }
        var pathKey = Frame.noKey
        if let parent = stack.last {
            if !parent.isMapping {
                pathKey = Frame.listItem
            } else if let key = parent.pendingKey {
                pathKey = storage.record(key).payload
            }
        }
        var frame = Frame(isMapping: isMapping, tag: try tagID(tag, mark), anchor: Self.string(anchor),
                          start: position(mark), pathKey: pathKey)
        frame.isBlock = isBlock
        stack.append(frame)
    }

    private mutating func closeCollection(end: UInt32) throws(YAMLError) {
        guard let frame = stack.popLast() else { return }
        let end = frame.isBlock ? frame.childrenEnd ?? end : end
        let node: UInt32
        if frame.direct {
            node = storage.appendDirectCollection(isMapping: frame.isMapping, tag: frame.tag, start: frame.start, end: end,
                                                  first: frame.first, slots: frame.slots)
        } else {
            node = storage.appendCollection(isMapping: frame.isMapping, tag: frame.tag, start: frame.start, end: end,
                                            children: pending[frame.pendingBase...])
            pending.removeSubrange(frame.pendingBase...)
        }
        try add(node, size: frame.descendants + 1, anchor: frame.anchor)
    }

    /// Attaches a finished node to its parent (or makes it the document root).
    private mutating func add(_ node: UInt32, size: Int, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = (node, size) }
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        stack[top].descendants += size
        let childEnd = storage.record(node).end
        stack[top].childrenEnd = max(stack[top].childrenEnd ?? childEnd, childEnd)
        guard stack[top].isMapping else {
            stack[top].append(node, pending: &pending)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].append(key, pending: &pending)
            stack[top].append(node, pending: &pending)
            stack[top].pendingKey = nil
            return
        }
        // Templates and plans only use string keys; a tagged or complex key
        // (`!ImportValue x: y`, `? [a, b]`) is a mistake CloudFormation rejects.
        let record = storage.record(node)
        guard record.kind == YAMLDocument.NodeRecord.scalarKind else {
            let kind = record.kind == YAMLDocument.NodeRecord.sequenceKind ? "a list" : "a mapping"
            throw YAMLError("a mapping key must be a string, found \(kind)", at: storage.positions.position(record.start))
        }
        if record.tag != 0, case let tag = storage.tag(record.tag), tag.hasPrefix("!"), tag != "!" {
            throw YAMLError("a mapping key must be a plain string, found a value tagged \(tag)", at: storage.positions.position(record.start))
        }
        try checkDuplicate(node, text: record.payload, at: record.start)
        stack[top].pendingKey = node
        if isSkipped(record.payload) { skipNext = true }
    }

    /// Linear search for small mappings; a dictionary once a mapping grows.
    private mutating func checkDuplicate(_ key: UInt32, text: UInt32, at start: UInt32) throws(YAMLError) {
        let top = stack.count - 1
        var first: UInt32?
        if stack[top].keyIndex == nil, stack[top].slots >= 32 {
            var built: [UInt32: UInt32] = [:]
            for existing in stack[top].keys(pending) + stack[top].skippedKeys { built[storage.record(existing).payload] = existing }
            stack[top].keyIndex = built
        }
        if stack[top].keyIndex != nil {
            first = stack[top].keyIndex![text]
            if first == nil { stack[top].keyIndex![text] = key }
        } else {
            first = stack[top].keys(pending).first { storage.record($0).payload == text }
                ?? stack[top].skippedKeys.first { storage.record($0).payload == text }
        }
        if let first {
            let firstPosition = storage.positions.position(storage.record(first).start)
            throw YAMLError("duplicate key '\(storage.string(text))' (first defined at line \(firstPosition.line), column \(firstPosition.column))",
                            at: storage.positions.position(start), related: firstPosition)
        }
    }

    private mutating func tagID(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ mark: yaml_mark_t) throws(YAMLError) -> UInt32 {
        guard let id = storage.tagID(Self.string(pointer)) else {
            throw YAMLError("the document uses too many distinct tags", at: Self.sourcePosition(mark))
        }
        return id
    }

    private mutating func position(_ mark: yaml_mark_t) -> UInt32 {
        storage.positions.record(index: UInt32(truncatingIfNeeded: mark.index), line: UInt32(truncatingIfNeeded: mark.line),
                                 column: UInt32(truncatingIfNeeded: mark.column))
    }

    private static func sourcePosition(_ mark: yaml_mark_t) -> SourcePosition {
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
