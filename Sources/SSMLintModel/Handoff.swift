/// A value handed whole to the thread that changes it: taken out of the
/// handoff, it has one owner, so changing it copies nothing. Taken once.
public final class Handoff<Value>: @unchecked Sendable {
    private var value: Value?

    public init(_ value: consuming Value) { self.value = value }

    public func take() -> Value {
        guard let value = value.take() else { preconditionFailure("a handoff is taken once") }
        return value
    }
}
