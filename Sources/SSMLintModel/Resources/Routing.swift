/// `AWS::EC2::RouteTable` / `aws_route_table`, with every route that targets it
/// (inline Terraform routes and standalone route resources are merged).
public struct RouteTable: DeclaredResource {
    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var routes: [Route]
    /// Terraform `aws_default_route_table` / main-table association: the VPC main table.
    public var isMain: Bool

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, routes: [Route] = [], isMain: Bool = false) {
        self.info = info
        self.vpc = vpc
        self.routes = routes
        self.isMain = isMain
    }
}

/// One route, standalone (`AWS::EC2::Route`, `aws_route`) or inline.
public struct Route: Sendable {
    /// The resource that declares the route (the route resource or the table).
    public var carrier: ResourceID
    public var location: SourceLocation
    public var routeTable: Value<ResourceRef>
    public var destination: RouteDestination
    public var target: RouteTarget
    public var condition: String?

    public init(carrier: ResourceID, location: SourceLocation, routeTable: Value<ResourceRef>,
                destination: RouteDestination, target: RouteTarget, condition: String? = nil) {
        self.carrier = carrier
        self.location = location
        self.routeTable = routeTable
        self.destination = destination
        self.target = target
        self.condition = condition
    }
}

public enum RouteDestination: Sendable {
    case ipv4(Value<String>)
    case ipv6(Value<String>)
    case prefixList(Value<ResourceRef>)
    case unknown(Unresolved)
}

public struct RouteTarget: Sendable {
    public enum Kind: String, Sendable {
        /// `GatewayId` / `gateway_id`: an internet gateway or a virtual private gateway.
        case gateway = "gateway"
        case natGateway = "NAT gateway"
        case transitGateway = "transit gateway"
        case peeringConnection = "peering connection"
        case instance = "instance"
        case networkInterface = "network interface"
        case vpcEndpoint = "VPC endpoint"
        case egressOnlyInternetGateway = "egress-only internet gateway"
        case carrierGateway = "carrier gateway"
        case localGateway = "local gateway"
        case coreNetwork = "core network"
        case local = "local"
        case unknown = "unknown target"
    }

    public var kind: Kind
    public var resource: Value<ResourceRef>

    public init(kind: Kind, resource: Value<ResourceRef>) {
        self.kind = kind
        self.resource = resource
    }
}

/// `AWS::EC2::SubnetRouteTableAssociation` / `aws_route_table_association`.
public struct SubnetRouteTableAssociation: DeclaredResource {
    public var info: ResourceInfo
    public var subnet: Value<ResourceRef>
    public var routeTable: Value<ResourceRef>

    public init(info: ResourceInfo, subnet: Value<ResourceRef>, routeTable: Value<ResourceRef>) {
        self.info = info
        self.subnet = subnet
        self.routeTable = routeTable
    }
}

/// Terraform `aws_main_route_table_association`: makes a table the VPC main table.
public struct MainRouteTableAssociation: DeclaredResource {
    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var routeTable: Value<ResourceRef>

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, routeTable: Value<ResourceRef>) {
        self.info = info
        self.vpc = vpc
        self.routeTable = routeTable
    }
}
