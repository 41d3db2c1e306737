/// The input format a model was loaded from.
public enum SourceFormat: String, Sendable {
    case cloudFormation = "cloudformation"
    case terraformPlan = "terraform-plan"
}

/// One scanned input, as typed resources. CloudFormation templates and
/// Terraform plans map into the same model so that rules see one world.
public struct InfrastructureModel: Sendable {
    public var file: String
    public var format: SourceFormat
    /// The deployment Region when the input or the command line fixes it.
    public var region: String?

    /// Every declared resource, of any type, in document order.
    public var resources: [Resource] = []
    /// Suppressions written in the input (template Metadata, `.tf` comments).
    public var ignoreDirectives: [IgnoreDirective] = []

    public var vpcs = ResourceTable<VPC>()
    public var subnets = ResourceTable<Subnet>()
    public var routeTables = ResourceTable<RouteTable>()
    public var subnetRouteTableAssociations = ResourceTable<SubnetRouteTableAssociation>()
    public var mainRouteTableAssociations = ResourceTable<MainRouteTableAssociation>()
    public var internetGateways = ResourceTable<InternetGateway>()
    public var gatewayAttachments = ResourceTable<GatewayAttachment>()
    public var natGateways = ResourceTable<NatGateway>()
    public var securityGroups = ResourceTable<SecurityGroup>()
    public var vpcEndpoints = ResourceTable<VPCEndpoint>()
    public var instanceConnectEndpoints = ResourceTable<InstanceConnectEndpoint>()
    public var instances = ResourceTable<Instance>()
    public var launchTemplates = ResourceTable<LaunchTemplate>()
    public var autoScalingGroups = ResourceTable<AutoScalingGroup>()
    public var instanceProfiles = ResourceTable<InstanceProfile>()
    public var roles = ResourceTable<Role>()
    public var hostedZones = ResourceTable<HostedZone>()
    public var dhcpOptions = ResourceTable<DHCPOptions>()
    public var dhcpOptionsAssociations = ResourceTable<DHCPOptionsAssociation>()
    public var dnsRecords: [DNSRecord] = []
    public var elasticIPAssociations: [ElasticIPAssociation] = []
    public var networkInterfaces = ResourceTable<NetworkInterface>()
    public var networkInterfaceAttachments = ResourceTable<NetworkInterfaceAttachment>()
    public var vpcCidrBlocks = ResourceTable<VPCCidrBlockAssociation>()
    public var prefixLists = ResourceTable<PrefixList>()
    public var vpnGateways = ResourceTable<VPNGateway>()
    public var peeringConnections = ResourceTable<PeeringConnection>()
    public var transitGateways = ResourceTable<TransitGateway>()
    public var transitGatewayAttachments = ResourceTable<TransitGatewayAttachment>()
    public var transitGatewayRouteTables = ResourceTable<TransitGatewayRouteTable>()
    public var transitGatewayRouteTableLinks = ResourceTable<TransitGatewayRouteTableLink>()
    public var transitGatewayRoutes = ResourceTable<TransitGatewayRoute>()
    public var dnsResolutionOverrides = ResourceTable<DNSResolutionOverride>()
    public var resolverRules = ResourceTable<ResolverRule>()
    public var networkACLs = ResourceTable<NetworkACL>()
    public var networkACLAssociations: [NetworkACLAssociation] = []
    /// Entries whose network ACL is not declared in the input.
    public var unattachedNetworkACLEntries: [(entry: NetworkACLEntry, acl: Value<ResourceRef>)] = []
    public var sessionDocuments = ResourceTable<SessionDocument>()
    /// Terraform `aws_vpc_endpoint_route_table_association`s whose endpoint is not
    /// declared in the input: an endpoint outside the plan serves those route tables.
    public var unattachedEndpointRouteTables: [(carrier: ResourceID, routeTable: Value<ResourceRef>)] = []

    /// Resources that already exist (Terraform `no-op`/`update`): their
    /// unmanaged parts, such as a VPC's main route table, may hold anything.
    public var preexistingResources: Set<ResourceID> = []

    /// Resources whose identity the input publishes (CloudFormation `Outputs`,
    /// exported or read by a parent stack): other stacks may attach routes or
    /// policies to them.
    public var exportedResources: Set<ResourceID> = []

    /// True when the input may create resources in several Regions (a Terraform
    /// plan with more than one aws provider configuration): then what one
    /// resource says about its Region does not fix another's.
    public var mayMixRegions = false

    /// Values decided from the input's shape (a Terraform `vpc_id` set
    /// through locals), by resource.
    public var inferences: [ResourceID: [Inference]] = [:]

    /// CloudFormation conditions that are false with the parameters'
    /// Defaults, whose resources are checked anyway
    /// (`--include-default-off-resources`).
    public var conditionsFalseByDefault: Set<String> = []

    /// How a message says that something exists only under a condition.
    public func onlyWhen(condition name: String) -> String {
        "only when condition \(name) is true" + (conditionsFalseByDefault.contains(name) ? " (false with the default parameters)" : "")
    }

    /// Routes whose route table is not declared in the input.
    public var unattachedRoutes: [Route] = []
    /// Security-group rules whose group is not declared in the input (open world).
    public var unattachedSecurityGroupRules: [SecurityGroupRule] = []

    public init(file: String, format: SourceFormat, region: String? = nil) {
        self.file = file
        self.format = format
        self.region = region
    }

    /// The resource record (type, location, properties) for an identity.
    public func resource(_ id: ResourceID) -> Resource? {
        resourceIndex[id].map { resources[$0] }
    }

    private var resourceIndex: [ResourceID: Int] = [:]

    /// Room for `count` more resources, when the loader knows how many it
    /// will add: a large input then fills its tables without regrowing them.
    public mutating func reserveCapacity(resources count: Int) {
        resources.reserveCapacity(resources.count + count)
        resourceIndex.reserveCapacity(resourceIndex.count + count)
    }

    public mutating func add(_ resource: Resource) {
        resourceIndex[resource.info.id] = resources.count
        resources.append(resource)
    }
}
