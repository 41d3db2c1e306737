/// `AWS::EC2::SecurityGroup` / `aws_security_group`, or a VPC's default group,
/// with the union of its inline rules and the standalone rule resources that
/// target it (docs/how-it-decides.md).
public struct SecurityGroup: DeclaredResource {
    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var ingress: [SecurityGroupRule]
    public var egress: [SecurityGroupRule]
    public var implicitEgress: ImplicitEgress
    /// The VPC default group (`!GetAtt VPC.DefaultSecurityGroup`, `aws_default_security_group`):
    /// it also admits all traffic from its own members.
    public var isVPCDefault: Bool

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, ingress: [SecurityGroupRule] = [], egress: [SecurityGroupRule] = [],
                implicitEgress: ImplicitEgress, isVPCDefault: Bool = false) {
        self.info = info
        self.vpc = vpc
        self.ingress = ingress
        self.egress = egress
        self.implicitEgress = implicitEgress
        self.isVPCDefault = isVPCDefault
    }
}

/// Egress that exists without being declared as a rule.
public enum ImplicitEgress: Sendable, Equatable {
    /// CloudFormation group without egress rules: EC2 adds allow-all.
    case allowAll
    /// CloudFormation group whose only egress rules are standalone
    /// `AWS::EC2::SecurityGroupEgress` resources: they remove the default rule
    /// (reported behaviour, not documented contract).
    case removedByStandaloneRules
    /// Only the declared rules (inline egress in CloudFormation, every Terraform group).
    case none
}

public struct SecurityGroupRule: Sendable {
    public enum Direction: String, Sendable { case ingress, egress }

    /// The resource that declares the rule: the group, or a standalone rule resource.
    public var carrier: ResourceID
    public var isStandalone: Bool
    public var location: SourceLocation
    public var direction: Direction
    public var ipProtocol: Value<IPProtocol>
    public var fromPort: Value<Int>
    public var toPort: Value<Int>
    public var peer: Value<RulePeer>
    /// Where the peer's value came from when it was not written on the rule
    /// (`parameter AccessLocation, default`), for messages.
    public var peerOrigin: String?
    public var condition: String?
    /// For standalone rules: the group they are added to (`GroupId`, `security_group_id`).
    public var targetGroup: Value<ResourceRef>

    public init(carrier: ResourceID, isStandalone: Bool, location: SourceLocation, direction: Direction,
                ipProtocol: Value<IPProtocol>, fromPort: Value<Int>, toPort: Value<Int>, peer: Value<RulePeer>,
                condition: String? = nil, targetGroup: Value<ResourceRef> = .absent) {
        self.targetGroup = targetGroup
        self.carrier = carrier
        self.isStandalone = isStandalone
        self.location = location
        self.direction = direction
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.peer = peer
        self.condition = condition
    }

    /// Whether the rule admits TCP traffic to `port` (never `.absent`).
    public func allowsTCP(port: Int) -> Value<Bool> {
        switch ipProtocol {
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .unknown(Unresolved("the rule has no IpProtocol"))
        case .known(let proto):
            if proto.allowsAllPorts { return .known(true) }
            guard proto == .tcp else { return .known(false) }
            switch (fromPort, toPort) {
            case (.known(let from), .known(let to)):
                if from == -1 && to == -1 { return .known(true) }
                return .known(from <= port && port <= to)
            case (.unknown(let reason), _), (_, .unknown(let reason)):
                return .unknown(reason)
            default:
                return .unknown(Unresolved("the TCP rule does not give FromPort and ToPort"))
            }
        }
    }

    /// The port range as users write it: `22`, `0-65535`, `all ports`.
    public var portDescription: String {
        if let proto = ipProtocol.known, proto.allowsAllPorts { return "all ports" }
        switch (fromPort, toPort) {
        case (.known(-1), .known(-1)): return "all ports"
        case (.known(let from), .known(let to)): return from == to ? "port \(from)" : "ports \(from)-\(to)"
        default: return "unresolved ports"
        }
    }
}

/// Where a rule's traffic comes from (ingress) or goes to (egress).
public enum RulePeer: Hashable, Sendable, CustomStringConvertible {
    case ipv4CIDR(String)
    case ipv6CIDR(String)
    case securityGroup(ResourceRef)
    case prefixList(ResourceRef)
    /// Terraform `self = true`: members of the group itself.
    case selfGroup

    public var description: String {
        switch self {
        case .ipv4CIDR(let cidr), .ipv6CIDR(let cidr): return cidr
        case .securityGroup(let group): return "security group \(group)"
        case .prefixList(let list): return "prefix list \(list)"
        case .selfGroup: return "the group itself"
        }
    }
}

/// An IP protocol as CloudFormation and Terraform spell it: names in any case,
/// numbers as strings or integers, `-1`/`all` for every protocol.
public enum IPProtocol: Hashable, Sendable, CustomStringConvertible {
    case tcp, udp, icmp, icmpv6, all
    case number(Int)

    public init?(parsing text: String) {
        switch text.lowercased() {
        case "tcp", "6": self = .tcp
        case "udp", "17": self = .udp
        case "icmp", "1": self = .icmp
        case "icmpv6", "58": self = .icmpv6
        case "-1", "all": self = .all
        default:
            guard let number = Int(text), (0...255).contains(number) else { return nil }
            self = .number(number)
        }
    }

    /// -1 and protocol numbers other than tcp/udp/icmp/icmpv6 allow all ports,
    /// whatever port range is given.
    public var allowsAllPorts: Bool {
        switch self {
        case .all, .number: return true
        case .tcp, .udp, .icmp, .icmpv6: return false
        }
    }

    public var description: String {
        switch self {
        case .tcp: return "tcp"
        case .udp: return "udp"
        case .icmp: return "icmp"
        case .icmpv6: return "icmpv6"
        case .all: return "all protocols"
        case .number(let number): return "protocol \(number)"
        }
    }
}
