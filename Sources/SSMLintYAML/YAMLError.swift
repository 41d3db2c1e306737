@_exported import SSMLintSource

/// A problem in a YAML or JSON document, located for a one-line diagnostic.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var position: SourcePosition
    /// The other place involved, e.g. the first occurrence of a duplicate key.
    public var relatedPosition: SourcePosition?

    public init(_ message: String, at position: SourcePosition, related: SourcePosition? = nil) {
        self.message = message
        self.position = position
        self.relatedPosition = related
    }

    public var description: String { "\(position): \(message)" }
}

/// Bounds that keep hostile documents from exhausting memory, time or stack.
public struct YAMLLimits: Sendable {
    /// Maximum nesting of sequences and mappings.
    public var maxDepth: Int
    /// Maximum number of nodes that aliases may add by expansion ("billion laughs").
    public var maxAliasExpansion: Int

    /// Key paths whose values are parsed (and checked) but not kept: parts of
    /// large documents nobody reads. `*` matches any key or list index.
    public var skippedPaths: [[String]]

    public init(maxDepth: Int = 256, maxAliasExpansion: Int = 100_000, skippedPaths: [[String]] = []) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.skippedPaths = skippedPaths
    }

    public static let standard = YAMLLimits()
}
