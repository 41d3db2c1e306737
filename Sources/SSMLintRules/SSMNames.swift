import SSMLintKit

/// DNS names of the Systems Manager services, and the zones that serve them.
enum SSMNames {
    /// True when a private hosted zone named `zone` serves, or is a parent of,
    /// `ssm|ssmmessages|ec2messages.<region>.amazonaws.com`. Without a known
    /// Region any Region label counts.
    static func isServedZone(_ zone: String, region: String?) -> Bool {
        let labels = HostedZone.normalize(zone).split(separator: ".").map(String.init)
        guard labels.suffix(2) == ["amazonaws", "com"] || labels == ["com"] else { return false }
        switch labels.count {
        case 1, 2: return true                                  // com, amazonaws.com
        case 3: return region.map { labels[0] == $0 } ?? isRegionName(labels[0])
        case 4:
            guard SSMService(rawValue: labels[0]) != nil else { return false }
            return region.map { labels[1] == $0 } ?? isRegionName(labels[1])
        default: return false
        }
    }

    /// `ap-northeast-1`, `us-gov-west-1`, `cn-north-1`.
    static func isRegionName(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count >= 3, let last = parts.last, last.allSatisfy(\.isNumber) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isLetter) }
    }
}
