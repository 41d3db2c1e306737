import Foundation

/// Values the process keeps until it exits instead of freeing them.
///
/// A large input's model, analysis and findings are millions of small
/// allocations. On a 17,000-resource template, freeing the model and analysis
/// one object at a time took about 40 ms of a 700 ms scan, and freeing the
/// findings after the report was written another 50 ms before the process
/// could exit. When nothing would reuse that memory, the system taking back
/// the whole address space at exit is the faster way. (Freeing on a
/// background thread instead slowed the report's rendering as much: both
/// threads contend for the allocator.)
enum KeptUntilExit {
    private static let values = Values()

    static func keep<Value: Sendable>(_ value: Value) {
        values.append(value)
    }

    private final class Values: @unchecked Sendable {
        private var storage: [any Sendable] = []
        private let lock = NSLock()
        func append(_ value: any Sendable) { lock.withLock { storage.append(value) } }
    }
}
