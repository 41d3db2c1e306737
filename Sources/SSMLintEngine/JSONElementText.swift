/// One lazy-array element's text while the serialiser writes it, in storage
/// grown by hand. Appended to an Array, every byte cost a call that checks the
/// array's uniqueness and its capacity, and every run of bytes went through
/// the generic sequence copy: a third of a large report's serialisation.
struct JSONElementText: JSONOutput {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        storage[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (storage + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// The text as an array; the storage is freed, and the value must not be used again.
    mutating func finish() -> [UInt8] {
        let text = [UInt8](UnsafeBufferPointer(start: storage, count: count))
        storage.deallocate()
        capacity = 0
        count = 0
        return text
    }

    private mutating func grow(toHold needed: Int) {
        let larger = Swift.max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: storage, count: count)
        storage.deallocate()
        storage = moved
        capacity = larger
    }
}
