/// A property after intrinsic resolution (CloudFormation) or plan-value
/// extraction (Terraform). Typed model fields are read from these trees; the
/// trees are kept on every resource for generic consumers (rule packs).
public struct PropertyValue: Sendable {
    /// The two large payloads are boxed so that a value (most are scalars)
    /// takes 40 bytes instead of 72: every resource keeps its tree.
    public enum Kind: Sendable {
        case null
        /// Strings, numbers and booleans, as their text (`"22"`, `"true"`).
        case scalar(String)
        case list([PropertyValue])
        case map([PropertyEntry])
        /// `Ref` to a declared resource (attribute nil) or `Fn::GetAtt` (attribute set).
        indirect case reference(ResourceID, attribute: String?)
        /// A string with symbolic parts, e.g. `com.amazonaws.${AWS::Region}.ssm`.
        case text(SymbolicText)
        /// `Fn::Select [i, Fn::GetAZs ...]`: the i-th AZ of the stack's Region.
        case availabilityZoneIndex(Int)
        /// `Fn::GetAZs ...`: the AZ list of a Region, length unknown.
        case availabilityZoneList
        indirect case unknown(Unresolved)
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public subscript(key: String) -> PropertyValue? {
        guard case .map(let entries) = kind else { return nil }
        // Lengths first: comparing two different strings of which one is not
        // small went through the standard library's general comparison.
        // By index: a loop over the entries copied each one it passed.
        let length = key.utf8.count
        for index in entries.indices where entries[index].key.utf8.count == length && entries[index].key == key {
            return entries[index].value
        }
        return nil
    }

    public var scalar: String? {
        if case .scalar(let text) = kind { return text }
        return nil
    }

    public var list: [PropertyValue]? {
        if case .list(let items) = kind { return items }
        return nil
    }

    public var entries: [PropertyEntry]? {
        if case .map(let entries) = kind { return entries }
        return nil
    }

    public var unresolved: Unresolved? {
        if case .unknown(let reason) = kind { return reason }
        return nil
    }

    /// Calls `body` with every resource this value names: references, the
    /// references inside a text, and the candidates of an unknown (a value
    /// that is one of several resources).
    public func forEachMention(_ body: (ResourceID) -> Void) {
        switch kind {
        case .reference(let target, _): body(target)
        case .list(let items): for item in items { item.forEachMention(body) }
        case .map(let entries): for entry in entries { entry.value.forEachMention(body) }
        case .text(let text):
            for case .reference(let target, _) in text.segments { body(target) }
        case .unknown(let reason): for candidate in reason.candidates { body(candidate) }
        case .null, .scalar, .availabilityZoneIndex, .availabilityZoneList: break
        }
    }
}

public struct PropertyEntry: Sendable {
    public var key: String
    public var keyRange: SourceRange
    public var value: PropertyValue

    public init(key: String, keyRange: SourceRange, value: PropertyValue) {
        self.key = key
        self.keyRange = keyRange
        self.value = value
    }
}

/// A string made of literal text and symbolic parts that are fixed only at
/// deploy time (pseudo parameters, resource attributes, unknowns).
public struct SymbolicText: Hashable, Sendable, CustomStringConvertible {
    public enum Segment: Hashable, Sendable {
        case literal(String)
        /// `AWS::Region`, `AWS::AccountId`, `AWS::Partition`, …
        case pseudo(String)
        case reference(ResourceID, attribute: String?)
        case unknown(Unresolved)
    }

    public private(set) var segments: [Segment]

    public init(_ segments: [Segment] = []) {
        self.segments = []
        for segment in segments { append(segment) }
    }

    /// Appends, merging adjacent literals.
    public mutating func append(_ segment: Segment) {
        if case .literal(let text) = segment {
            if text.isEmpty { return }
            if case .literal(let previous)? = segments.last {
                segments[segments.count - 1] = .literal(previous + text)
                return
            }
        }
        segments.append(segment)
    }

    public mutating func append(contentsOf other: SymbolicText) {
        for segment in other.segments { append(segment) }
    }

    /// The whole text when it has no symbolic part.
    public var literal: String? {
        if segments.isEmpty { return "" }
        if segments.count == 1, case .literal(let text) = segments[0] { return text }
        return nil
    }

    public var description: String {
        segments.map { segment in
            switch segment {
            case .literal(let text): return text
            case .pseudo(let name): return "${\(name)}"
            case .reference(let id, let attribute): return "${\(id)\(attribute.map { ".\($0)" } ?? "")}"
            case .unknown: return "${?}"
            }
        }.joined()
    }
}
