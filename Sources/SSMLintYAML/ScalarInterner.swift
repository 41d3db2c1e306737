#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives every distinct scalar text one id, so a document stores each text
/// once however often it repeats (the keys of a plan's 20,000 resources, the
/// `true`s and `null`s of a large list). The table lives only while parsing;
/// the document keeps the strings.
struct ScalarInterner {
    private(set) var strings: [String] = []
    /// Open addressing: string id + 1, 0 for an empty slot.
    private var slots: [UInt32] = Array(repeating: 0, count: 64)
    /// The hash of each string, by id, so that growing never rehashes text.
    private var hashes: [UInt32] = []

    /// The id of `bytes` (valid UTF-8 from libyaml), adding it when new.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot] - 1)
            if hashes[id] == hash && Self.equal(strings[id], bytes) { return UInt32(id) }
            slot = (slot + 1) & mask
        }
        let id = UInt32(strings.count)
        strings.append(String(decoding: bytes, as: UTF8.self))
        hashes.append(hash)
        slots[slot] = id + 1
        if strings.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        var larger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = UInt32(id + 1)
        }
        slots = larger
    }

    /// FNV-1a: short keys and values dominate, where it is as good as any.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }

    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var string = string
        return string.withUTF8 { stored in
            stored.count == bytes.count && (bytes.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
    }
}
