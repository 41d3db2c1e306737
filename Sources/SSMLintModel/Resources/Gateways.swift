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
    /// Whether the connection becomes active. CloudFormation accepts a peering
    /// between VPCs of one account itself; Terraform needs `auto_accept = true`
    /// or an `aws_vpc_peering_connection_accepter`, otherwise it waits for
    /// someone outside the plan to accept it.
    public var accepted: Value<Bool>
    /// `PeerRegion` / `peer_region`: absent means the requester's Region.
    public var peerRegion: Value<String>
    /// `PeerOwnerId` / `peer_owner_id`: absent means the requester's account.
    public var peerOwner: Value<String>
    /// `allow_remote_vpc_dns_resolution` on either side (Terraform only). It
    /// resolves the peer's instance hostnames, not its endpoints' names.
    public var allowsRemoteDNSResolution: Bool

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, peerVpc: Value<ResourceRef>, accepted: Value<Bool> = .absent,
                peerRegion: Value<String> = .absent, peerOwner: Value<String> = .absent, allowsRemoteDNSResolution: Bool = false) {
        self.info = info
        self.vpc = vpc
        self.peerVpc = peerVpc
        self.accepted = accepted
        self.peerRegion = peerRegion
        self.peerOwner = peerOwner
        self.allowsRemoteDNSResolution = allowsRemoteDNSResolution
    }

    /// The VPC on the other side from `vpc`, when `vpc` is one of the two.
    public func otherSide(of vpc: ResourceID) -> Value<ResourceRef>? {
        if self.vpc.known == .declared(vpc) { return peerVpc }
        if peerVpc.known == .declared(vpc) { return self.vpc }
        return nil
    }

    /// True when the connection joins exactly these two declared VPCs.
    public func joins(_ first: ResourceID, _ second: ResourceID) -> Bool {
        (vpc.known == .declared(first) && peerVpc.known == .declared(second))
            || (vpc.known == .declared(second) && peerVpc.known == .declared(first))
    }
}
