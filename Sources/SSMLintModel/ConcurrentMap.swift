import Dispatch

extension Array where Element: Sendable {
    /// `map` on every core, results in order. Worth it for work that is large
    /// in total (thousands of findings or compute targets);
    /// arrays of up to one chunk are mapped on the calling thread.
    public func concurrentMap<Result: Sendable>(chunk: Int = 256, _ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > chunk else { return map(transform) }
        let chunks = (count + chunk - 1) / chunk
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { part in
                for index in (part * chunk)..<Swift.min(count, (part + 1) * chunk) {
                    (output.baseAddress! + index).initialize(to: transform(self[index]))
                }
            }
            initialized = count
        }
    }
}
