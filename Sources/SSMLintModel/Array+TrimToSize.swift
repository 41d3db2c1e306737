extension Array {
    /// Copies the elements into a buffer of their size when more than a
    /// sixteenth of the current one stands empty.
    public mutating func trimToSize() {
        guard capacity > count + count / 16 else { return }
        let elements = self
        self = []
        self = Array(unsafeUninitializedCapacity: elements.count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: elements)
        }
    }
}
