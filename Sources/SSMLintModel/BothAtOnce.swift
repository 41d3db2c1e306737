import Dispatch

/// `first()` and `second()`, on two threads when `concurrently`: the loaders
/// and the analysis split a large input's work in two independent halves.
public func bothAtOnce<First: Sendable, Second: Sendable>(
    concurrently: Bool, _ first: @Sendable () -> First, _ second: @Sendable () -> Second
) -> (First, Second) {
    guard concurrently else { return (first(), second()) }
    nonisolated(unsafe) var firstResult: First?
    nonisolated(unsafe) var secondResult: Second?
    // Each iteration writes only its own variable; concurrentPerform returns once both have.
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { firstResult = first() } else { secondResult = second() }
    }
    return (firstResult!, secondResult!)
}

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
