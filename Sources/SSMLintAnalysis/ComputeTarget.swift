import SSMLintModel

/// Something that runs an SSM Agent: an instance, one subnet's share of an auto
/// scaling group, or a launch template used by nothing in the input (domain.md
/// 3.1 "Compute-target derivation"). Instance settings override the launch
/// template's; a missing security group list means the VPC default group.
public struct ComputeTarget: Sendable {
    public enum Kind: String, Sendable {
        case instance = "instance"
        case autoScalingGroup = "auto scaling group"
        case launchTemplate = "launch template"
    }

    public var kind: Kind
    /// The primary resource findings are located at.
    public var info: ResourceInfo
    /// Distinguishes the targets of one auto scaling group (one per subnet).
    public var key: String
    public var subnet: Value<ResourceRef>
    public var vpc: Value<ResourceRef>
    public var securityGroups: Value<[Value<ResourceRef>]>
    /// True when the groups are the VPC default group because none were given.
    public var usesDefaultSecurityGroup: Bool
    public var publicIPv4: Value<Bool>
    public var privateIpAddress: Value<String>
    public var instanceProfile: Value<ResourceRef>
    public var keyName: Value<String>
    public var launchTemplate: ResourceID?

    public var id: ResourceID { info.id }

    /// "instance Web", "auto scaling group Workers (subnet PrivateA)".
    public var displayName: String {
        var text = "\(kind.rawValue) \(info.id)"
        if kind == .autoScalingGroup, let subnet = subnet.known { text += " (subnet \(subnet))" }
        return text
    }
}
