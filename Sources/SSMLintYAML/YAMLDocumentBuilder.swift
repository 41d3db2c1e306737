/// Appends nodes to a new `YAMLDocument`: used by the parser, and by
/// `YAMLNode.init(content:tag:range:)` for the rare node built in code.
/// Nodes are added bottom-up (children before their collection).
struct YAMLDocumentBuilder {
    typealias NodeRecord = YAMLDocument.NodeRecord
    typealias CollectionRecord = YAMLDocument.CollectionRecord

    private let nodes = ChunkedBuffer<NodeRecord>()
    private let collections = ChunkedBuffer<CollectionRecord>()
    private let childSlots = ChunkedBuffer<UInt32>()
    private var interner = ScalarInterner()
    private var tags: [String] = [""]
    private var tagIDs: [String: UInt32] = [:]
    var positions: PositionTable

    init(positions: PositionTable) {
        self.positions = positions
    }

    var nodeCount: Int { nodes.count }

    func record(_ id: UInt32) -> NodeRecord { nodes[Int(id)] }

    func string(_ id: UInt32) -> String { interner.strings[Int(id)] }

    func tag(_ id: UInt32) -> String { tags[Int(id)] }

    /// The id of a tag (0 for none); nil when a document holds more distinct tags than a node can name.
    mutating func tagID(_ tag: String?) -> UInt32? {
        guard let tag else { return 0 }
        if let id = tagIDs[tag] { return id }
        guard UInt32(tags.count) <= NodeRecord.maxTag else { return nil }
        let id = UInt32(tags.count)
        tags.append(tag)
        tagIDs[tag] = id
        return id
    }

    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        interner.intern(bytes)
    }

    mutating func appendScalar(text: UInt32, style: YAMLNode.ScalarStyle, tag: UInt32, start: UInt32, end: UInt32) -> UInt32 {
        append(NodeRecord(kind: NodeRecord.scalarKind, style: style, tag: tag, payload: text, start: start, end: end))
    }

    /// Appends a sequence or mapping whose children are `children` (mapping: key, value, …).
    mutating func appendCollection(isMapping: Bool, tag: UInt32, start: UInt32, end: UInt32,
                                   children: some Collection<UInt32>) -> UInt32 {
        var direct = true
        var previous: UInt32?
        for child in children {
            if let previous, child != previous &+ 1 { direct = false; break }
            previous = child
        }
        let first: UInt32
        if direct {
            first = children.first ?? 0
        } else {
            first = UInt32(childSlots.count)
            for child in children { childSlots.append(child) }
        }
        return appendCollection(isMapping: isMapping, tag: tag, start: start, end: end,
                                collection: CollectionRecord(first: first, slots: UInt32(children.count), direct: direct))
    }

    /// Appends a collection whose children are the consecutive nodes `first..<first+slots`.
    mutating func appendDirectCollection(isMapping: Bool, tag: UInt32, start: UInt32, end: UInt32,
                                         first: UInt32, slots: UInt32) -> UInt32 {
        appendCollection(isMapping: isMapping, tag: tag, start: start, end: end,
                         collection: CollectionRecord(first: first, slots: slots, direct: true))
    }

    private mutating func appendCollection(isMapping: Bool, tag: UInt32, start: UInt32, end: UInt32,
                                           collection: CollectionRecord) -> UInt32 {
        let id = UInt32(collections.count)
        collections.append(collection)
        return append(NodeRecord(kind: isMapping ? NodeRecord.mappingKind : NodeRecord.sequenceKind,
                                 tag: tag, payload: id, start: start, end: end))
    }

    private mutating func append(_ record: NodeRecord) -> UInt32 {
        nodes.append(record)
        return UInt32(nodes.count - 1)
    }

    func finish() -> YAMLDocument {
        var positions = positions
        positions.seal()
        return YAMLDocument(nodes: nodes, collections: collections, childSlots: childSlots,
                            strings: interner.strings, tags: tags, positions: positions)
    }
}
