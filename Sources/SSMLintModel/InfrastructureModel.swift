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
    public internal(set) var resources: [Resource] = []
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

    var resourceIndex: [ResourceID: Int] = [:]

    /// Resources named in the properties of another resource that may attach
    /// them, such as an instance, a network interface or a launch template
    /// naming a security group. Security groups, their rules and EC2 Instance
    /// Connect Endpoints are left out: rules name groups without attaching
    /// them, and the question this answers is whether a group is attached to
    /// anything but endpoints. Kept whether or not `add` keeps properties.
    public internal(set) var mentionedByAttachingResources: Set<ResourceID> = []

    static let typesThatNeverAttach: Set<String> = [
        "AWS::EC2::InstanceConnectEndpoint", "aws_ec2_instance_connect_endpoint",
        "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress",
        "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
    ]

    /// Room for `count` more resources, when the loader knows how many it
    /// will add: a large input then fills its tables without regrowing them.
    public mutating func reserveCapacity(resources count: Int) {
        resources.reserveCapacity(resources.count + count)
        resourceIndex.reserveCapacity(resourceIndex.count + count)
    }

    /// Adds a resource. Without `keepingProperties` its record keeps identity,
    /// type and location but an empty property map: the typed tables hold what
    /// the built-in rules and the analysis read, and on a large input the
    /// generic property trees would be a third of the model. Loaders keep them
    /// when rule packs, which read any property, are loaded.
    public mutating func add(_ resource: Resource, keepingProperties: Bool = true) {
        if !Self.typesThatNeverAttach.contains(resource.info.type) {
            // The closure captures the identity alone: capturing `resource`
            // copied the whole resource at every level of the property tree.
            let own = resource.info.id
            resource.properties.forEachMention { id in
                if id != own { mentionedByAttachingResources.insert(id) }
            }
        }
        record(keepingProperties ? resource : Resource(withoutPropertiesOf: resource))
    }

    /// Stores a resource whose mentions are already counted.
    mutating func record(_ resource: Resource) {
        Self.record(resource, in: &resources, index: &resourceIndex)
    }

    static func record(_ resource: Resource, in resources: inout [Resource], index: inout [ResourceID: Int]) {
        index[resource.info.id] = resources.count
        resources.append(resource)
    }
}
