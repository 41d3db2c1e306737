#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 prefix with real address arithmetic (inet_pton parses the
/// address, so `::/0`, `0::0/0` and fully written-out forms are all understood).
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    public enum Family: Sendable { case ipv4, ipv6 }

    public let family: Family
    /// The address as a 128-bit number (IPv4 in the low 32 bits), host bits cleared.
    public let address: UInt128
    public let prefixLength: Int

    /// Parses `10.0.0.0/16` or `::/0`. White space around the whole text is
    /// ignored on both sides, as in `" 0.0.0.0/0"` and `"0.0.0.0/0 "` alike.
    public init?(_ text: String) {
        let parts = text.trimmingWhitespace.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].allSatisfy({ ("0"..."9").contains($0) }), let length = Int(parts[1]) else { return nil }
        let host = String(parts[0])
        if let v4 = Self.parseIPv4(host) {
            guard (0...32).contains(length) else { return nil }
            self.init(family: .ipv4, address: UInt128(v4), prefixLength: length)
        } else if let v6 = Self.parseIPv6(host) {
            guard (0...128).contains(length) else { return nil }
            self.init(family: .ipv6, address: v6, prefixLength: length)
        } else {
            return nil
        }
    }

    public init(family: Family, address: UInt128, prefixLength: Int) {
        self.family = family
        self.prefixLength = prefixLength
        self.address = address & Self.mask(family: family, prefixLength: prefixLength)
    }

    private var width: Int { family == .ipv4 ? 32 : 128 }

    /// A zero-length prefix: the whole address space of its family.
    public var isEverything: Bool { prefixLength == 0 }

    /// True when every address of `other` lies in this network.
    public func contains(_ other: IPNetwork) -> Bool {
        guard family == other.family, other.prefixLength >= prefixLength else { return false }
        return other.address & Self.mask(family: family, prefixLength: prefixLength) == address
    }

    /// True when the two networks share at least one address.
    public func overlaps(_ other: IPNetwork) -> Bool {
        contains(other) || other.contains(self)
    }

    /// `Fn::Cidr`: `count` consecutive subnets with `hostBits` host bits each.
    public func subdivide(count: Int, hostBits: Int) -> [IPNetwork]? {
        // Both come from the template: check their range before any arithmetic.
        guard count > 0, count <= 256, (0...width).contains(hostBits) else { return nil }
        let newLength = width - hostBits
        guard newLength >= prefixLength else { return nil }
        let available = newLength - prefixLength
        if available < 63 && (1 << available) < count { return nil }
        return (0..<count).map { index in
            IPNetwork(family: family, address: address + (UInt128(index) << UInt128(hostBits)), prefixLength: newLength)
        }
    }

    public var description: String {
        switch family {
        case .ipv4:
            let value = UInt32(truncatingIfNeeded: address)
            return "\(value >> 24).\((value >> 16) & 255).\((value >> 8) & 255).\(value & 255)/\(prefixLength)"
        case .ipv6:
            var groups: [String] = []
            for index in stride(from: 7, through: 0, by: -1) {
                groups.append(String(UInt16(truncatingIfNeeded: address >> UInt128(index * 16)), radix: 16))
            }
            return groups.joined(separator: ":") + "/\(prefixLength)"
        }
    }

    private static func mask(family: Family, prefixLength: Int) -> UInt128 {
        let width = family == .ipv4 ? 32 : 128
        if prefixLength == 0 { return 0 }
        let all: UInt128 = width == 128 ? ~0 : (UInt128(1) << 32) - 1
        return (all << UInt128(width - prefixLength)) & all
    }

    private static func parseIPv4(_ text: String) -> UInt32? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return UInt32(bigEndian: address.s_addr)
    }

    private static func parseIPv6(_ text: String) -> UInt128? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { bytes in
            bytes.reduce(UInt128(0)) { ($0 << 8) | UInt128($1) }
        }
    }
}

extension String {
    /// The string without leading and trailing spaces (no Foundation needed).
    public var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }

    /// The string without leading and trailing spaces, tabs and line breaks
    /// (a YAML block scalar ends with a line break).
    public var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
