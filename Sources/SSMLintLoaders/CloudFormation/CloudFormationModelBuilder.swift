import Dispatch
import SSMLintModel
import SSMLintYAML

/// Maps resolved CloudFormation resources into the typed model, applying
/// CloudFormation's documented defaults and merge rules (docs/how-it-decides.md).
struct CloudFormationModelBuilder {
    private let file: String
    private let template: CloudFormationTemplate
    private let options: LoadOptions
    private let resolver: IntrinsicResolver
    private let read = PropertyReader()
    private var model: InfrastructureModel
    private var remarks: [String]
    private var standaloneRules: [(SecurityGroupRule, Value<ResourceRef>)] = []
    private var standaloneRoutes: [Route] = []
    private var standaloneACLEntries: [(NetworkACLEntry, Value<ResourceRef>)] = []
    /// `AWS::EC2::SubnetCidrBlock`s: IPv6 blocks added to a subnet after it is created.
    private var subnetCIDRBlocks: [(subnet: Value<ResourceRef>, carrier: ResourceInfo)] = []
    private var policyAttachments: [(roles: Value<[Value<ResourceRef>]>, document: PropertyValue?, policy: ResourceInfo)] = []
    /// Resources left out because their Condition is false with the parameters' Defaults.
    private var offByDefault: [(resource: String, condition: String)] = []

    /// Whether resources whose Condition is false only with the parameters'
    /// Defaults are checked, as resources that exist under their condition.
    private let includeDefaultOffResources: Bool
    private let keepsResourceProperties: Bool

    init(file: String, template: CloudFormationTemplate, options: LoadOptions, expansionLimit: Int = ExpansionBudget.inputLimit) {
        self.includeDefaultOffResources = options.includeDefaultOffResources
        self.keepsResourceProperties = options.keepsResourceProperties
        self.file = file
        self.template = template
        self.options = options
        self.resolver = IntrinsicResolver(template: template, options: options, expansionLimit: expansionLimit)
        self.model = InfrastructureModel(file: file, format: .cloudFormation, region: options.region)
        self.remarks = template.remarks
        for transform in template.transforms where transform != "AWS::LanguageExtensions" {
            remarks.append("Transform \(transform) is not expanded; resources it generates are not checked")
        }
    }

    /// Templates with at least this many resources are built in two parts,
    /// on two cores (2,000 resources take about 30 ms on one).
    static let partedBuildThreshold = 2_000

    /// The model of the template. A large template's resources are turned
    /// into typed resources in two parts, each on a core with a resolver of
    /// its own, and the parts are joined in document order. That gives the
    /// model one pass gives, unless a resolver met a value whose resolution
    /// depends on which reference came first (a value that refers to itself,
    /// or nesting half-way to the depth limit), or the resolvers together
    /// charged more than one input's expansion budget (one pass charges at
    /// most as much: it resolves each shared value once). Then the template
    /// is built again in one pass. Each half's resolver has half the budget,
    /// so a hostile template costs at most twice what one pass does.
    static func build(file: String, template: CloudFormationTemplate, options: LoadOptions) -> LoadedInput {
        if template.resources.count >= partedBuildThreshold,
           let loaded = buildInTwoParts(file: file, template: template, options: options) {
            return loaded
        }
        return buildInOnePass(file: file, template: template, options: options)
    }

    static func buildInOnePass(file: String, template: CloudFormationTemplate, options: LoadOptions) -> LoadedInput {
        var builder = CloudFormationModelBuilder(file: file, template: template, options: options)
        builder.addDeclarations(template.resources.indices)
        return builder.finish()
    }

    /// Nil when the result might differ from `buildInOnePass`'s.
    static func buildInTwoParts(file: String, template: CloudFormationTemplate, options: LoadOptions) -> LoadedInput? {
        let count = template.resources.count
        let halves = [0..<count / 2, count / 2..<count]
        var built: [CloudFormationModelBuilder?] = [nil, nil]
        built.withUnsafeMutableBufferPointer { buffer in
            // Each part writes its own slot; concurrentPerform returns once all have.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: halves.count) { index in
                var part = CloudFormationModelBuilder(file: file, template: template, options: options,
                                                      expansionLimit: ExpansionBudget.inputLimit / 2)
                // The first part's resource list becomes the model's: sized for
                // every resource now, it is not copied and rehashed when the
                // second part joins it (on one core, while the other waits).
                if index == 0 { part.model.reserveCapacity(resources: count) }
                part.addDeclarations(halves[index])
                slots[index] = part
            }
        }
        var builder = CloudFormationModelBuilder(file: file, template: template, options: options)
        var used = 0
        for index in built.indices {
            // Taken out of its slot: the part's tables then have one owner,
            // and the first part's are moved, not copied, into the model.
            guard let part = built[index].take(), !part.resolver.mayDependOnOrder, !part.resolver.expansionSpent else { return nil }
            used += part.resolver.expansionUsed
            builder.absorb(part)
        }
        let loaded = builder.finish()
        // Outputs and policies were resolved by the joining builder's own resolver.
        guard !builder.resolver.mayDependOnOrder,
              used + builder.resolver.expansionUsed <= ExpansionBudget.inputLimit else { return nil }
        return loaded
    }

    /// Takes over what a part built from the resources after this builder's.
    private mutating func absorb(_ part: consuming CloudFormationModelBuilder) {
        if model.resources.isEmpty {
            swap(&model, &part.model)
            model.reserveCapacity(resources: template.resources.count - model.resources.count)
        } else {
            // Always on two cores: the parts of a large template (and the tests'
            // smaller ones, so that this path is the one they compare).
            model.link(part.model, concurrently: true)
        }
        standaloneRules += part.standaloneRules
        standaloneRoutes += part.standaloneRoutes
        standaloneACLEntries += part.standaloneACLEntries
        subnetCIDRBlocks += part.subnetCIDRBlocks
        policyAttachments += part.policyAttachments
        offByDefault += part.offByDefault
    }

    /// Adds the typed resources of `declarations` (indexes in the template).
    private mutating func addDeclarations(_ declarations: Range<Int>) {
        model.reserveCapacity(resources: declarations.count)
        for declaration in template.resources[declarations] {
            guard let type = declaration.type else { continue }
            var condition: String?
            if let name = declaration.condition {
                switch resolver.condition(named: name) {
                case .known(false):
                    // False only with the parameters' Defaults: a deployment that
                    // passes other values creates the resource.
                    guard !resolver.defaultsDeciding(condition: name).isEmpty else { continue }
                    guard includeDefaultOffResources else {
                        offByDefault.append((declaration.id, name))
                        continue
                    }
                    condition = name
                    model.conditionsFalseByDefault.insert(name)
                case .known(true): break
                default: condition = name
                }
            }
            let path = "Resources/" + declaration.id
            let info = ResourceInfo(
                id: ResourceID(declaration.id), type: type,
                location: SourceLocation(file: file, range: declaration.node.range, logicalPath: path),
                condition: condition)
            let properties = declaration.properties.flatMap { resolver.resolve($0) }
                ?? PropertyValue(.map([]), range: declaration.node.range)
            model.add(Resource(info: info, properties: properties), keepingProperties: keepsResourceProperties)
            addTyped(info, properties, path: path + "/Properties")
        }
    }

    /// What follows the resources: Outputs, implicit resources, standalone
    /// rules, routes and entries, policies.
    private mutating func finish() -> LoadedInput {
        for value in template.outputValues {
            if case .reference(let id, let attribute)? = resolver.resolve(value)?.kind {
                model.exportedResources.insert(id)
                // `!GetAtt VPC.DefaultNetworkAcl`: the resource AWS created with the VPC is published.
                if let kind = attribute.flatMap({ ImplicitResource.Kind(rawValue: $0) }) { model.exportedResources.insert(ResourceID(kind, of: id)) }
            }
        }
        model.addDefaultSecurityGroups(allowAllEgress: true)
        model.addDefaultNetworkACLs(existingVPCsOpen: false)
        for (rule, group) in standaloneRules { model.attach(rule, toGroup: group) }
        for route in standaloneRoutes { model.attach(route) }
        for (entry, acl) in standaloneACLEntries { model.attach(entry, toACL: acl) }
        for block in subnetCIDRBlocks {
            guard case .known(.declared(let id)) = block.subnet else { continue }
            model.subnets.modify(id) { subnet in
                if subnet.hasIPv6CIDR.known == true { return }
                subnet.hasIPv6CIDR = block.carrier.isConditional
                    ? .unknown(Unresolved("IPv6 block \(block.carrier.id) is added only if condition \(block.carrier.condition ?? "?") holds"))
                    : .known(true)
            }
        }
        for acl in model.networkACLs where model.exportedResources.contains(acl.id) {
            model.networkACLs.modify(acl.id) {
                $0.openWorld = Unresolved("network ACL \(acl.id) is published in Outputs, so another stack may add entries to it")
            }
        }
        attachPolicies()
        if !offByDefault.isEmpty {
            remarks.append(Self.offByDefaultRemark(offByDefault))
        }
        return LoadedInput(model: model, remarks: remarks)
    }

    private func location(_ value: PropertyValue?, _ path: String, fallback: ResourceInfo) -> SourceLocation {
        SourceLocation(file: file, range: value?.range ?? fallback.location.range, logicalPath: path)
    }

    // MARK: Dispatch

    /// What the builder's own methods (`route`, `subnetIPv6`, …) return is
    /// computed before a table is modified, and closures read a local copy of
    /// the reader: a method of self inside the modifying call's arguments, or
    /// a closure that reads a property of self, made Swift copy the whole
    /// builder, model included, for every such resource.
    private mutating func addTyped(_ info: ResourceInfo, _ p: PropertyValue, path: String) {
        let read = self.read
        switch ResourceTypeName(info.type) {
        case "AWS::EC2::VPC":
            model.vpcs.insert(VPC(
                info: info, cidrBlock: read.cidr(p["CidrBlock"]),
                enableDnsSupport: read.bool(p["EnableDnsSupport"]),
                enableDnsHostnames: read.bool(p["EnableDnsHostnames"])))
        case "AWS::EC2::Subnet":
            var zone = read.availabilityZone(p["AvailabilityZone"])
            if zone.isAbsent, let zoneID = p["AvailabilityZoneId"] {
                zone = read.string(zoneID).map { .zoneID($0) }
            }
            let hasIPv6CIDR = subnetIPv6(p)
            model.subnets.insert(Subnet(
                info: info, vpc: read.ref(p["VpcId"]), cidrBlock: read.cidr(p["CidrBlock"]),
                availabilityZone: zone, mapPublicIpOnLaunch: read.bool(p["MapPublicIpOnLaunch"]),
                hasIPv6CIDR: hasIPv6CIDR, ipv6Native: read.bool(p["Ipv6Native"])))
        case "AWS::EC2::SubnetCidrBlock":
            subnetCIDRBlocks.append((read.ref(p["SubnetId"]), info))
        case "AWS::EC2::InstanceConnectEndpoint":
            // The reference's default for PreserveClientIp has changed between
            // versions, so an unset value stays unknown rather than defaulted.
            model.instanceConnectEndpoints.insert(InstanceConnectEndpoint(
                info: info, subnet: read.ref(p["SubnetId"]), securityGroups: read.refListOrAbsent(p["SecurityGroupIds"]),
                preserveClientIp: p["PreserveClientIp"] == nil
                    ? .unknown(Unresolved("PreserveClientIp is not set, and CloudFormation's documented default has changed between versions"))
                    : read.bool(p["PreserveClientIp"]),
                ipAddressType: read.string(p["IpAddressType"])))
        case "AWS::EC2::RouteTable":
            model.routeTables.insert(RouteTable(info: info, vpc: read.ref(p["VpcId"])))
        case "AWS::EC2::Route":
            let standalone = route(info, p, path: path)
            standaloneRoutes.append(standalone)
        case "AWS::EC2::SubnetRouteTableAssociation":
            model.subnetRouteTableAssociations.insert(SubnetRouteTableAssociation(
                info: info, subnet: read.ref(p["SubnetId"]), routeTable: read.ref(p["RouteTableId"])))
        case "AWS::EC2::InternetGateway":
            model.internetGateways.insert(InternetGateway(info: info))
        case "AWS::EC2::VPCGatewayAttachment":
            model.gatewayAttachments.insert(GatewayAttachment(
                info: info, vpc: read.ref(p["VpcId"]), internetGateway: read.ref(p["InternetGatewayId"]),
                vpnGateway: read.ref(p["VpnGatewayId"])))
        case "AWS::EC2::NatGateway":
            model.natGateways.insert(NatGateway(
                info: info, subnet: read.ref(p["SubnetId"]), connectivityType: read.string(p["ConnectivityType"])))
        case "AWS::EC2::SecurityGroup":
            addSecurityGroup(info, p, path: path)
        case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress":
            let direction: SecurityGroupRule.Direction = info.type.hasSuffix("Ingress") ? .ingress : .egress
            if let rule = securityGroupRule(p, direction: direction, carrier: info.id, isStandalone: true,
                                            location: info.location, condition: info.condition) {
                let group = p["GroupId"] != nil ? read.ref(p["GroupId"]) : read.ref(p["GroupName"])
                standaloneRules.append((rule, group))
            }
        case "AWS::EC2::VPCEndpoint":
            let region = serviceRegion(p["ServiceRegion"])
            model.vpcEndpoints.insert(VPCEndpoint(
                info: info, vpc: read.ref(p["VpcId"]), serviceName: read.text(p["ServiceName"]),
                endpointType: read.string(p["VpcEndpointType"]), privateDnsEnabled: read.bool(p["PrivateDnsEnabled"]),
                subnets: read.refList(p["SubnetIds"]), securityGroups: read.refList(p["SecurityGroupIds"]),
                routeTables: read.refList(p["RouteTableIds"]), serviceRegion: region))
        case "AWS::EC2::Instance":
            addInstance(info, p, path: path)
        case "AWS::EC2::LaunchTemplate":
            let data = p["LaunchTemplateData"]
            let profile = data?["IamInstanceProfile"]
            let interfaces = networkInterfaces(data?["NetworkInterfaces"], groupsKey: "Groups", path: path + "/LaunchTemplateData/NetworkInterfaces", info: info)
            model.launchTemplates.insert(LaunchTemplate(
                info: info,
                securityGroups: data?["SecurityGroupIds"] != nil ? read.refList(data?["SecurityGroupIds"]) : read.refList(data?["SecurityGroups"]),
                networkInterfaces: interfaces,
                instanceProfile: profile?["Arn"] != nil ? read.ref(profile?["Arn"]) : read.ref(profile?["Name"]),
                keyName: read.string(data?["KeyName"])))
        case "AWS::AutoScaling::LaunchConfiguration":
            model.launchTemplates.insert(.launchConfiguration(
                info: info, securityGroups: read.refList(p["SecurityGroups"]),
                associatePublicIpAddress: read.bool(p["AssociatePublicIpAddress"]),
                instanceProfile: read.ref(p["IamInstanceProfile"]), keyName: read.string(p["KeyName"])))
        case "AWS::AutoScaling::AutoScalingGroup":
            let specification = p["LaunchTemplate"]
                ?? p["MixedInstancesPolicy"]?["LaunchTemplate"]?["LaunchTemplateSpecification"]
            var template = read.ref(specification?["LaunchTemplateId"] ?? specification?["LaunchTemplateName"])
            if template.isAbsent { template = read.ref(p["LaunchConfigurationName"]) }
            model.autoScalingGroups.insert(AutoScalingGroup(
                info: info, subnets: read.refList(p["VPCZoneIdentifier"]), launchTemplate: template))
        case "AWS::IAM::InstanceProfile":
            model.instanceProfiles.insert(InstanceProfile(
                info: info, profileName: read.string(p["InstanceProfileName"]), roles: read.refList(p["Roles"])))
        case "AWS::IAM::Role":
            let managed: [Value<SymbolicText>] = p["ManagedPolicyArns"]?.list?.map { read.text($0) }
                ?? (p["ManagedPolicyArns"].map { [.unknown($0.unresolved ?? Unresolved("ManagedPolicyArns cannot be resolved"))] } ?? [])
            var inline: [PropertyValue] = []
            var unreadable: [Unresolved] = []
            if let policies = p["Policies"] {
                if let items = policies.list {
                    for item in items {
                        if let document = item["PolicyDocument"] { inline.append(document) }
                        else if let reason = item.unresolved { unreadable.append(reason) }
                    }
                } else {
                    unreadable.append(policies.unresolved ?? Unresolved("the Policies of role \(info.id) cannot be resolved"))
                }
            }
            model.roles.insert(Role(
                info: info, roleName: read.string(p["RoleName"]), assumeRolePolicy: p["AssumeRolePolicyDocument"],
                managedPolicyArns: managed, policyDocuments: inline, unresolvedPolicies: unreadable))
        case "AWS::Route53::HostedZone":
            let vpcs = (p["VPCs"]?.list ?? []).map { read.ref($0["VPCId"]) }
            model.hostedZones.insert(HostedZone(info: info, name: read.dnsName(p["Name"]), vpcs: vpcs))
        case "AWS::EC2::DHCPOptions":
            model.dhcpOptions.insert(DHCPOptions(info: info, domainNameServers: read.stringList(p["DomainNameServers"])))
        case "AWS::EC2::VPCDHCPOptionsAssociation":
            model.dhcpOptionsAssociations.insert(DHCPOptionsAssociation(
                info: info, vpc: read.ref(p["VpcId"]), dhcpOptions: read.ref(p["DhcpOptionsId"])))
        case "AWS::Route53::RecordSet":
            let record = dnsRecord(p, carrier: info, location: info.location, zoneSource: p)
            model.dnsRecords.append(record)
        case "AWS::Route53::RecordSetGroup":
            for (index, item) in (p["RecordSets"]?.list ?? []).enumerated() {
                let record = dnsRecord(item, carrier: info, location: location(item, "\(path)/RecordSets/\(index)", fallback: info), zoneSource: p)
                model.dnsRecords.append(record)
            }
        case "AWS::EC2::EIP":
            if p["InstanceId"] != nil {
                model.elasticIPAssociations.append(ElasticIPAssociation(
                    carrier: info.id, instance: read.ref(p["InstanceId"]), networkInterface: .absent, condition: info.condition))
            }
        case "AWS::EC2::EIPAssociation":
            model.elasticIPAssociations.append(ElasticIPAssociation(
                carrier: info.id, instance: read.ref(p["InstanceId"]), networkInterface: read.ref(p["NetworkInterfaceId"]),
                condition: info.condition))
        case "AWS::EC2::NetworkInterface":
            model.networkInterfaces.insert(NetworkInterface(
                info: info, subnet: read.ref(p["SubnetId"]), securityGroups: read.refList(p["GroupSet"]),
                privateIpAddress: read.string(p["PrivateIpAddress"])))
        case "AWS::EC2::NetworkInterfaceAttachment":
            model.networkInterfaceAttachments.insert(NetworkInterfaceAttachment(
                info: info, instance: read.ref(p["InstanceId"]), networkInterface: read.ref(p["NetworkInterfaceId"]),
                deviceIndex: read.int(p["DeviceIndex"])))
        case "AWS::EC2::VPCCidrBlock":
            model.vpcCidrBlocks.insert(VPCCidrBlockAssociation(info: info, vpc: read.ref(p["VpcId"]), cidrBlock: read.cidr(p["CidrBlock"])))
        case "AWS::EC2::PrefixList":
            let entries: Value<[Value<String>]> = p["Entries"]?.list.map { .known($0.map { read.cidr($0["Cidr"]) }) } ?? .absent
            model.prefixLists.insert(PrefixList(info: info, entries: entries))
        case "AWS::EC2::VPCPeeringConnection":
            // CloudFormation accepts a peering within one account itself; another account must accept it.
            let owner = read.string(p["PeerOwnerId"])
            model.peeringConnections.insert(PeeringConnection(
                info: info, vpc: read.ref(p["VpcId"]), peerVpc: read.ref(p["PeerVpcId"]),
                accepted: owner.isAbsent ? .known(true) : .unknown(Unresolved("peering \(info.id) must be accepted by account \(owner.known ?? "?")")),
                peerRegion: read.string(p["PeerRegion"]), peerOwner: owner))
        case "AWS::EC2::TransitGateway":
            model.transitGateways.insert(TransitGateway(
                info: info, defaultRouteTableAssociation: read.enableSwitch(p["DefaultRouteTableAssociation"]),
                defaultRouteTablePropagation: read.enableSwitch(p["DefaultRouteTablePropagation"])))
        case "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayVpcAttachment":
            model.transitGatewayAttachments.insert(TransitGatewayAttachment(
                info: info, transitGateway: read.ref(p["TransitGatewayId"]), vpc: read.ref(p["VpcId"]),
                subnets: read.refList(p["SubnetIds"])))
        case "AWS::EC2::TransitGatewayRouteTable":
            model.transitGatewayRouteTables.insert(TransitGatewayRouteTable(info: info, transitGateway: read.ref(p["TransitGatewayId"])))
        case "AWS::EC2::TransitGatewayRouteTableAssociation", "AWS::EC2::TransitGatewayRouteTablePropagation":
            model.transitGatewayRouteTableLinks.insert(TransitGatewayRouteTableLink(
                info: info, kind: info.type.hasSuffix("Association") ? .association : .propagation,
                attachment: read.ref(p["TransitGatewayAttachmentId"]), routeTable: read.ref(p["TransitGatewayRouteTableId"])))
        case "AWS::EC2::TransitGatewayRoute":
            model.transitGatewayRoutes.insert(TransitGatewayRoute(
                info: info, routeTable: read.ref(p["TransitGatewayRouteTableId"]), destination: read.string(p["DestinationCidrBlock"]),
                attachment: read.ref(p["TransitGatewayAttachmentId"]), blackhole: read.bool(p["Blackhole"])))
        case "AWS::Route53Profiles::ProfileAssociation":
            model.dnsResolutionOverrides.insert(DNSResolutionOverride(info: info, vpc: read.ref(p["ResourceId"]), kind: .profile))
        case "AWS::Route53Resolver::ResolverRuleAssociation":
            model.dnsResolutionOverrides.insert(DNSResolutionOverride(
                info: info, vpc: read.ref(p["VPCId"]), kind: .resolverRule(read.ref(p["ResolverRuleId"]))))
        case "AWS::Route53Resolver::ResolverRule":
            model.resolverRules.insert(ResolverRule(info: info, domainName: read.string(p["DomainName"]).map(HostedZone.normalize)))
        case "AWS::EC2::VPNGateway":
            model.vpnGateways.insert(VPNGateway(info: info))
        case "AWS::EC2::NetworkAcl":
            model.networkACLs.insert(NetworkACL(info: info, vpc: read.ref(p["VpcId"])))
        case "AWS::EC2::NetworkAclEntry":
            let entry = networkACLEntry(p, info: info)
            standaloneACLEntries.append((entry, read.ref(p["NetworkAclId"])))
        case "AWS::EC2::SubnetNetworkAclAssociation":
            model.networkACLAssociations.append(NetworkACLAssociation(
                carrier: info.id, location: info.location, subnet: read.ref(p["SubnetId"]),
                networkACL: read.ref(p["NetworkAclId"]), condition: info.condition))
        case "AWS::SSM::Document":
            model.sessionDocuments.insert(SessionDocumentReader(read: read).document(
                info: info, documentType: read.string(p["DocumentType"]), content: p["Content"]))
        case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
            policyAttachments.append((read.refList(p["Roles"]), p["PolicyDocument"], info))
        case "AWS::IAM::RolePolicy":
            policyAttachments.append((read.refList(p["RoleName"]), p["PolicyDocument"], info))
        default:
            break
        }
    }

    /// `ServiceRegion: !Ref AWS::Region` is the stack's own Region: the same as leaving it out.
    private func serviceRegion(_ value: PropertyValue?) -> Value<String> {
        if case .text(let text)? = value?.kind, text.segments == [.pseudo("AWS::Region")] { return .absent }
        return read.string(value)
    }

    // MARK: DNS

    private func dnsRecord(_ p: PropertyValue, carrier: ResourceInfo, location: SourceLocation, zoneSource: PropertyValue) -> DNSRecord {
        let zone = zoneSource["HostedZoneId"].map { read.ref($0) } ?? .absent
        let alias = p["AliasTarget"].map { read.text($0["DNSName"]) }
        let values: Value<[Value<SymbolicText>]> = p["ResourceRecords"].map { records in
            records.list.map { .known($0.map { read.text($0) }) } ?? .unknown(records.unresolved ?? Unresolved("ResourceRecords cannot be resolved"))
        } ?? .absent
        return DNSRecord(
            carrier: carrier.id, location: location, zone: zone,
            zoneName: read.dnsName(zoneSource["HostedZoneName"]),
            name: read.dnsName(p["Name"]), type: read.string(p["Type"]),
            aliasTarget: alias, values: values, condition: carrier.condition)
    }

    // MARK: Security groups

    private mutating func addSecurityGroup(_ info: ResourceInfo, _ p: PropertyValue, path: String) {
        let egress = inlineRules(info, p, "SecurityGroupEgress", .egress, path: path)
        let ingress = inlineRules(info, p, "SecurityGroupIngress", .ingress, path: path)
        model.securityGroups.insert(SecurityGroup(
            info: info, vpc: read.ref(p["VpcId"]), ingress: ingress, egress: egress,
            implicitEgress: p["SecurityGroupEgress"] == nil ? .allowAll : .none))
    }

    /// A security group's `SecurityGroupIngress` or `SecurityGroupEgress` list.
    private func inlineRules(_ info: ResourceInfo, _ p: PropertyValue, _ key: String, _ direction: SecurityGroupRule.Direction,
                             path: String) -> [SecurityGroupRule] {
        guard let value = p[key] else { return [] }
        guard let items = value.list else {
            return [unresolvedRule(info, direction, value, reason: value.unresolved ?? Unresolved("\(key) cannot be resolved"), path: "\(path)/\(key)")]
        }
        return items.enumerated().compactMap { index, item in
            let itemPath = "\(path)/\(key)/\(index)"
            if let reason = item.unresolved { return unresolvedRule(info, direction, item, reason: reason, path: itemPath) }
            return securityGroupRule(item, direction: direction, carrier: info.id, isStandalone: false,
                                     location: location(item, itemPath, fallback: info), condition: info.condition)
        }
    }

    /// A rule whose content is unknown (e.g. behind an undecidable `Fn::If`):
    /// it may allow anything, so checks that depend on it stay silent.
    private func unresolvedRule(_ info: ResourceInfo, _ direction: SecurityGroupRule.Direction, _ value: PropertyValue,
                                reason: Unresolved, path: String) -> SecurityGroupRule {
        SecurityGroupRule(carrier: info.id, isStandalone: false, location: location(value, path, fallback: info),
                          direction: direction, ipProtocol: .unknown(reason), fromPort: .unknown(reason),
                          toPort: .unknown(reason), peer: .unknown(reason), condition: info.condition)
    }

    private func securityGroupRule(_ p: PropertyValue, direction: SecurityGroupRule.Direction, carrier: ResourceID,
                                   isStandalone: Bool, location: SourceLocation, condition: String?) -> SecurityGroupRule? {
        let peerKeys = direction == .ingress ? Self.ingressPeerKeys : Self.egressPeerKeys
        // Without any source or destination the rule is silently not created.
        guard let (key, kind) = peerKeys.first(where: { p[$0.0] != nil }), let peerValue = p[key] else { return nil }
        let peer: Value<RulePeer>
        switch kind {
        case .ipv4CIDR: peer = read.cidr(peerValue).map { .ipv4CIDR($0) }
        case .ipv6CIDR: peer = read.cidr(peerValue).map { .ipv6CIDR($0) }
        case .securityGroup: peer = read.ref(peerValue).map { .securityGroup($0) }
        case .prefixList: peer = read.ref(peerValue).map { .prefixList($0) }
        }
        let protocolValue: Value<IPProtocol> = read.string(p["IpProtocol"]).flatMap { text in
            IPProtocol(parsing: text).map { .known($0) } ?? .unknown(Unresolved("unrecognised IpProtocol '\(text)'"))
        }
        var rule = SecurityGroupRule(
            carrier: carrier, isStandalone: isStandalone, location: location, direction: direction,
            ipProtocol: protocolValue, fromPort: read.int(p["FromPort"]), toPort: read.int(p["ToPort"]),
            peer: peer, condition: condition)
        rule.peerOrigin = resolver.defaultParameter(of: peerValue).map { "parameter \($0), default" }
        return rule
    }

    private enum PeerKind { case ipv4CIDR, ipv6CIDR, securityGroup, prefixList }

    /// Says which resources were left out because the default parameters turn
    /// their condition off, and how to check them anyway.
    static func offByDefaultRemark(_ resources: [(resource: String, condition: String)]) -> String {
        let byCondition = Dictionary(grouping: resources, by: \.condition)
        let parts = byCondition.keys.sorted().map { condition in
            let names = byCondition[condition]!.map(\.resource)
            let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
            return "\(shown) (condition \(condition))"
        }
        return "not checked because their condition is false with the default parameters: \(parts.joined(separator: "; ")); "
            + "pass the parameter values you deploy with, or --include-default-off-resources to check them as resources that exist only under their condition"
    }

    private static let ingressPeerKeys: [(String, PeerKind)] = [
        ("CidrIp", .ipv4CIDR), ("CidrIpv6", .ipv6CIDR), ("SourceSecurityGroupId", .securityGroup),
        ("SourceSecurityGroupName", .securityGroup), ("SourcePrefixListId", .prefixList),
    ]
    private static let egressPeerKeys: [(String, PeerKind)] = [
        ("CidrIp", .ipv4CIDR), ("CidrIpv6", .ipv6CIDR), ("DestinationSecurityGroupId", .securityGroup),
        ("DestinationPrefixListId", .prefixList),
    ]

    // MARK: Routes

    private static let routeTargets: [(String, RouteTarget.Kind)] = [
        ("GatewayId", .gateway), ("NatGatewayId", .natGateway), ("TransitGatewayId", .transitGateway),
        ("VpcPeeringConnectionId", .peeringConnection), ("InstanceId", .instance),
        ("NetworkInterfaceId", .networkInterface), ("VpcEndpointId", .vpcEndpoint),
        ("EgressOnlyInternetGatewayId", .egressOnlyInternetGateway), ("CarrierGatewayId", .carrierGateway),
        ("LocalGatewayId", .localGateway), ("CoreNetworkArn", .coreNetwork),
    ]

    private func route(_ info: ResourceInfo, _ p: PropertyValue, path: String) -> Route {
        let destination: RouteDestination
        if let value = p["DestinationCidrBlock"] {
            destination = .ipv4(read.cidr(value))
        } else if let value = p["DestinationIpv6CidrBlock"] {
            destination = .ipv6(read.cidr(value))
        } else if let value = p["DestinationPrefixListId"] {
            destination = .prefixList(read.ref(value))
        } else {
            destination = .unknown(Unresolved("the route has no destination"))
        }
        var target = RouteTarget(kind: .unknown, resource: .unknown(Unresolved("the route has no target")))
        if let (key, kind) = Self.routeTargets.first(where: { p[$0.0] != nil }) {
            target = RouteTarget(kind: kind, resource: read.ref(p[key]))
        }
        return Route(carrier: info.id, location: info.location, routeTable: read.ref(p["RouteTableId"]),
                     destination: destination, target: target, condition: info.condition)
    }

    // MARK: Network ACLs

    private func networkACLEntry(_ p: PropertyValue, info: ResourceInfo) -> NetworkACLEntry {
        var block: Value<NetworkACLEntry.Block> = .unknown(Unresolved("the entry has neither CidrBlock nor Ipv6CidrBlock"))
        if let value = p["CidrBlock"] { block = read.string(value).map { .ipv4($0) } }
        else if let value = p["Ipv6CidrBlock"] { block = read.string(value).map { .ipv6($0) } }
        let range = p["PortRange"]
        return NetworkACLEntry(
            carrier: info.id, location: info.location, ruleNumber: read.int(p["RuleNumber"]),
            isEgress: read.bool(p["Egress"]).or(false), ipProtocol: read.networkACLProtocol(p["Protocol"]),
            action: read.networkACLAction(p["RuleAction"]), block: block,
            fromPort: read.int(range?["From"]), toPort: read.int(range?["To"]), condition: info.condition)
    }

    /// Whether a subnet is given an IPv6 CIDR inline (a block, a list, or an IPAM allocation).
    private func subnetIPv6(_ p: PropertyValue) -> Value<Bool> {
        for key in ["Ipv6CidrBlock", "Ipv6CidrBlocks", "Ipv6IpamPoolId", "Ipv6NetmaskLength"] {
            let set = read.isSet(p[key])
            if !set.isAbsent { return set }
        }
        return .absent
    }

    // MARK: Compute

    private mutating func addInstance(_ info: ResourceInfo, _ p: PropertyValue, path: String) {
        let template = p["LaunchTemplate"]
        let interfaces = networkInterfaces(p["NetworkInterfaces"], groupsKey: "GroupSet", path: path + "/NetworkInterfaces", info: info)
        model.instances.insert(Instance(
            info: info, subnet: read.ref(p["SubnetId"]),
            securityGroups: p["SecurityGroupIds"] != nil ? read.refList(p["SecurityGroupIds"]) : read.refList(p["SecurityGroups"]),
            associatePublicIpAddress: .absent, privateIpAddress: read.string(p["PrivateIpAddress"]),
            networkInterfaces: interfaces,
            instanceProfile: read.ref(p["IamInstanceProfile"]), keyName: read.string(p["KeyName"]),
            launchTemplate: read.ref(template?["LaunchTemplateId"] ?? template?["LaunchTemplateName"])))
    }

    private func networkInterfaces(_ value: PropertyValue?, groupsKey: String, path: String, info: ResourceInfo) -> [NetworkInterfaceSpec] {
        guard let value else { return [] }
        guard let items = value.list else {
            let reason = value.unresolved ?? Unresolved("NetworkInterfaces cannot be resolved")
            return [NetworkInterfaceSpec(location: location(value, path, fallback: info), deviceIndex: .unknown(reason),
                                         subnet: .unknown(reason), securityGroups: .unknown(reason),
                                         associatePublicIpAddress: .unknown(reason), privateIpAddress: .unknown(reason))]
        }
        return items.enumerated().map { index, item in
            NetworkInterfaceSpec(
                location: location(item, "\(path)/\(index)", fallback: info),
                deviceIndex: read.int(item["DeviceIndex"]), subnet: read.ref(item["SubnetId"]),
                securityGroups: read.refList(item[groupsKey]),
                associatePublicIpAddress: read.bool(item["AssociatePublicIpAddress"]),
                privateIpAddress: read.string(item["PrivateIpAddress"]),
                networkInterface: read.ref(item["NetworkInterfaceId"]))
        }
    }

    // MARK: IAM

    /// Policies attached to roles by separate resources, and customer managed
    /// policies referenced from a role's ManagedPolicyArns. A policy that may
    /// be attached (a condition, a role that cannot be resolved) makes the
    /// role's permissions unknown rather than absent; so does publishing the
    /// role in Outputs, since other stacks can then attach policies to it.
    private mutating func attachPolicies() {
        let roleNames = Dictionary(model.roles.compactMap { role in role.roleName.known.map { ($0, role.id) } },
                                   uniquingKeysWith: { first, _ in first })
        for (roles, document, policy) in policyAttachments {
            var targets: [ResourceID] = []
            var mayAttachAnywhere: Unresolved?
            switch roles {
            case .known(let items):
                for item in items {
                    switch item {
                    case .known(.declared(let role)): targets.append(role)
                    case .known(.external(let name)): if let role = roleNames[name] { targets.append(role) }
                    case .unknown(let reason): mayAttachAnywhere = reason
                    case .absent: break
                    }
                }
            case .unknown(let reason): mayAttachAnywhere = reason
            case .absent: break
            }
            if let reason = mayAttachAnywhere {
                let unresolved = Unresolved("policy \(policy.id) is attached to a role that cannot be resolved (\(reason.reason))")
                for role in model.roles { model.roles.modify(role.id) { $0.unresolvedPolicies.append(unresolved) } }
            }
            for role in targets {
                model.roles.modify(role) { role in
                    if let condition = policy.condition {
                        role.unresolvedPolicies.append(Unresolved("policy \(policy.id) is attached only if condition \(condition) holds"))
                    } else if let document {
                        role.policyDocuments.append(document)
                    } else {
                        role.unresolvedPolicies.append(Unresolved("policy \(policy.id) has no document"))
                    }
                }
            }
        }
        let documents = Dictionary(policyAttachments.map { ($0.policy.id, $0.document) }, uniquingKeysWith: { first, _ in first })
        for role in model.roles {
            // A declared policy in ManagedPolicyArns stands for its document.
            var arns: [Value<SymbolicText>] = []
            var attached: [PropertyValue] = []
            for arn in role.managedPolicyArns {
                if case .known(let text) = arn, text.segments.count == 1, case .reference(let id, _) = text.segments[0],
                   let document = documents[id] ?? nil {
                    attached.append(document)
                } else {
                    arns.append(arn)
                }
            }
            model.roles.modify(role.id) {
                $0.managedPolicyArns = arns
                $0.policyDocuments += attached
            }
            if model.exportedResources.contains(role.id) {
                model.roles.modify(role.id) {
                    $0.unresolvedPolicies.append(Unresolved("role \(role.id) is published in Outputs, so other stacks may attach policies to it"))
                }
            }
        }
    }
}

/// A resource type matched against the type names of a `switch`: lengths are
/// compared first. Most of the four dozen names are longer than a small
/// string, and comparing two of them went through the standard library's
/// general comparison for every case before the one that matched.
private struct ResourceTypeName {
    let text: String
    init(_ text: String) { self.text = text }

    static func ~= (pattern: String, value: ResourceTypeName) -> Bool {
        pattern.utf8.count == value.text.utf8.count && pattern == value.text
    }
}
