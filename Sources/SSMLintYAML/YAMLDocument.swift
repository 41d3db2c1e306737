/// The storage behind `YAMLNode`s: one 16-byte record per node, child lists,
/// interned scalar texts and tags, and a position table. A template or plan of
/// millions of nodes costs a few allocations instead of one or more per node,
/// and each repeated key or value is stored once.
final class YAMLDocument: @unchecked Sendable {
    // @unchecked: built by one parser (or `YAMLNode.init`), never changed after.

    /// One node. `header` packs the kind (2 bits), the scalar style (3 bits) and
    /// the tag id (0: no tag); `payload` is a string id (scalars) or a
    /// collection id; `start`/`end` are position ids.
    struct NodeRecord: BitwiseCopyable {
        var header: UInt32
        var payload: UInt32
        var start: UInt32
        var end: UInt32

        static let scalarKind: UInt32 = 0
        static let sequenceKind: UInt32 = 1
        static let mappingKind: UInt32 = 2
        static let maxTag = UInt32.max >> 5

        init(kind: UInt32, style: YAMLNode.ScalarStyle = .plain, tag: UInt32, payload: UInt32, start: UInt32, end: UInt32) {
            header = kind | UInt32(style.rawValue) << 2 | tag << 5
            self.payload = payload
            self.start = start
            self.end = end
        }

        var kind: UInt32 { header & 3 }
        var style: YAMLNode.ScalarStyle { YAMLNode.ScalarStyle(rawValue: UInt8(header >> 2 & 7)) ?? .plain }
        var tag: UInt32 { header >> 5 }
    }

    /// The children of a sequence (items) or mapping (key, value, key, value…).
    /// `direct`: the children are the nodes `first..<first+slots` themselves
    /// (the common case of scalar items, which libyaml completes one after
    /// another); otherwise they are listed in `childSlots` from `first`.
    struct CollectionRecord: BitwiseCopyable {
        var first: UInt32
        private var packedSlots: UInt32

        init(first: UInt32, slots: UInt32, direct: Bool) {
            self.first = first
            packedSlots = slots | (direct ? 1 << 31 : 0)
        }

        var slots: Int { Int(packedSlots & ~(1 << 31)) }
        var direct: Bool { packedSlots >> 31 == 1 }
    }

    let nodes: ChunkedBuffer<NodeRecord>
    let collections: ChunkedBuffer<CollectionRecord>
    let childSlots: ChunkedBuffer<UInt32>
    let strings: [String]
    /// Tag texts; id 0 is "no tag".
    let tags: [String]
    let positions: PositionTable

    init(nodes: ChunkedBuffer<NodeRecord>, collections: ChunkedBuffer<CollectionRecord>, childSlots: ChunkedBuffer<UInt32>,
         strings: [String], tags: [String], positions: PositionTable) {
        self.nodes = nodes
        self.collections = collections
        self.childSlots = childSlots
        self.strings = strings
        self.tags = tags
        self.positions = positions
    }

    /// A document with no nodes, behind empty `YAMLSequence`/`YAMLMapping` literals.
    static let empty = YAMLDocument(
        nodes: ChunkedBuffer(), collections: ChunkedBuffer(), childSlots: ChunkedBuffer(),
        strings: [], tags: [""], positions: PositionTable.explicitPositions())

    /// The node id of a collection's `slot`-th child.
    func child(_ collection: CollectionRecord, _ slot: Int) -> UInt32 {
        precondition(slot >= 0 && slot < collection.slots, "child index out of range")
        return collection.direct ? collection.first + UInt32(slot) : childSlots[Int(collection.first) + slot]
    }

    func range(_ record: NodeRecord) -> SourceRange {
        SourceRange(start: positions.position(record.start), end: positions.position(record.end))
    }
}
