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
        guard let network = Self.plainIPv4(text) ?? Self.parsedGenerally(text) else { return nil }
        self = network
    }

    /// Any prefix inet_pton reads, IPv4 or IPv6, with white space around it.
    static func parsedGenerally(_ text: String) -> IPNetwork? {
        let parts = text.trimmingWhitespace.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].allSatisfy({ ("0"..."9").contains($0) }), let length = Int(parts[1]) else { return nil }
        let host = String(parts[0])
        if let v4 = Self.parseIPv4(host) {
            guard (0...32).contains(length) else { return nil }
            return IPNetwork(family: .ipv4, address: UInt128(v4), prefixLength: length)
        } else if let v6 = Self.parseIPv6(host) {
            guard (0...128).contains(length) else { return nil }
            return IPNetwork(family: .ipv6, address: v6, prefixLength: length)
        }
        return nil
    }

    /// `a.b.c.d/n` read by byte, as inet_pton reads the address (four decimal
    /// octets of 0-255, no leading zeros), with a prefix of one to three
    /// digits up to 32. Security group rules are written so, and the general
    /// reading (white space trimmed by Unicode property, splitting by
    /// Character, inet_pton on a C string) cost 8,500 instructions a rule.
    /// Nil for any other text, which the general reading then takes.
    static func plainIPv4(_ text: String) -> IPNetwork? {
        var text = text
        return text.withUTF8 { bytes -> IPNetwork? in
            var address: UInt32 = 0
            var octet: UInt32 = 0
            var digits = 0   // of the octet being read
            var dots = 0
            var index = 0
            while index < bytes.count, bytes[index] != UInt8(ascii: "/") {
                let byte = bytes[index]
                if byte == UInt8(ascii: ".") {
                    guard digits > 0, dots < 3 else { return nil }
                    address = address << 8 | octet
                    dots += 1
                    octet = 0
                    digits = 0
                } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    guard digits == 0 || octet != 0 else { return nil }   // a leading zero
                    octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                    guard octet <= 255 else { return nil }
                    digits += 1
                } else {
                    return nil
                }
                index += 1
            }
            guard index < bytes.count, digits > 0, dots == 3 else { return nil }
            address = address << 8 | octet
            let lengthDigits = bytes[(index + 1)...]
            guard (1...3).contains(lengthDigits.count) else { return nil }
            var length = 0
            for byte in lengthDigits {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                length = length * 10 + Int(byte - UInt8(ascii: "0"))
            }
            guard length <= 32 else { return nil }
            return IPNetwork(family: .ipv4, address: UInt128(address), prefixLength: length)
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
