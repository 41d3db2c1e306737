extension PropertyValue {
    /// Structural equality, ignoring source ranges.
    public func isEquivalent(to other: PropertyValue) -> Bool {
        switch (kind, other.kind) {
        case (.null, .null), (.availabilityZoneList, .availabilityZoneList): return true
        case (.scalar(let a), .scalar(let b)): return a == b
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.map(let a), .map(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value.isEquivalent(to: $1.value) }
        case (.reference(let a, let x), .reference(let b, let y)): return a == b && x == y
        case (.text(let a), .text(let b)): return a == b
        case (.availabilityZoneIndex(let a), .availabilityZoneIndex(let b)): return a == b
        case (.unknown(let a), .unknown(let b)): return a.symbol != nil && a.symbol == b.symbol
        default: return false
        }
    }

    /// The first unknown inside the value, if any.
    public var firstUnresolved: Unresolved? {
        switch kind {
        case .unknown(let reason): return reason
        case .list(let items):
            for item in items { if let reason = item.firstUnresolved { return reason } }
            return nil
        case .map(let entries):
            for entry in entries { if let reason = entry.value.firstUnresolved { return reason } }
            return nil
        case .text(let text):
            for case .unknown(let reason) in text.segments { return reason }
            return nil
        default:
            return nil
        }
    }

    /// True when the value is known only at deploy time (pseudo parameters,
    /// resource attributes, AZ symbols).
    public var isSymbolic: Bool {
        switch kind {
        case .text, .reference, .availabilityZoneIndex, .availabilityZoneList: return true
        case .list(let items): return items.contains { $0.isSymbolic }
        case .map(let entries): return entries.contains { $0.value.isSymbolic }
        default: return false
        }
    }

    /// A short rendering for messages: what a user wrote, never a raw
    /// internal form.
    public var displayText: String {
        switch kind {
        case .null: return "null"
        case .scalar(let text): return text
        case .list(let items): return "[" + items.map(\.displayText).joined(separator: ", ") + "]"
        case .map: return "a map"
        case .reference(let id, let attribute): return attribute.map { "\(id).\($0)" } ?? id.rawValue
        case .text(let text): return text.description
        case .availabilityZoneIndex(let index): return "Availability Zone \(index) of the Region"
        case .availabilityZoneList: return "the Availability Zones of the Region"
        case .unknown: return "a value not known before deployment"
        }
    }

    /// One of several values a property may take, as a message lists it:
    /// resources by name, literals said to be literals (a bare `false` among
    /// resource names reads like a name).
    public var candidateText: String {
        switch kind {
        case .scalar(let text): return "the literal \(text.isEmpty ? "empty string" : text)"
        case .null: return "no value (null)"
        default: return displayText
        }
    }
}
