extension AvailabilityZone {
    /// The Region a zone name belongs to: `ap-northeast-1a` -> `ap-northeast-1`;
    /// Local and Wavelength Zones (`us-west-2-lax-1a`, `us-east-1-wl1-bos-wlz-1`)
    /// belong to the Region their name starts with. Nil for anything else
    /// (zone IDs such as `apne1-az1`, Region names).
    public static func region(ofZoneName zone: String) -> String? {
        let parts = zone.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[0].count == 2, parts[0].allSatisfy(\.isLowercaseASCIILetter) else { return nil }
        for index in 1..<parts.count {
            let part = parts[index]
            let digits = part.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else {
                guard !part.isEmpty, part.allSatisfy(\.isLowercaseASCIILetter) else { return nil }
                continue
            }
            guard index >= 2 else { return nil }
            let suffix = part.dropFirst(digits.count)
            let region = (parts[..<index] + [String(digits)]).joined(separator: "-")
            if suffix.count == 1, suffix.allSatisfy(\.isLowercaseASCIILetter), index == parts.count - 1 { return region }
            if suffix.isEmpty, index < parts.count - 1 { return region }
            return nil
        }
        return nil
    }
}

private extension Character {
    var isLowercaseASCIILetter: Bool { isASCII && isLowercase && isLetter }
}
