/// `AWS::EC2::InternetGateway` / `aws_internet_gateway` (Terraform may set the VPC inline).
public struct InternetGateway: DeclaredResource {
    public var info: ResourceInfo
    /// Terraform `vpc_id`; CloudFormation attaches through `VPCGatewayAttachment`.
    public var vpc: Value<ResourceRef>

    public init(info: ResourceInfo, vpc: Value<ResourceRef> = .absent) {
        self.info = info
        self.vpc = vpc
    }
}

/// `AWS::EC2::VPCGatewayAttachment` / `aws_internet_gateway_attachment`.
public struct GatewayAttachment: DeclaredResource {
    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var internetGateway: Value<ResourceRef>
    public var vpnGateway: Value<ResourceRef>

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, internetGateway: Value<ResourceRef>, vpnGateway: Value<ResourceRef>) {
        self.info = info
        self.vpc = vpc
        self.internetGateway = internetGateway
        self.vpnGateway = vpnGateway
    }
}

/// `AWS::EC2::NatGateway` / `aws_nat_gateway`.
public struct NatGateway: DeclaredResource {
    public var info: ResourceInfo
    public var subnet: Value<ResourceRef>
    /// `public` (default) or `private`; a private NAT gateway has no internet path.
    public var connectivityType: Value<String>

    public init(info: ResourceInfo, subnet: Value<ResourceRef>, connectivityType: Value<String>) {
        self.info = info
        self.subnet = subnet
        self.connectivityType = connectivityType
    }

    public static let defaultConnectivityType = "public"
}

/// `AWS::EC2::VPCPeeringConnection` / `aws_vpc_peering_connection`.
public struct PeeringConnection: DeclaredResource {
    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var peerVpc: Value<ResourceRef>

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, peerVpc: Value<ResourceRef>) {
        self.info = info
        self.vpc = vpc
        self.peerVpc = peerVpc
    }
}
