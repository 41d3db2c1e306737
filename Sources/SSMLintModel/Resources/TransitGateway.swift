/// `AWS::EC2::TransitGateway` / `aws_ec2_transit_gateway`. Attachments are
/// associated with, and propagate their VPC CIDRs into, the default route
/// table unless these switches are off.
public struct TransitGateway: DeclaredResource {
    public var info: ResourceInfo
    /// `DefaultRouteTableAssociation` / `default_route_table_association`: "enable" (default) or "disable".
    public var defaultRouteTableAssociation: Value<Bool>
    /// `DefaultRouteTablePropagation` / `default_route_table_propagation`: "enable" (default) or "disable".
    public var defaultRouteTablePropagation: Value<Bool>

    public init(info: ResourceInfo, defaultRouteTableAssociation: Value<Bool>, defaultRouteTablePropagation: Value<Bool>) {
        self.info = info
        self.defaultRouteTableAssociation = defaultRouteTableAssociation
        self.defaultRouteTablePropagation = defaultRouteTablePropagation
    }

    public static let defaultAssociationEnabled = true
    public static let defaultPropagationEnabled = true

    /// The identity of the transit gateway's default route table in the model.
    public var defaultRouteTableID: ResourceID { ResourceID(.defaultTransitGatewayRouteTable, of: info.id) }
}

/// `AWS::EC2::TransitGatewayAttachment`, `AWS::EC2::TransitGatewayVpcAttachment` /
/// `aws_ec2_transit_gateway_vpc_attachment`: one subnet per Availability Zone;
/// resources in other zones of the VPC cannot reach the transit gateway.
public struct TransitGatewayAttachment: DeclaredResource {
    public var info: ResourceInfo
    public var transitGateway: Value<ResourceRef>
    public var vpc: Value<ResourceRef>
    public var subnets: Value<[Value<ResourceRef>]>
    /// Terraform `transit_gateway_default_route_table_association` (default true);
    /// CloudFormation has no per-attachment switch (absent).
    public var usesDefaultAssociation: Value<Bool>
    /// Terraform `transit_gateway_default_route_table_propagation` (default true).
    public var usesDefaultPropagation: Value<Bool>

    public init(info: ResourceInfo, transitGateway: Value<ResourceRef>, vpc: Value<ResourceRef>,
                subnets: Value<[Value<ResourceRef>]>, usesDefaultAssociation: Value<Bool> = .absent,
                usesDefaultPropagation: Value<Bool> = .absent) {
        self.info = info
        self.transitGateway = transitGateway
        self.vpc = vpc
        self.subnets = subnets
        self.usesDefaultAssociation = usesDefaultAssociation
        self.usesDefaultPropagation = usesDefaultPropagation
    }
}

/// `AWS::EC2::TransitGatewayRouteTable` / `aws_ec2_transit_gateway_route_table`.
public struct TransitGatewayRouteTable: DeclaredResource {
    public var info: ResourceInfo
    public var transitGateway: Value<ResourceRef>

    public init(info: ResourceInfo, transitGateway: Value<ResourceRef>) {
        self.info = info
        self.transitGateway = transitGateway
    }
}

/// `AWS::EC2::TransitGatewayRouteTableAssociation` / `…Propagation` and their
/// Terraform counterparts: an attachment bound to a transit gateway route
/// table (a reference to the transit gateway itself means its default table).
public struct TransitGatewayRouteTableLink: DeclaredResource {
    public enum Kind: String, Sendable { case association, propagation }

    public var info: ResourceInfo
    public var kind: Kind
    public var attachment: Value<ResourceRef>
    public var routeTable: Value<ResourceRef>

    public init(info: ResourceInfo, kind: Kind, attachment: Value<ResourceRef>, routeTable: Value<ResourceRef>) {
        self.info = info
        self.kind = kind
        self.attachment = attachment
        self.routeTable = routeTable
    }
}

/// `AWS::EC2::TransitGatewayRoute` / `aws_ec2_transit_gateway_route`: a static route.
public struct TransitGatewayRoute: DeclaredResource {
    public var info: ResourceInfo
    public var routeTable: Value<ResourceRef>
    public var destination: Value<String>
    public var attachment: Value<ResourceRef>
    public var blackhole: Value<Bool>

    public init(info: ResourceInfo, routeTable: Value<ResourceRef>, destination: Value<String>,
                attachment: Value<ResourceRef>, blackhole: Value<Bool>) {
        self.info = info
        self.routeTable = routeTable
        self.destination = destination
        self.attachment = attachment
        self.blackhole = blackhole
    }
}
