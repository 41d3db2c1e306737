import Foundation

/// Values derived from one input and shared by the rules that run on it,
/// each made by the first rule that asks (under a lock: inputs are scanned in
/// parallel, and a rule may run on any thread).
public final class DerivedValues: @unchecked Sendable {
    private var values: [String: any Sendable] = [:]
    private let lock = NSLock()

    public init() {}

    /// The value stored under `key`, made by `make` the first time.
    public func value<T: Sendable>(_ key: String, _ make: () -> T) -> T {
        lock.withLock {
            if let known = values[key] as? T { return known }
            let made = make()
            values[key] = made
            return made
        }
    }
}
