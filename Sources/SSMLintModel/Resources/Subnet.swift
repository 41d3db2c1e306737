/// `AWS::EC2::Subnet` / `aws_subnet`.
public struct Subnet: DeclaredResource {
    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var cidrBlock: Value<String>
    public var availabilityZone: Value<AvailabilityZone>
    /// Documented default: false.
    public var mapPublicIpOnLaunch: Value<Bool>
    /// Whether the subnet has an IPv6 CIDR block (dual-stack, or IPv6-only when
    /// `ipv6Native`). Absent: none was given.
    public var hasIPv6CIDR: Value<Bool>
    /// An IPv6-only subnet (`Ipv6Native`, `ipv6_native`). Documented default: false.
    public var ipv6Native: Value<Bool>

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, cidrBlock: Value<String>,
                availabilityZone: Value<AvailabilityZone>, mapPublicIpOnLaunch: Value<Bool>,
                hasIPv6CIDR: Value<Bool> = .absent, ipv6Native: Value<Bool> = .absent) {
        self.hasIPv6CIDR = hasIPv6CIDR
        self.ipv6Native = ipv6Native
        self.info = info
        self.vpc = vpc
        self.cidrBlock = cidrBlock
        self.availabilityZone = availabilityZone
        self.mapPublicIpOnLaunch = mapPublicIpOnLaunch
    }
}

/// A symbolic Availability Zone (docs/how-it-decides.md).
public enum AvailabilityZone: Hashable, Sendable, CustomStringConvertible {
    /// A literal zone name: `ap-northeast-1a`.
    case name(String)
    /// The stack Region plus a letter: `!Sub "${AWS::Region}a"`.
    case regionLetter(String)
    /// The i-th zone of `Fn::GetAZs`.
    case index(Int)
    /// A zone ID: `apne1-az1` (not comparable with names).
    case zoneID(String)
    /// A parameter without default: equal to itself, unknown otherwise.
    case parameter(String)

    public var description: String {
        switch self {
        case .name(let name): return name
        case .regionLetter(let letter): return "${AWS::Region}\(letter)"
        case .index(let index): return "AZ #\(index) of Fn::GetAZs"
        case .zoneID(let id): return id
        case .parameter(let name): return "the AZ of parameter \(name)"
        }
    }

    /// Rewrites a region-relative zone to a literal name once the Region is known.
    public func normalized(region: String?) -> AvailabilityZone {
        if case .regionLetter(let letter) = self, let region { return .name(region + letter) }
        return self
    }

    /// true = same zone, false = different zones, nil = cannot be compared.
    public func isSame(as other: AvailabilityZone, region: String?) -> Bool? {
        switch (normalized(region: region), other.normalized(region: region)) {
        case (.name(let a), .name(let b)): return a == b
        case (.regionLetter(let a), .regionLetter(let b)): return a == b
        case (.index(let a), .index(let b)): return a == b
        case (.zoneID(let a), .zoneID(let b)): return a == b
        case (.parameter(let a), .parameter(let b)): return a == b ? true : nil
        default: return nil
        }
    }
}
