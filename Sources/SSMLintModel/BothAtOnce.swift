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
