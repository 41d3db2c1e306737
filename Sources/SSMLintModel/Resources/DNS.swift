/// `AWS::Route53::HostedZone` / `aws_route53_zone`. Private iff associated with VPCs.
public struct HostedZone: DeclaredResource {
    public var info: ResourceInfo
    /// The zone name without the trailing dot, lower-cased.
    public var name: Value<String>
    public var vpcs: [Value<ResourceRef>]

    public init(info: ResourceInfo, name: Value<String>, vpcs: [Value<ResourceRef>]) {
        self.info = info
        self.name = name
        self.vpcs = vpcs
    }

    public var isPrivate: Bool { !vpcs.isEmpty }

    /// The label that stands for the deployment Region in a name written with
    /// `${AWS::Region}` when the Region is not known (already normalised).
    public static let deploymentRegionLabel = "${aws::region}"

    /// A normalised name as users wrote it (`${AWS::Region}` for the deployment Region).
    public static func display(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false)
            .map { $0 == deploymentRegionLabel ? "${AWS::Region}" : String($0) }
            .joined(separator: ".")
    }

    /// Normalises a DNS name: lower case, no trailing dot.
    public static func normalize(_ name: String) -> String {
        var text = name.lowercased()
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// True when this zone's name is `name` or a parent domain of it.
    public func serves(_ name: String) -> Value<Bool> {
        self.name.map { zone in
            let zone = Self.normalize(zone)
            let target = Self.normalize(name)
            return target == zone || target.hasSuffix("." + zone)
        }.or(false)
    }
}

/// `AWS::EC2::DHCPOptions` / `aws_vpc_dhcp_options`.
public struct DHCPOptions: DeclaredResource {
    public var info: ResourceInfo
    /// Absent: AmazonProvidedDNS.
    public var domainNameServers: Value<[Value<String>]>

    public init(info: ResourceInfo, domainNameServers: Value<[Value<String>]>) {
        self.info = info
        self.domainNameServers = domainNameServers
    }

    /// True when the set names resolvers other than the Amazon resolver.
    public var usesCustomResolvers: Value<Bool> {
        switch domainNameServers {
        case .absent: return .known(false)
        case .unknown(let reason): return .unknown(reason)
        case .known(let servers):
            var pending: Unresolved?
            for server in servers {
                switch server {
                case .known(let name): if name != "AmazonProvidedDNS" { return .known(true) }
                case .unknown(let reason): pending = reason
                case .absent: break
                }
            }
            if let pending { return .unknown(pending) }
            return .known(false)
        }
    }
}

/// `AWS::EC2::VPCDHCPOptionsAssociation` / `aws_vpc_dhcp_options_association`.
public struct DHCPOptionsAssociation: DeclaredResource {
    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var dhcpOptions: Value<ResourceRef>

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, dhcpOptions: Value<ResourceRef>) {
        self.info = info
        self.vpc = vpc
        self.dhcpOptions = dhcpOptions
    }
}

/// `AWS::Route53::RecordSet` (also each entry of a `RecordSetGroup`) / `aws_route53_record`.
public struct DNSRecord: Sendable {
    /// The declaring resource.
    public var carrier: ResourceID
    public var location: SourceLocation
    /// The zone, by reference (HostedZoneId) or by name (HostedZoneName).
    public var zone: Value<ResourceRef>
    public var zoneName: Value<String>
    /// The record name, normalised (lower case, no trailing dot).
    public var name: Value<String>
    public var type: Value<String>
    /// The alias target's DNS name; a reference when it points at a resource (an endpoint's DnsEntries).
    public var aliasTarget: Value<SymbolicText>?
    /// `ResourceRecords` / `records` of a plain record (a CNAME to an endpoint's DNS name, A addresses).
    public var values: Value<[Value<SymbolicText>]>
    public var condition: String?

    public init(carrier: ResourceID, location: SourceLocation, zone: Value<ResourceRef>, zoneName: Value<String>,
                name: Value<String>, type: Value<String>, aliasTarget: Value<SymbolicText>?,
                values: Value<[Value<SymbolicText>]> = .absent, condition: String? = nil) {
        self.carrier = carrier
        self.location = location
        self.zone = zone
        self.zoneName = zoneName
        self.name = name
        self.type = type
        self.aliasTarget = aliasTarget
        self.values = values
        self.condition = condition
    }
}

/// Something besides private hosted zones that answers DNS queries in a VPC:
/// a Route 53 Profile association (`AWS::Route53Profiles::ProfileAssociation`,
/// `aws_route53profiles_association`), which may carry hosted zones of its own,
/// or a Resolver rule association (`AWS::Route53Resolver::ResolverRuleAssociation`,
/// `aws_route53_resolver_rule_association`), which forwards a domain elsewhere.
public struct DNSResolutionOverride: DeclaredResource {
    public enum Kind: Sendable {
        case profile
        case resolverRule(Value<ResourceRef>)
    }

    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var kind: Kind

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, kind: Kind) {
        self.info = info
        self.vpc = vpc
        self.kind = kind
    }
}

/// `AWS::Route53Resolver::ResolverRule` / `aws_route53_resolver_rule`.
public struct ResolverRule: DeclaredResource {
    public var info: ResourceInfo
    /// The domain the rule applies to (and every name below it), normalised.
    public var domainName: Value<String>

    public init(info: ResourceInfo, domainName: Value<String>) {
        self.info = info
        self.domainName = domainName
    }
}
