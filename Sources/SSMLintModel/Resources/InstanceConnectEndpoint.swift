/// `AWS::EC2::InstanceConnectEndpoint` / `aws_ec2_instance_connect_endpoint`: an
/// identity-aware TCP proxy with a network interface in one subnet. It has no
/// VPC of its own; the VPC is the subnet's.
public struct InstanceConnectEndpoint: DeclaredResource {
    public var info: ResourceInfo
    public var subnet: Value<ResourceRef>
    /// Absent: EC2 associates the VPC's default security group.
    public var securityGroups: Value<[Value<ResourceRef>]>
    /// Whether the instance sees the client's address rather than the
    /// endpoint's. Terraform defaults it to true and writes it into the plan;
    /// CloudFormation's documented default has changed between versions of
    /// its reference, so a template without the property leaves it unknown.
    public var preserveClientIp: Value<Bool>
    /// `ipv4`, `dualstack` or `ipv6`. Absent: taken from the subnet (dual-stack
    /// when the subnet has both kinds of CIDR).
    public var ipAddressType: Value<String>

    public init(info: ResourceInfo, subnet: Value<ResourceRef>, securityGroups: Value<[Value<ResourceRef>]>,
                preserveClientIp: Value<Bool>, ipAddressType: Value<String> = .absent) {
        self.info = info
        self.subnet = subnet
        self.securityGroups = securityGroups
        self.preserveClientIp = preserveClientIp
        self.ipAddressType = ipAddressType
    }
}
