/// `AWS::EC2::NetworkAcl` / `aws_network_acl`, or a VPC's default network ACL,
/// with every entry that targets it (CloudFormation `AWS::EC2::NetworkAclEntry`,
/// Terraform inline `ingress`/`egress` blocks and `aws_network_acl_rule`).
/// A network ACL is stateless: its inbound and outbound entries are evaluated
/// separately, lowest rule number first, and the final `*` entry denies.
public struct NetworkACL: DeclaredResource {
    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var entries: [NetworkACLEntry]
    /// The VPC's default network ACL (`!GetAtt VPC.DefaultNetworkAcl`, `aws_default_network_acl`).
    public var isVPCDefault: Bool
    /// Set when entries may exist that the input does not show (the default
    /// network ACL of a VPC that already exists, an ACL another stack may edit).
    public var openWorld: Unresolved?

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, entries: [NetworkACLEntry] = [], isVPCDefault: Bool = false,
                openWorld: Unresolved? = nil) {
        self.info = info
        self.vpc = vpc
        self.entries = entries
        self.isVPCDefault = isVPCDefault
        self.openWorld = openWorld
    }

    /// The entries AWS puts in every VPC's default network ACL: rule 100 allows
    /// all IPv4 traffic in each direction.
    public static func defaultEntries(of acl: ResourceID, location: SourceLocation) -> [NetworkACLEntry] {
        [false, true].map { egress in
            NetworkACLEntry(carrier: acl, location: location, ruleNumber: .known(100), isEgress: .known(egress),
                            ipProtocol: .known(.all), action: .known(.allow), block: .known(.ipv4("0.0.0.0/0")),
                            fromPort: .absent, toPort: .absent, isImplicit: true)
        }
    }
}

/// One numbered network ACL entry (rule).
public struct NetworkACLEntry: Sendable {
    public enum Action: String, Sendable { case allow, deny }

    /// The address range an entry matches: IPv4 or IPv6 (never both).
    public enum Block: Sendable, Equatable {
        case ipv4(String)
        case ipv6(String)
    }

    /// The resource that declares the entry: the ACL itself (inline) or an entry resource.
    public var carrier: ResourceID
    public var location: SourceLocation
    public var ruleNumber: Value<Int>
    /// Outbound (`Egress: true`, `egress = true`); the default is inbound.
    public var isEgress: Value<Bool>
    public var ipProtocol: Value<IPProtocol>
    public var action: Value<Action>
    public var block: Value<Block>
    public var fromPort: Value<Int>
    public var toPort: Value<Int>
    public var condition: String?
    /// AWS's own rule 100 of a default network ACL, not written in the input.
    public var isImplicit: Bool

    public init(carrier: ResourceID, location: SourceLocation, ruleNumber: Value<Int>, isEgress: Value<Bool>,
                ipProtocol: Value<IPProtocol>, action: Value<Action>, block: Value<Block>, fromPort: Value<Int>,
                toPort: Value<Int>, condition: String? = nil, isImplicit: Bool = false) {
        self.carrier = carrier
        self.location = location
        self.ruleNumber = ruleNumber
        self.isEgress = isEgress
        self.ipProtocol = ipProtocol
        self.action = action
        self.block = block
        self.fromPort = fromPort
        self.toPort = toPort
        self.condition = condition
        self.isImplicit = isImplicit
    }

    /// "rule 100", or "a rule with an unresolved number".
    public var name: String {
        ruleNumber.known.map { "rule \($0)" } ?? "a rule with an unresolved number"
    }
}

/// A subnet's network ACL association: `AWS::EC2::SubnetNetworkAclAssociation`,
/// `aws_network_acl_association`, or one member of `aws_network_acl.subnet_ids`.
/// A subnet without one uses its VPC's default network ACL.
public struct NetworkACLAssociation: Sendable {
    public var carrier: ResourceID
    public var location: SourceLocation
    public var subnet: Value<ResourceRef>
    public var networkACL: Value<ResourceRef>
    public var condition: String?

    public init(carrier: ResourceID, location: SourceLocation, subnet: Value<ResourceRef>, networkACL: Value<ResourceRef>,
                condition: String? = nil) {
        self.carrier = carrier
        self.location = location
        self.subnet = subnet
        self.networkACL = networkACL
        self.condition = condition
    }
}
