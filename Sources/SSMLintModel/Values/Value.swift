/// A model value in one of three states. Rules fire only on `known` facts;
/// `unknown` carries the reason so `--show-unresolved` can explain silence;
/// `absent` means the input did not set it, and the documented default applies.
public enum Value<T: Sendable>: Sendable {
    case known(T)
    // Boxed: an unknown value is rare, and its reason (three references)
    // would otherwise widen every `Value` field of every model struct.
    indirect case unknown(Unresolved)
    case absent

    public var known: T? {
        if case .known(let value) = self { return value }
        return nil
    }

    public var unresolved: Unresolved? {
        if case .unknown(let reason) = self { return reason }
        return nil
    }

    public var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }

    /// Applies the documented default when the input left the value unset.
    public func or(_ defaultValue: T) -> Value<T> {
        if case .absent = self { return .known(defaultValue) }
        return self
    }

    public func map<U>(_ transform: (T) -> U) -> Value<U> {
        switch self {
        case .known(let value): return .known(transform(value))
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .absent
        }
    }

    public func flatMap<U>(_ transform: (T) -> Value<U>) -> Value<U> {
        switch self {
        case .known(let value): return transform(value)
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .absent
        }
    }
}

extension Value: Equatable where T: Equatable {}
extension Value: Hashable where T: Hashable {}

/// Why a value could not be determined statically.
public struct Unresolved: Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    /// A stable name for the unknown value when it has one (the parameter name of
    /// a parameter without default), so two uses of it can be recognised as equal.
    public var symbol: String?
    /// True when the value is a route's destination beyond the input (a transit
    /// gateway, a firewall endpoint, a virtual private gateway): the route is
    /// known, only where it leads is not.
    public var leadsBeyondInput: Bool

    /// The resources the value is one of, when it is known to be one of
    /// them (a Terraform conditional between two subnets): a question every
    /// candidate answers the same way is decided.
    public var candidates: [ResourceID]

    public init(_ reason: String, symbol: String? = nil, leadsBeyondInput: Bool = false, candidates: [ResourceID] = []) {
        self.reason = reason
        self.symbol = symbol
        self.leadsBeyondInput = leadsBeyondInput
        self.candidates = candidates
    }

    public var description: String { reason }
}
