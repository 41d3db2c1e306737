/// One node of a parsed YAML (or JSON) document, with its tag and source range.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLMappingEntry])
    }

    public enum ScalarStyle: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded

        /// Quoted and block scalars are always strings; only plain scalars can be
        /// null, booleans or numbers.
        public var isPlain: Bool { self == .plain }
    }

    public var content: Content
    /// The resolved tag (`!Ref`, `!GetAtt`, `tag:yaml.org,2002:str`), nil when implicit.
    public var tag: String?
    public var range: SourceRange

    public init(content: Content, tag: String?, range: SourceRange) {
        self.content = content
        self.tag = tag
        self.range = range
    }

    public var scalar: String? {
        if case .scalar(let value, _) = content { return value }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLMappingEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// A plain, untagged `null`, `~` or empty scalar.
    public var isNull: Bool {
        guard tag == nil, case .scalar(let value, .plain) = content else { return false }
        return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }

    /// The value for a scalar key in a mapping (linear; mappings in templates are small).
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = content else { return nil }
        for entry in entries where entry.key.scalar == key { return entry.value }
        return nil
    }

    /// The entry (key and value) for a scalar key.
    public func entry(_ key: String) -> YAMLMappingEntry? {
        guard case .mapping(let entries) = content else { return nil }
        return entries.first { $0.key.scalar == key }
    }

    public var kindName: String {
        switch content {
        case .scalar: return "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
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
