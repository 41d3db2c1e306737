/// `AWS::EC2::VPCEndpoint` / `aws_vpc_endpoint`, with subnet and security-group
/// associations merged in.
public struct VPCEndpoint: DeclaredResource {
    public var info: ResourceInfo
    public var vpc: Value<ResourceRef>
    public var serviceName: Value<SymbolicText> {
        didSet { parsed = ParsedServiceName(serviceName) }
    }
    /// `Interface`, `Gateway`, `GatewayLoadBalancer`, …; default Gateway.
    public var endpointType: Value<String>
    /// Default false in CloudFormation and Terraform, unlike the EC2 API.
    public var privateDnsEnabled: Value<Bool>
    public var subnets: Value<[Value<ResourceRef>]>
    /// Absent: the VPC default security group is used.
    public var securityGroups: Value<[Value<ResourceRef>]>
    public var routeTables: Value<[Value<ResourceRef>]>
    /// `ServiceRegion` / `service_region`: the Region of the service for a
    /// cross-Region endpoint. Absent: the endpoint's own Region.
    public var serviceRegion: Value<String>
    /// The Region the endpoint is created in when the input says so for this
    /// resource alone (Terraform: the resource-level `region` argument, or the
    /// Region of an aliased provider configuration). Absent: the input's Region.
    public var region: Value<String>
    /// Terraform security-group associations that left the VPC default group
    /// attached (no `replace_default_association = true`).
    public var defaultGroupKeptBy: [ResourceID]
    private var parsed: ParsedServiceName

    /// `serviceName` taken apart (nil when unknown or not a service name of
    /// the `com.amazonaws.<region>.<service>` form). Parsed once: the
    /// analysis and the rules ask for it many times per endpoint.
    public var parsedServiceName: EndpointServiceName? { parsed.name }

    public init(info: ResourceInfo, vpc: Value<ResourceRef>, serviceName: Value<SymbolicText>, endpointType: Value<String>,
                privateDnsEnabled: Value<Bool>, subnets: Value<[Value<ResourceRef>]>,
                securityGroups: Value<[Value<ResourceRef>]>, routeTables: Value<[Value<ResourceRef>]>,
                serviceRegion: Value<String> = .absent, region: Value<String> = .absent,
                defaultGroupKeptBy: [ResourceID] = []) {
        self.info = info
        self.vpc = vpc
        self.serviceName = serviceName
        self.endpointType = endpointType
        self.privateDnsEnabled = privateDnsEnabled
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.routeTables = routeTables
        self.serviceRegion = serviceRegion
        self.region = region
        self.defaultGroupKeptBy = defaultGroupKeptBy
        self.parsed = ParsedServiceName(serviceName)
    }

    public static let defaultEndpointType = "Gateway"
    public static let defaultPrivateDnsEnabled = false
}

/// The parsed service name behind one reference, so that copying an endpoint
/// (rules iterate the table) costs one retain for it, not three.
private final class ParsedServiceName: Sendable {
    let name: EndpointServiceName?
    init(_ text: Value<SymbolicText>) { name = text.known.flatMap(EndpointServiceName.init) }
}
