/// `AWS::EC2::VPC` / `aws_vpc`.
public struct VPC: DeclaredResource {
    public var info: ResourceInfo
    public var cidrBlock: Value<String>
    /// Documented default: true (CloudFormation and Terraform).
    public var enableDnsSupport: Value<Bool>
    /// Documented default: false for non-default VPCs.
    public var enableDnsHostnames: Value<Bool>

    public init(info: ResourceInfo, cidrBlock: Value<String>, enableDnsSupport: Value<Bool>, enableDnsHostnames: Value<Bool>) {
        self.info = info
        self.cidrBlock = cidrBlock
        self.enableDnsSupport = enableDnsSupport
        self.enableDnsHostnames = enableDnsHostnames
    }

    public static let defaultEnableDnsSupport = true
    public static let defaultEnableDnsHostnames = false

    /// Set when the input manages the default group as a resource of its own
    /// (Terraform `aws_default_security_group`).
    public var managedDefaultSecurityGroup: ResourceID?

    /// Set when the input manages the default network ACL as a resource of its
    /// own (Terraform `aws_default_network_acl`).
    public var managedDefaultNetworkACL: ResourceID?

    /// The identity of the VPC's default network ACL in the model.
    public var defaultNetworkACLID: ResourceID {
        managedDefaultNetworkACL ?? ResourceID(.defaultNetworkAcl, of: info.id)
    }

    /// The identity of the VPC's default security group in the model.
    public var defaultSecurityGroupID: ResourceID {
        managedDefaultSecurityGroup ?? ResourceID(.defaultSecurityGroup, of: info.id)
    }
}
