/// One node of a parsed YAML (or JSON) document, with its tag and source
/// range: a handle into the document's compact storage (`YAMLDocument`), so
/// copying a node or a list of nodes copies no text and no children.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence(YAMLSequence)
        case mapping(YAMLMapping)
    }

    public enum ScalarStyle: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded

        /// Quoted and block scalars are always strings; only plain scalars can be
        /// null, booleans or numbers.
        public var isPlain: Bool { self == .plain }
    }

    let document: YAMLDocument
    let id: UInt32
    /// Set when the tag was removed (`node.tag = nil`), e.g. to read a
    /// short-form function's argument as a plain value.
    private var tagRemoved = false

    init(_ document: YAMLDocument, _ id: UInt32) {
        self.document = document
        self.id = id
    }

    private var record: YAMLDocument.NodeRecord { document.nodes[Int(id)] }

    public var content: Content {
        let record = record
        switch record.kind {
        case YAMLDocument.NodeRecord.scalarKind:
            return .scalar(document.strings[Int(record.payload)], record.style)
        case YAMLDocument.NodeRecord.sequenceKind:
            return .sequence(YAMLSequence(document, document.collections[Int(record.payload)]))
        default:
            return .mapping(YAMLMapping(document, document.collections[Int(record.payload)]))
        }
    }

    /// The resolved tag (`!Ref`, `!GetAtt`, `tag:yaml.org,2002:str`), nil when implicit.
    public var tag: String? {
        get {
            let tag = record.tag
            return tag == 0 || tagRemoved ? nil : document.tags[Int(tag)]
        }
        set {
            if newValue == nil {
                tagRemoved = true
            } else if newValue != tag {
                self = YAMLNode(content: content, tag: newValue, range: range)
            }
        }
    }

    public var range: SourceRange { document.range(record) }

    public var scalar: String? {
        let record = record
        guard record.kind == YAMLDocument.NodeRecord.scalarKind else { return nil }
        return document.strings[Int(record.payload)]
    }

    public var sequence: YAMLSequence? {
        let record = record
        guard record.kind == YAMLDocument.NodeRecord.sequenceKind else { return nil }
        return YAMLSequence(document, document.collections[Int(record.payload)])
    }

    public var mapping: YAMLMapping? {
        let record = record
        guard record.kind == YAMLDocument.NodeRecord.mappingKind else { return nil }
        return YAMLMapping(document, document.collections[Int(record.payload)])
    }

    /// A plain, untagged `null`, `~` or empty scalar.
    public var isNull: Bool {
        let record = record
        guard record.kind == YAMLDocument.NodeRecord.scalarKind, record.style == .plain, tag == nil else { return false }
        let value = document.strings[Int(record.payload)]
        return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }

    /// The value for a scalar key in a mapping (linear; mappings in templates are small).
    public subscript(key: String) -> YAMLNode? {
        entry(key)?.value
    }

    /// The entry (key and value) for a scalar key.
    public func entry(_ key: String) -> YAMLMappingEntry? {
        let record = record
        guard record.kind == YAMLDocument.NodeRecord.mappingKind else { return nil }
        let collection = document.collections[Int(record.payload)]
        let length = key.utf8.count
        for index in stride(from: 0, to: collection.slots, by: 2) {
            let keyID = document.child(collection, index)
            let keyRecord = document.nodes[Int(keyID)]
            guard keyRecord.kind == YAMLDocument.NodeRecord.scalarKind else { continue }
            let text = document.strings[Int(keyRecord.payload)]
            // The length first: most keys differ in it, and it is cheaper than comparing text.
            guard text.utf8.count == length, text == key else { continue }
            return YAMLMappingEntry(key: YAMLNode(document, keyID), value: YAMLNode(document, document.child(collection, index + 1)))
        }
        return nil
    }

    public var kindName: String {
        switch record.kind {
        case YAMLDocument.NodeRecord.scalarKind: return "a scalar"
        case YAMLDocument.NodeRecord.sequenceKind: return "a list"
        default: return "a mapping"
        }
    }
}

/// The items of a sequence node.
public struct YAMLSequence: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    let document: YAMLDocument
    let collection: YAMLDocument.CollectionRecord

    init(_ document: YAMLDocument, _ collection: YAMLDocument.CollectionRecord) {
        self.document = document
        self.collection = collection
    }

    /// `[]`: no items (`node.sequence ?? []`).
    public init(arrayLiteral elements: Never...) {
        self.init(.empty, YAMLDocument.CollectionRecord(first: 0, slots: 0, direct: true))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { collection.slots }

    public subscript(index: Int) -> YAMLNode {
        YAMLNode(document, document.child(collection, index))
    }
}

/// The entries of a mapping node, in document order.
public struct YAMLMapping: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    let document: YAMLDocument
    let collection: YAMLDocument.CollectionRecord

    init(_ document: YAMLDocument, _ collection: YAMLDocument.CollectionRecord) {
        self.document = document
        self.collection = collection
    }

    /// `[:]`-like empty mapping for `node.mapping ?? []`.
    public init(arrayLiteral elements: Never...) {
        self.init(.empty, YAMLDocument.CollectionRecord(first: 0, slots: 0, direct: true))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { collection.slots / 2 }

    public subscript(index: Int) -> YAMLMappingEntry {
        YAMLMappingEntry(key: YAMLNode(document, document.child(collection, 2 * index)),
                         value: YAMLNode(document, document.child(collection, 2 * index + 1)))
    }
}

public struct YAMLMappingEntry: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
