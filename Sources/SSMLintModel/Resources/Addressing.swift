/// `AWS::EC2::EIP` with `InstanceId`, `AWS::EC2::EIPAssociation`, `aws_eip` /
/// `aws_eip_association`: a public IPv4 address bound to an instance or interface.
public struct ElasticIPAssociation: Sendable {
    public var carrier: ResourceID
    public var instance: Value<ResourceRef>
    public var networkInterface: Value<ResourceRef>
    public var condition: String?

    public init(carrier: ResourceID, instance: Value<ResourceRef>, networkInterface: Value<ResourceRef>, condition: String? = nil) {
        self.carrier = carrier
        self.instance = instance
        self.networkInterface = networkInterface
        self.condition = condition
    }
}

/// `AWS::EC2::VPCCidrBlock` / `aws_vpc_ipv4_cidr_block_association`: a secondary VPC CIDR.
public struct VPCCidrBlockAssociation: DeclaredResource {
    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var cidrBlock: Value<String>

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, cidrBlock: Value<String>) {
        self.info = info
        self.vpc = vpc
        self.cidrBlock = cidrBlock
    }
}

/// `AWS::EC2::PrefixList` / `aws_ec2_managed_prefix_list` (IPv4 entries).
public struct PrefixList: DeclaredResource {
    public var info: ResourceInfo
    public var entries: Value<[Value<String>]>

    public init(info: ResourceInfo, entries: Value<[Value<String>]>) {
        self.info = info
        self.entries = entries
    }
}

/// Gateways a `GatewayId` route may point at besides internet gateways
/// (`AWS::EC2::VPNGateway`, `aws_vpn_gateway`): the path beyond them is unknown.
public struct VPNGateway: DeclaredResource {
    public var info: ResourceInfo

    public init(info: ResourceInfo) { self.info = info }
}
