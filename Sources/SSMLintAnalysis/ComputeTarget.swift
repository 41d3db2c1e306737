import SSMLintModel

/// Something that runs an SSM Agent: an instance, one subnet's share of an auto
/// scaling group, or a launch template used by nothing in the input
/// (docs/how-it-decides.md). Instance settings override the launch
/// template's; a missing security group list means the VPC default group.
public final class ComputeTarget: Sendable {
    // A class: the analysis and every rule pass targets around and group them
    // by VPC, subnet and zone; a struct of a dozen tri-state fields made each
    // copy a dozen reference-count updates and a few hundred bytes.
    public enum Kind: String, Sendable {
        case instance = "instance"
        case autoScalingGroup = "auto scaling group"
        case launchTemplate = "launch template"
    }

    public let kind: Kind
    /// The primary resource findings are located at.
    public let info: ResourceInfo
    /// Distinguishes the targets of one auto scaling group (one per subnet).
    public let key: String
    public let subnet: Value<ResourceRef>
    public let vpc: Value<ResourceRef>
    public let securityGroups: Value<[Value<ResourceRef>]>
    /// True when the groups are the VPC default group because none were given.
    public let usesDefaultSecurityGroup: Bool
    public let publicIPv4: Value<Bool>
    public let privateIpAddress: Value<String>
    public let instanceProfile: Value<ResourceRef>
    public let keyName: Value<String>
    public let launchTemplate: ResourceID?

    public init(kind: Kind, info: ResourceInfo, key: String, subnet: Value<ResourceRef>, vpc: Value<ResourceRef>,
                securityGroups: Value<[Value<ResourceRef>]>, usesDefaultSecurityGroup: Bool, publicIPv4: Value<Bool>,
                privateIpAddress: Value<String>, instanceProfile: Value<ResourceRef>, keyName: Value<String>,
                launchTemplate: ResourceID?) {
        self.kind = kind
        self.info = info
        self.key = key
        self.subnet = subnet
        self.vpc = vpc
        self.securityGroups = securityGroups
        self.usesDefaultSecurityGroup = usesDefaultSecurityGroup
        self.publicIPv4 = publicIPv4
        self.privateIpAddress = privateIpAddress
        self.instanceProfile = instanceProfile
        self.keyName = keyName
        self.launchTemplate = launchTemplate
    }

    public var id: ResourceID { info.id }

    /// "instance Web", "auto scaling group Workers (subnet PrivateA)".
    public var displayName: String {
        var text = "\(kind.rawValue) \(info.id)"
        if kind == .autoScalingGroup, let subnet = subnet.known { text += " (subnet \(subnet))" }
        return text
    }
}
