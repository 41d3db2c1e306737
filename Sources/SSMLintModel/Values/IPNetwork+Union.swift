extension IPNetwork {
    /// True when the networks of `family` together contain every address of
    /// that family (`0.0.0.0/1` + `128.0.0.0/1` is as open as `0.0.0.0/0`).
    public static func unionCoversEverything(_ networks: [IPNetwork], family: Family) -> Bool {
        let width = family == .ipv4 ? 32 : 128
        let last: UInt128 = family == .ipv4 ? (UInt128(1) << 32) - 1 : ~0
        let ranges = networks.filter { $0.family == family }.map { network -> (UInt128, UInt128) in
            let size: UInt128 = network.prefixLength == 0 ? last : ((UInt128(1) << UInt128(width - network.prefixLength)) - 1)
            return (network.address, network.address + size)
        }.sorted { $0.0 < $1.0 }
        var next: UInt128 = 0
        for (start, end) in ranges {
            if start > next { return false }
            if end >= last { return true }
            next = max(next, end + 1)
        }
        return false
    }
}
