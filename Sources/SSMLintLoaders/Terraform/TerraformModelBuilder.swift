import SSMLintModel
import SSMLintYAML

/// Maps planned Terraform resources into the model CloudFormation templates
/// map into, applying hashicorp/aws's defaults and the places where Terraform
/// differs (docs/how-it-decides.md): no egress unless declared, protocol spellings
/// per resource type, standalone rules and associations merged.
struct TerraformModelBuilder {
    private let file: String
    private let plan: TerraformPlan
    private let values: TerraformValueBuilder
    private var read = PropertyReader()
    private var model: InfrastructureModel
    private var remarks: [String] = []
    private var standaloneRules: [(SecurityGroupRule, Value<ResourceRef>)] = []
    private var standaloneRoutes: [Route] = []
    private var standaloneACLEntries: [(NetworkACLEntry, Value<ResourceRef>)] = []
    /// Default network ACL IDs of VPCs that already exist, by ID.
    private var defaultACLOwners: [String: ResourceID] = [:]
    private var deferred: [(TerraformPlan.Instance, ResourceInfo, PropertyValue)] = []
    private let keepsResourceProperties: Bool

    init(file: String, plan: TerraformPlan, options: LoadOptions) {
        self.file = file
        self.plan = plan
        self.keepsResourceProperties = options.keepsResourceProperties
        self.values = TerraformValueBuilder(plan: plan)
        var region = options.region
        if region == nil, let expression = plan.region {
            region = values.resolver.resolve(expression, key: "region", module: plan.root, instance: nil, range: expression.range).scalar
        }
        model = InfrastructureModel(file: file, format: .terraformPlan, region: region)
        model.mayMixRegions = plan.awsProviderRegions.count > 1
    }

    mutating func build() -> LoadedInput {
        // Names and managed default groups/tables are aliases every later read must see.
        var properties: [(TerraformPlan.Instance, ResourceInfo, PropertyValue)] = []
        properties.reserveCapacity(plan.instances.count)
        model.reserveCapacity(resources: plan.instances.count)
        for instance in plan.instances where instance.type == "aws_vpc" {
            // An existing VPC's default ACL ID is known: entries and associations may name it literally.
            if let acl = instance.values["default_network_acl_id"]?.scalar, !acl.isEmpty {
                let vpc = ResourceID(instance.address)
                defaultACLOwners[acl] = vpc
                read.names[acl] = ResourceID(.defaultNetworkAcl, of: vpc)
            }
        }
        for instance in plan.instances {
            let info = ResourceInfo(
                id: ResourceID(instance.address), type: instance.type,
                location: SourceLocation(file: file, range: instance.node.range, logicalPath: "planned_values/\(instance.address)"))
            let value = values.properties(of: instance)
            properties.append((instance, info, value))
            model.add(Resource(info: info, properties: value), keepingProperties: keepsResourceProperties)
            let actions = plan.actions[instance.address] ?? []
            if actions == ["no-op"] || actions == ["update"] || actions == ["read"] { model.preexistingResources.insert(info.id) }
            registerAliases(instance.type, info.id, value)
        }
        for (instance, info, value) in properties { addTyped(instance, info, value) }
        for (instance, info, value) in deferred { addAssociation(instance, info, value) }
        model.addDefaultSecurityGroups(allowAllEgress: true)
        model.addDefaultNetworkACLs(existingVPCsOpen: true)
        for (rule, group) in standaloneRules { model.attach(rule, toGroup: group) }
        for route in standaloneRoutes { model.attach(route) }
        for (entry, acl) in standaloneACLEntries { model.attach(entry, toACL: acl) }
        recordInferences()
        return LoadedInput(model: model, remarks: remarks)
    }

    /// Values taken from the plan's shape: on the model, and one remark per
    /// module instance and inferred value for the reports.
    private mutating func recordInferences() {
        var groups: [String: [Inference]] = [:]
        var order: [String] = []
        for inference in values.resolver.inferences {
            model.inferences[inference.resource, default: []].append(inference)
            let key = "\(inference.attribute)\u{0}\(inference.value)\u{0}\(inference.reason)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(inference)
        }
        for key in order {
            let group = groups[key]!
            let first = group[0]
            let who = group.count == 1 ? "\(first.resource)" : "\(group.count) resources (\(first.resource), …)"
            remarks.append("\(first.attribute) of \(who) taken to be \(first.value): it is \(first.reason)")
        }
    }

    private mutating func registerAliases(_ type: String, _ id: ResourceID, _ p: PropertyValue) {
        switch type {
        case "aws_default_security_group":
            if case .known(.declared(let vpc)) = read.ref(p["vpc_id"]) {
                read.aliases[ResourceID(.defaultSecurityGroup, of: vpc)] = id
            }
        case "aws_default_route_table":
            if case .reference(let vpc, _)? = p["default_route_table_id"]?.kind {
                read.aliases[ResourceID(.mainRouteTable, of: vpc)] = id
            }
        case "aws_default_network_acl":
            if let vpc = defaultNetworkACLVPC(p) { read.aliases[ResourceID(.defaultNetworkAcl, of: vpc)] = id }
        case "aws_launch_template", "aws_launch_configuration":
            // Auto scaling groups and instances may name their template instead of referencing it.
            if let name = p["name"]?.scalar { read.names[name] = id }
        default:
            break
        }
    }

    /// The VPC whose default ACL an `aws_default_network_acl` manages.
    private func defaultNetworkACLVPC(_ p: PropertyValue) -> ResourceID? {
        switch p["default_network_acl_id"]?.kind {
        case .reference(let vpc, _)?: return vpc
        case .scalar(let acl)?: if let vpc = defaultACLOwners[acl] { return vpc }
        default: break
        }
        if case .known(.declared(let vpc)) = read.ref(p["vpc_id"]) { return vpc }
        return nil
    }

    private func location(_ value: PropertyValue?, _ info: ResourceInfo, _ suffix: String) -> SourceLocation {
        SourceLocation(file: file, range: value?.range ?? info.location.range, logicalPath: info.location.logicalPath + suffix)
    }

    private func first(_ value: PropertyValue?) -> PropertyValue? {
        guard let value else { return nil }
        if let items = value.list { return items.first }
        return value.unresolved != nil ? value : nil
    }

    /// An empty string means "not set" in plan values.
    private func nonEmpty(_ value: PropertyValue?) -> PropertyValue? {
        if let text = value?.scalar, text.isEmpty { return nil }
        return value
    }

    // MARK: Dispatch

    private mutating func addTyped(_ instance: TerraformPlan.Instance, _ info: ResourceInfo, _ p: PropertyValue) {
        switch instance.type {
        case "aws_vpc":
            model.vpcs.insert(VPC(info: info, cidrBlock: read.cidr(p["cidr_block"]),
                                  enableDnsSupport: read.bool(p["enable_dns_support"]),
                                  enableDnsHostnames: read.bool(p["enable_dns_hostnames"])))
        case "aws_subnet":
            var zone = read.availabilityZone(nonEmpty(p["availability_zone"]))
            if zone.isAbsent, let id = nonEmpty(p["availability_zone_id"]) { zone = read.string(id).map { .zoneID($0) } }
            model.subnets.insert(Subnet(info: info, vpc: read.ref(p["vpc_id"]), cidrBlock: read.cidr(p["cidr_block"]),
                                        availabilityZone: zone, mapPublicIpOnLaunch: read.bool(p["map_public_ip_on_launch"]),
                                        hasIPv6CIDR: read.isSet(p["ipv6_cidr_block"]), ipv6Native: read.bool(p["ipv6_native"])))
        case "aws_ec2_instance_connect_endpoint":
            // The provider writes preserve_client_ip (default true) into the plan;
            // security_group_ids left unset is absent: the VPC default group.
            model.instanceConnectEndpoints.insert(InstanceConnectEndpoint(
                info: info, subnet: read.ref(nonEmpty(p["subnet_id"])), securityGroups: read.refListOrAbsent(p["security_group_ids"]),
                preserveClientIp: read.bool(p["preserve_client_ip"]).or(true),
                ipAddressType: read.string(nonEmpty(p["ip_address_type"]))))
        case "aws_route_table", "aws_default_route_table":
            var vpc = read.ref(p["vpc_id"])
            if instance.type == "aws_default_route_table", case .reference(let owner, _)? = p["default_route_table_id"]?.kind {
                vpc = .known(.declared(owner))
            }
            var table = RouteTable(info: info, vpc: vpc, isMain: instance.type == "aws_default_route_table")
            if let routes = p["route"] {
                if let reason = routes.unresolved {
                    table.routes.append(Route(carrier: info.id, location: info.location, routeTable: .known(.declared(info.id)),
                                              destination: .unknown(reason), target: RouteTarget(kind: .unknown, resource: .unknown(reason))))
                }
                for (index, block) in (routes.list ?? []).enumerated() {
                    table.routes.append(route(block, carrier: info.id, table: .known(.declared(info.id)),
                                              location: location(block, info, "/route/\(index)"), cidrKey: "cidr_block",
                                              ipv6Key: "ipv6_cidr_block"))
                }
            }
            model.routeTables.insert(table)
        case "aws_route":
            standaloneRoutes.append(route(p, carrier: info.id, table: read.ref(p["route_table_id"]), location: info.location,
                                          cidrKey: "destination_cidr_block", ipv6Key: "destination_ipv6_cidr_block"))
        case "aws_route_table_association":
            guard p["subnet_id"] != nil else { break }
            model.subnetRouteTableAssociations.insert(SubnetRouteTableAssociation(
                info: info, subnet: read.ref(p["subnet_id"]), routeTable: read.ref(p["route_table_id"])))
        case "aws_main_route_table_association":
            model.mainRouteTableAssociations.insert(MainRouteTableAssociation(
                info: info, vpc: read.ref(p["vpc_id"]), routeTable: read.ref(p["route_table_id"])))
        case "aws_internet_gateway":
            model.internetGateways.insert(InternetGateway(info: info, vpc: read.ref(p["vpc_id"])))
        case "aws_internet_gateway_attachment":
            model.gatewayAttachments.insert(GatewayAttachment(info: info, vpc: read.ref(p["vpc_id"]),
                                                              internetGateway: read.ref(p["internet_gateway_id"]), vpnGateway: .absent))
        case "aws_vpc_peering_connection":
            // Without auto_accept the connection waits for an accepter, in this plan or elsewhere.
            let accepted: Value<Bool> = read.bool(p["auto_accept"]).known == true
                ? .known(true) : .unknown(Unresolved("peering \(info.id) has no auto_accept, so it is accepted outside the plan, if at all"))
            model.peeringConnections.insert(PeeringConnection(
                info: info, vpc: read.ref(p["vpc_id"]), peerVpc: read.ref(p["peer_vpc_id"]), accepted: accepted,
                peerRegion: read.string(nonEmpty(p["peer_region"])), peerOwner: read.string(nonEmpty(p["peer_owner_id"])),
                allowsRemoteDNSResolution: allowsRemoteDNSResolution(p)))
        case "aws_ec2_transit_gateway":
            model.transitGateways.insert(TransitGateway(
                info: info, defaultRouteTableAssociation: read.enableSwitch(p["default_route_table_association"]),
                defaultRouteTablePropagation: read.enableSwitch(p["default_route_table_propagation"])))
        case "aws_ec2_transit_gateway_vpc_attachment":
            model.transitGatewayAttachments.insert(TransitGatewayAttachment(
                info: info, transitGateway: read.ref(p["transit_gateway_id"]), vpc: read.ref(p["vpc_id"]),
                subnets: read.refList(p["subnet_ids"]),
                usesDefaultAssociation: read.bool(p["transit_gateway_default_route_table_association"]),
                usesDefaultPropagation: read.bool(p["transit_gateway_default_route_table_propagation"])))
        case "aws_ec2_transit_gateway_route_table":
            model.transitGatewayRouteTables.insert(TransitGatewayRouteTable(info: info, transitGateway: read.ref(p["transit_gateway_id"])))
        case "aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation":
            model.transitGatewayRouteTableLinks.insert(TransitGatewayRouteTableLink(
                info: info, kind: instance.type.hasSuffix("association") ? .association : .propagation,
                attachment: read.ref(p["transit_gateway_attachment_id"]), routeTable: read.ref(p["transit_gateway_route_table_id"])))
        case "aws_ec2_transit_gateway_route":
            model.transitGatewayRoutes.insert(TransitGatewayRoute(
                info: info, routeTable: read.ref(p["transit_gateway_route_table_id"]), destination: read.string(p["destination_cidr_block"]),
                attachment: read.ref(nonEmpty(p["transit_gateway_attachment_id"])), blackhole: read.bool(p["blackhole"])))
        case "aws_route53profiles_association":
            model.dnsResolutionOverrides.insert(DNSResolutionOverride(info: info, vpc: read.ref(p["resource_id"]), kind: .profile))
        case "aws_route53_resolver_rule_association":
            model.dnsResolutionOverrides.insert(DNSResolutionOverride(
                info: info, vpc: read.ref(p["vpc_id"]), kind: .resolverRule(read.ref(p["resolver_rule_id"]))))
        case "aws_route53_resolver_rule":
            model.resolverRules.insert(ResolverRule(info: info, domainName: read.string(p["domain_name"]).map(HostedZone.normalize)))
        case "aws_vpn_gateway":
            model.vpnGateways.insert(VPNGateway(info: info))
        case "aws_nat_gateway":
            model.natGateways.insert(NatGateway(info: info, subnet: read.ref(p["subnet_id"]),
                                                connectivityType: read.string(p["connectivity_type"])))
        case "aws_eip":
            if nonEmpty(p["instance"]) != nil || nonEmpty(p["network_interface"]) != nil {
                model.elasticIPAssociations.append(ElasticIPAssociation(
                    carrier: info.id, instance: read.ref(nonEmpty(p["instance"])), networkInterface: read.ref(nonEmpty(p["network_interface"]))))
            }
        case "aws_eip_association":
            model.elasticIPAssociations.append(ElasticIPAssociation(
                carrier: info.id, instance: read.ref(nonEmpty(p["instance_id"])), networkInterface: read.ref(nonEmpty(p["network_interface_id"]))))
        case "aws_security_group", "aws_default_security_group":
            addSecurityGroup(instance, info, p)
        case "aws_security_group_rule":
            let direction: SecurityGroupRule.Direction = p["type"]?.scalar == "egress" ? .egress : .ingress
            for rule in blockRules(p, direction: direction, carrier: info.id, standalone: true, location: info.location,
                                   groupKey: "source_security_group_id") {
                standaloneRules.append((rule, read.ref(p["security_group_id"])))
            }
        case "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule":
            let direction: SecurityGroupRule.Direction = instance.type.hasSuffix("ingress_rule") ? .ingress : .egress
            standaloneRules.append((vpcRule(p, direction: direction, carrier: info.id, location: info.location),
                                    read.ref(p["security_group_id"])))
        case "aws_vpc_endpoint":
            model.vpcEndpoints.insert(VPCEndpoint(
                info: info, vpc: read.ref(p["vpc_id"]), serviceName: read.text(p["service_name"]),
                endpointType: read.string(nonEmpty(p["vpc_endpoint_type"])), privateDnsEnabled: read.bool(p["private_dns_enabled"]),
                subnets: read.refList(p["subnet_ids"]), securityGroups: read.refListOrAbsent(p["security_group_ids"]),
                routeTables: read.refListOrAbsent(p["route_table_ids"]),
                serviceRegion: read.string(nonEmpty(p["service_region"])), region: region(of: instance, p)))
        case "aws_network_acl", "aws_default_network_acl":
            addNetworkACL(instance, info, p)
        case "aws_network_acl_rule":
            standaloneACLEntries.append((networkACLEntry(p, carrier: info.id, location: info.location, egress: read.bool(p["egress"]).or(false),
                                                         numberKey: "rule_number", actionKey: "rule_action"),
                                         read.ref(p["network_acl_id"])))
        case "aws_network_acl_association":
            model.networkACLAssociations.append(NetworkACLAssociation(
                carrier: info.id, location: info.location, subnet: read.ref(p["subnet_id"]), networkACL: read.ref(p["network_acl_id"])))
        case "aws_ssm_document":
            model.sessionDocuments.insert(SessionDocumentReader(read: read).document(
                info: info, documentType: read.string(p["document_type"]), content: p["content"]))
        case "aws_vpc_endpoint_subnet_association", "aws_vpc_endpoint_security_group_association",
             "aws_vpc_endpoint_route_table_association", "aws_vpc_endpoint_private_dns", "aws_route53_zone_association",
             "aws_vpc_peering_connection_accepter", "aws_vpc_peering_connection_options",
             "aws_ec2_transit_gateway_default_route_table_association", "aws_ec2_transit_gateway_default_route_table_propagation",
             "aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_role_policy":
            deferred.append((instance, info, p))
        case "aws_instance":
            addInstance(info, p)
        case "aws_launch_template":
            let profile = first(p["iam_instance_profile"])
            let groups = read.refListOrAbsent(p["vpc_security_group_ids"])
            model.launchTemplates.insert(LaunchTemplate(
                info: info, securityGroups: groups.isAbsent ? read.refListOrAbsent(p["security_group_names"]) : groups,
                networkInterfaces: networkInterfaces(p["network_interfaces"], info: info),
                instanceProfile: read.ref(nonEmpty(profile?["arn"]) ?? nonEmpty(profile?["name"])), keyName: read.string(nonEmpty(p["key_name"]))))
        case "aws_launch_configuration":
            model.launchTemplates.insert(.launchConfiguration(
                info: info, securityGroups: read.refListOrAbsent(p["security_groups"]),
                associatePublicIpAddress: read.bool(p["associate_public_ip_address"]),
                instanceProfile: read.ref(nonEmpty(p["iam_instance_profile"])), keyName: read.string(nonEmpty(p["key_name"]))))
        case "aws_autoscaling_group":
            let specification = first(p["launch_template"])
                ?? first(first(first(p["mixed_instances_policy"])?["launch_template"])?["launch_template_specification"])
            var template = read.ref(nonEmpty(specification?["id"]) ?? nonEmpty(specification?["launch_template_id"])
                                    ?? nonEmpty(specification?["name"]) ?? nonEmpty(specification?["launch_template_name"]))
            if template.isAbsent { template = read.ref(nonEmpty(p["launch_configuration"])) }
            model.autoScalingGroups.insert(AutoScalingGroup(info: info, subnets: read.refListOrAbsent(p["vpc_zone_identifier"]),
                                                            launchTemplate: template))
        case "aws_iam_instance_profile":
            let role = nonEmpty(p["role"])
            model.instanceProfiles.insert(InstanceProfile(info: info, profileName: read.string(p["name"]),
                                                          roles: role == nil ? .known([]) : .known([read.ref(role)])))
        case "aws_iam_role":
            // A customer policy of the plan in managed_policy_arns contributes its document.
            var managed: [Value<SymbolicText>] = []
            var inline = (p["inline_policy"]?.list ?? []).compactMap { policyDocument($0["policy"]) }
            if let arns = p["managed_policy_arns"] {
                // An unknown list resolved through references is one reference, not a list.
                for arn in arns.list ?? [arns] {
                    if let document = declaredPolicyDocument(arn, at: info) { inline.append(document) } else { managed.append(read.text(arn)) }
                }
            }
            model.roles.insert(Role(info: info, roleName: read.string(p["name"]),
                                    assumeRolePolicy: policyDocument(p["assume_role_policy"]),
                                    managedPolicyArns: managed, policyDocuments: inline))
        case "aws_route53_zone":
            let vpcs = (p["vpc"]?.list ?? []).map { read.ref($0["vpc_id"]) }
            model.hostedZones.insert(HostedZone(info: info, name: read.string(p["name"]).map(HostedZone.normalize), vpcs: vpcs))
        case "aws_route53_record":
            let alias = first(p["alias"])
            model.dnsRecords.append(DNSRecord(
                carrier: info.id, location: info.location, zone: read.ref(p["zone_id"]), zoneName: .absent,
                name: read.string(p["name"]).map(HostedZone.normalize), type: read.string(p["type"]),
                aliasTarget: alias.map { read.text($0["name"]) },
                values: p["records"].map { records in
                    records.list.map { .known($0.map { read.text($0) }) } ?? .unknown(records.unresolved ?? Unresolved("records unknown at plan time"))
                } ?? .absent))
        case "aws_vpc_dhcp_options":
            model.dhcpOptions.insert(DHCPOptions(info: info, domainNameServers: read.stringList(p["domain_name_servers"])))
        case "aws_vpc_dhcp_options_association":
            model.dhcpOptionsAssociations.insert(DHCPOptionsAssociation(info: info, vpc: read.ref(p["vpc_id"]),
                                                                        dhcpOptions: read.ref(p["dhcp_options_id"])))
        case "aws_vpc_ipv4_cidr_block_association":
            model.vpcCidrBlocks.insert(VPCCidrBlockAssociation(info: info, vpc: read.ref(p["vpc_id"]), cidrBlock: read.cidr(p["cidr_block"])))
        case "aws_ec2_managed_prefix_list":
            let entries: Value<[Value<String>]> = p["entry"]?.list.map { .known($0.map { read.cidr($0["cidr"]) }) } ?? .absent
            model.prefixLists.insert(PrefixList(info: info, entries: entries))
        default:
            break
        }
    }

    /// Resources that modify others: applied once every resource exists.
    private mutating func addAssociation(_ instance: TerraformPlan.Instance, _ info: ResourceInfo, _ p: PropertyValue) {
        switch instance.type {
        case "aws_vpc_endpoint_subnet_association":
            let subnet = read.ref(p["subnet_id"])
            guard case .known(.declared(let endpoint)) = read.ref(p["vpc_endpoint_id"]) else {
                // It may add a subnet to any endpoint of the plan: none of them is known to lack one.
                let reason = Unresolved("subnet association \(info.id) names an endpoint that is unknown at plan time")
                for endpoint in model.vpcEndpoints.map(\.id) {
                    model.vpcEndpoints.modify(endpoint) { endpoint in
                        switch endpoint.subnets {
                        case .known(let list): endpoint.subnets = .known(list + [.unknown(reason)])
                        case .absent: endpoint.subnets = .known([.unknown(reason)])
                        case .unknown: break
                        }
                    }
                }
                return
            }
            model.vpcEndpoints.modify(endpoint) { endpoint in
                switch endpoint.subnets {
                case .known(let list): endpoint.subnets = .known(list + [subnet])
                case .absent: endpoint.subnets = .known([subnet])
                case .unknown: break
                }
            }
        case "aws_vpc_endpoint_security_group_association":
            guard case .known(.declared(let endpointID)) = read.ref(p["vpc_endpoint_id"]) else { return }
            let group = read.ref(p["security_group_id"])
            // Default false: the default group stays associated unless replace_default_association is true.
            let replaceDefault = read.bool(p["replace_default_association"]).or(false)
            model.vpcEndpoints.modify(endpointID) { endpoint in
                switch endpoint.securityGroups {
                case .known(let list): endpoint.securityGroups = .known(list + [group])
                case .absent:
                    var groups = [group]
                    switch replaceDefault {
                    case .known(true): break
                    case .unknown(let reason): groups.insert(.unknown(reason), at: 0)
                    default:
                        if case .known(.declared(let vpc)) = endpoint.vpc, let declared = model.vpcs[vpc] {
                            groups.insert(.known(.declared(declared.defaultSecurityGroupID)), at: 0)
                        } else {
                            groups.insert(.unknown(Unresolved("the endpoint's VPC \(endpoint.vpc.known?.description ?? "?") is not declared, so its default security group is unknown")), at: 0)
                        }
                        endpoint.defaultGroupKeptBy.append(info.id)
                    }
                    endpoint.securityGroups = .known(groups)
                case .unknown: break
                }
            }
        case "aws_vpc_endpoint_route_table_association":
            let table = read.ref(p["route_table_id"])
            let endpointRef = read.ref(p["vpc_endpoint_id"])
            guard case .known(.declared(let endpoint)) = endpointRef, model.vpcEndpoints.contains(endpoint) else {
                // An endpoint outside the plan (or unresolved) serves this route table.
                model.unattachedEndpointRouteTables.append((info.id, table))
                return
            }
            model.vpcEndpoints.modify(endpoint) { endpoint in
                switch endpoint.routeTables {
                case .known(let list): endpoint.routeTables = .known(list + [table])
                case .absent: endpoint.routeTables = .known([table])
                case .unknown: break
                }
            }
        case "aws_vpc_endpoint_private_dns":
            guard case .known(.declared(let endpoint)) = read.ref(p["vpc_endpoint_id"]) else { return }
            let enabled = read.bool(p["private_dns_enabled"])
            model.vpcEndpoints.modify(endpoint) { $0.privateDnsEnabled = enabled }
        case "aws_vpc_peering_connection_accepter":
            guard case .known(.declared(let peering)) = read.ref(p["vpc_peering_connection_id"]) else { return }
            let accepts = read.bool(p["auto_accept"]).known == true
            let remoteDNS = allowsRemoteDNSResolution(p)
            model.peeringConnections.modify(peering) { connection in
                if accepts { connection.accepted = .known(true) }
                connection.allowsRemoteDNSResolution = connection.allowsRemoteDNSResolution || remoteDNS
            }
        case "aws_vpc_peering_connection_options":
            guard case .known(.declared(let peering)) = read.ref(p["vpc_peering_connection_id"]) else { return }
            let remoteDNS = allowsRemoteDNSResolution(p)
            model.peeringConnections.modify(peering) { $0.allowsRemoteDNSResolution = $0.allowsRemoteDNSResolution || remoteDNS }
        case "aws_ec2_transit_gateway_default_route_table_association", "aws_ec2_transit_gateway_default_route_table_propagation":
            // Another table becomes the default one: the default-table reading no longer holds.
            guard case .known(.declared(let gateway)) = read.ref(p["transit_gateway_id"]) else { return }
            let replaced: Value<Bool> = .unknown(Unresolved("\(info.id) replaces the default route table of transit gateway \(gateway)"))
            model.transitGateways.modify(gateway) { transitGateway in
                if instance.type.hasSuffix("association") { transitGateway.defaultRouteTableAssociation = replaced }
                else { transitGateway.defaultRouteTablePropagation = replaced }
            }
        case "aws_route53_zone_association":
            guard case .known(.declared(let zone)) = read.ref(p["zone_id"]) else { return }
            let vpc = read.ref(p["vpc_id"])
            model.hostedZones.modify(zone) { $0.vpcs.append(vpc) }
        case "aws_iam_role_policy_attachment", "aws_iam_policy_attachment":
            var roles: [Value<ResourceRef>] = [read.ref(p["role"])]
            if instance.type == "aws_iam_policy_attachment" {
                switch read.refListOrAbsent(p["roles"]) {
                case .known(let list): roles = list
                case .unknown(let reason): roles = [.unknown(reason)]
                case .absent: roles = []
                }
            }
            let arn = p["policy_arn"]
            let document = declaredPolicyDocument(arn, at: info)
            let managed = read.text(arn)
            for ref in roles {
                switch ref {
                case .known(let ref):
                    guard let role = declaredRole(ref) else { continue }
                    model.roles.modify(role) { role in
                        if let document { role.policyDocuments.append(document) } else { role.managedPolicyArns.append(managed) }
                    }
                case .unknown(let reason):
                    // The attachment may land on any role of the plan.
                    let unresolved = Unresolved("policy attachment \(info.id) names a role that is unknown at plan time (\(reason.reason))")
                    for role in model.roles { model.roles.modify(role.id) { $0.unresolvedPolicies.append(unresolved) } }
                case .absent:
                    continue
                }
            }
        case "aws_iam_role_policy":
            if let reason = read.ref(p["role"]).unresolved {
                let unresolved = Unresolved("inline policy \(info.id) names a role that is unknown at plan time (\(reason.reason))")
                for role in model.roles { model.roles.modify(role.id) { $0.unresolvedPolicies.append(unresolved) } }
                return
            }
            guard let ref = read.ref(p["role"]).known, let role = declaredRole(ref) else { return }
            let document = policyDocument(p["policy"])
            model.roles.modify(role) { role in
                if let document { role.policyDocuments.append(document) }
                else { role.unresolvedPolicies.append(Unresolved("inline policy \(info.id) is unknown at plan time")) }
            }
        default:
            break
        }
    }

    /// `accepter` / `requester` blocks with `allow_remote_vpc_dns_resolution = true`.
    private func allowsRemoteDNSResolution(_ p: PropertyValue) -> Bool {
        ["accepter", "requester"].contains { side in
            (p[side]?.list ?? []).contains { read.bool($0["allow_remote_vpc_dns_resolution"]).known == true }
        }
    }

    /// The document of a customer managed policy declared in the plan, when
    /// `arn` references one (unknown when the policy text is unknown at plan time).
    private func declaredPolicyDocument(_ arn: PropertyValue?, at info: ResourceInfo) -> PropertyValue? {
        guard case .reference(let policy, _)? = arn?.kind, let text = model.resource(policy)?.properties["policy"] else { return nil }
        return policyDocument(text) ?? PropertyValue(.unknown(Unresolved("policy \(policy) is unknown at plan time")), range: info.location.range)
    }

    /// The region of a resource created through another provider configuration
    /// than the default `aws` one, or with the resource-level `region` argument
    /// of provider v6. Absent: the plan's Region applies.
    private func region(of instance: TerraformPlan.Instance, _ p: PropertyValue) -> Value<String> {
        let own = read.string(nonEmpty(p["region"]))
        if !own.isAbsent { return own }
        guard let key = plan.configuration(of: instance)?["provider_config_key"]?.scalar, key != "aws" else { return .absent }
        guard let entry = plan.awsProviderRegions[key] else {
            return .unknown(Unresolved("provider configuration \(key) is not in the plan"))
        }
        guard let expression = entry else {
            return .unknown(Unresolved("provider configuration \(key) sets no region (it comes from the environment)"))
        }
        let modulePath = key.split(separator: ":").dropLast().joined(separator: ":")
        let module = plan.modules[modulePath] ?? plan.root
        let resolver = TerraformExpressionResolver(plan: plan, convert: values.convert)
        return read.string(resolver.resolve(expression, key: "region", module: module, instance: nil, range: expression.range))
    }

    /// Attachments name roles by name (`role = aws_iam_role.x.name` is known at plan time).
    private func declaredRole(_ ref: ResourceRef) -> ResourceID? {
        switch ref {
        case .declared(let id): return model.roles.contains(id) ? id : nil
        case .external(let name): return model.roles.first { $0.roleName.known == name }?.id
        }
    }

    /// IAM documents are JSON strings in plans; unknown ones stay unknown.
    private func policyDocument(_ value: PropertyValue?) -> PropertyValue? {
        guard let value else { return nil }
        if value.unresolved != nil { return value }
        guard let text = value.scalar, !text.isEmpty,
              let node = try? YAMLParser.parse(Array(text.utf8)) else { return nil }
        return values.convert(node)
    }

    // MARK: Routes

    private static let routeTargets: [(String, RouteTarget.Kind)] = [
        ("gateway_id", .gateway), ("nat_gateway_id", .natGateway), ("transit_gateway_id", .transitGateway),
        ("vpc_peering_connection_id", .peeringConnection), ("network_interface_id", .networkInterface),
        ("vpc_endpoint_id", .vpcEndpoint), ("egress_only_gateway_id", .egressOnlyInternetGateway),
        ("carrier_gateway_id", .carrierGateway), ("local_gateway_id", .localGateway), ("core_network_arn", .coreNetwork),
        ("instance_id", .instance),
    ]

    private func route(_ p: PropertyValue, carrier: ResourceID, table: Value<ResourceRef>, location: SourceLocation,
                       cidrKey: String, ipv6Key: String) -> Route {
        let destination: RouteDestination
        if let value = nonEmpty(p[cidrKey]) {
            destination = .ipv4(read.cidr(value))
        } else if let value = nonEmpty(p[ipv6Key]) {
            destination = .ipv6(read.cidr(value))
        } else if let value = nonEmpty(p["destination_prefix_list_id"]) {
            destination = .prefixList(read.ref(value))
        } else {
            destination = .unknown(Unresolved("the route's destination is unknown at plan time"))
        }
        var target = RouteTarget(kind: .unknown, resource: .unknown(Unresolved("the route's target is unknown at plan time")))
        if let (key, kind) = Self.routeTargets.first(where: { nonEmpty(p[$0.0]) != nil }) {
            target = RouteTarget(kind: kind, resource: read.ref(p[key]))
        }
        return Route(carrier: carrier, location: location, routeTable: table, destination: destination, target: target)
    }

    // MARK: Security groups

    private mutating func addSecurityGroup(_ instance: TerraformPlan.Instance, _ info: ResourceInfo, _ p: PropertyValue) {
        func rules(_ key: String, _ direction: SecurityGroupRule.Direction) -> [SecurityGroupRule] {
            guard let value = p[key] else { return [] }
            if let reason = value.unresolved {
                return [SecurityGroupRule(carrier: info.id, isStandalone: false, location: location(value, info, "/\(key)"),
                                          direction: direction, ipProtocol: .unknown(reason), fromPort: .unknown(reason),
                                          toPort: .unknown(reason), peer: .unknown(reason))]
            }
            return (value.list ?? []).enumerated().flatMap { index, block in
                blockRules(block, direction: direction, carrier: info.id, standalone: false,
                           location: location(block, info, "/\(key)/\(index)"), groupKey: "security_groups")
            }
        }
        let isDefault = instance.type == "aws_default_security_group"
        model.securityGroups.insert(SecurityGroup(
            info: info, vpc: read.ref(p["vpc_id"]), ingress: rules("ingress", .ingress), egress: rules("egress", .egress),
            implicitEgress: .none, isVPCDefault: isDefault))
        if isDefault, case .known(.declared(let vpc)) = read.ref(p["vpc_id"]) {
            model.vpcs.modify(vpc) { $0.managedDefaultSecurityGroup = info.id }
        }
    }

    /// Inline blocks and `aws_security_group_rule`: one model rule per source.
    private func blockRules(_ p: PropertyValue, direction: SecurityGroupRule.Direction, carrier: ResourceID, standalone: Bool,
                            location: SourceLocation, groupKey: String) -> [SecurityGroupRule] {
        if let reason = p.unresolved {
            return [SecurityGroupRule(carrier: carrier, isStandalone: standalone, location: location, direction: direction,
                                      ipProtocol: .unknown(reason), fromPort: .unknown(reason), toPort: .unknown(reason),
                                      peer: .unknown(reason))]
        }
        let proto: Value<IPProtocol> = read.string(p["protocol"]).flatMap { text in
            IPProtocol(parsing: text).map { .known($0) } ?? .unknown(Unresolved("unrecognised protocol '\(text)'"))
        }
        var peers: [Value<RulePeer>] = []
        func collect(_ key: String, _ make: @escaping (PropertyValue) -> Value<RulePeer>) {
            guard let value = p[key] else { return }
            if let reason = value.unresolved { peers.append(.unknown(reason)); return }
            for item in value.list ?? [value] where nonEmpty(item) != nil { peers.append(make(item)) }
        }
        collect("cidr_blocks") { read.cidr($0).map { .ipv4CIDR($0) } }
        collect("ipv6_cidr_blocks") { read.cidr($0).map { .ipv6CIDR($0) } }
        collect("prefix_list_ids") { read.ref($0).map { .prefixList($0) } }
        // The provider computes source_security_group_id even for CIDR rules: an unknown
        // value next to other sources is not a source.
        if !(standalone && !peers.isEmpty && p[groupKey]?.unresolved != nil) {
            collect(groupKey) { read.ref($0).map { .securityGroup($0) } }
        }
        if read.bool(p["self"]).known == true { peers.append(.known(.selfGroup)) }
        return peers.map { peer in
            SecurityGroupRule(carrier: carrier, isStandalone: standalone, location: location, direction: direction,
                              ipProtocol: proto, fromPort: read.int(p["from_port"]), toPort: read.int(p["to_port"]), peer: peer)
        }
    }

    /// `aws_vpc_security_group_ingress_rule` / `_egress_rule`: ip_protocol verbatim.
    private func vpcRule(_ p: PropertyValue, direction: SecurityGroupRule.Direction, carrier: ResourceID,
                         location: SourceLocation) -> SecurityGroupRule {
        let proto: Value<IPProtocol> = read.string(p["ip_protocol"]).flatMap { text in
            IPProtocol(parsing: text).map { .known($0) } ?? .unknown(Unresolved("unrecognised ip_protocol '\(text)'"))
        }
        var peer: Value<RulePeer> = .unknown(Unresolved("the rule's source or destination is unknown at plan time"))
        if let value = nonEmpty(p["cidr_ipv4"]) { peer = read.cidr(value).map { .ipv4CIDR($0) } }
        else if let value = nonEmpty(p["cidr_ipv6"]) { peer = read.cidr(value).map { .ipv6CIDR($0) } }
        else if let value = nonEmpty(p["prefix_list_id"]) { peer = read.ref(value).map { .prefixList($0) } }
        else if let value = nonEmpty(p["referenced_security_group_id"]) { peer = read.ref(value).map { .securityGroup($0) } }
        return SecurityGroupRule(carrier: carrier, isStandalone: true, location: location, direction: direction,
                                 ipProtocol: proto, fromPort: read.int(p["from_port"]), toPort: read.int(p["to_port"]), peer: peer)
    }

    // MARK: Network ACLs

    private mutating func addNetworkACL(_ instance: TerraformPlan.Instance, _ info: ResourceInfo, _ p: PropertyValue) {
        var entries: [NetworkACLEntry] = []
        for (key, egress) in [("ingress", false), ("egress", true)] {
            guard let value = p[key] else { continue }
            if let reason = value.unresolved {
                entries.append(NetworkACLEntry(carrier: info.id, location: location(value, info, "/\(key)"), ruleNumber: .unknown(reason),
                                               isEgress: .known(egress), ipProtocol: .unknown(reason), action: .unknown(reason),
                                               block: .unknown(reason), fromPort: .unknown(reason), toPort: .unknown(reason)))
                continue
            }
            for (index, block) in (value.list ?? []).enumerated() {
                entries.append(networkACLEntry(block, carrier: info.id, location: location(block, info, "/\(key)/\(index)"),
                                               egress: .known(egress), numberKey: "rule_no", actionKey: "action"))
            }
        }
        let isDefault = instance.type == "aws_default_network_acl"
        var vpc = read.ref(p["vpc_id"])
        if isDefault, let owner = defaultNetworkACLVPC(p) { vpc = .known(.declared(owner)) }
        model.networkACLs.insert(NetworkACL(info: info, vpc: vpc, entries: entries, isVPCDefault: isDefault))
        if let subnets = p["subnet_ids"] {
            let list: [Value<ResourceRef>] = subnets.unresolved.map { [.unknown($0)] } ?? (read.refListOrAbsent(subnets).known ?? [])
            for subnet in list {
                model.networkACLAssociations.append(NetworkACLAssociation(
                    carrier: info.id, location: info.location, subnet: subnet, networkACL: .known(.declared(info.id))))
            }
        }
    }

    /// Inline `ingress`/`egress` blocks (`rule_no`, `action`) and `aws_network_acl_rule` (`rule_number`, `rule_action`).
    private func networkACLEntry(_ p: PropertyValue, carrier: ResourceID, location: SourceLocation, egress: Value<Bool>,
                                 numberKey: String, actionKey: String) -> NetworkACLEntry {
        if let reason = p.unresolved {
            return NetworkACLEntry(carrier: carrier, location: location, ruleNumber: .unknown(reason), isEgress: egress,
                                   ipProtocol: .unknown(reason), action: .unknown(reason), block: .unknown(reason),
                                   fromPort: .unknown(reason), toPort: .unknown(reason))
        }
        var block: Value<NetworkACLEntry.Block> = .unknown(Unresolved("the entry's address range is unknown at plan time"))
        if let value = nonEmpty(p["cidr_block"]) { block = read.string(value).map { .ipv4($0) } }
        else if let value = nonEmpty(p["ipv6_cidr_block"]) { block = read.string(value).map { .ipv6($0) } }
        return NetworkACLEntry(
            carrier: carrier, location: location, ruleNumber: read.int(p[numberKey]), isEgress: egress,
            ipProtocol: read.networkACLProtocol(p["protocol"]), action: read.networkACLAction(p[actionKey]), block: block,
            fromPort: read.int(p["from_port"]), toPort: read.int(p["to_port"]))
    }

    // MARK: Compute

    private mutating func addInstance(_ info: ResourceInfo, _ p: PropertyValue) {
        let template = first(p["launch_template"])
        var interfaces: [NetworkInterfaceSpec] = []
        for (index, block) in (p["network_interface"]?.list ?? []).enumerated() {
            let attached = read.ref(block["network_interface_id"])
            let eni = attached.known?.declaredID.flatMap { model.resource($0)?.properties }
            interfaces.append(NetworkInterfaceSpec(
                location: location(block, info, "/network_interface/\(index)"), deviceIndex: read.int(block["device_index"]),
                subnet: eni.map { read.ref($0["subnet_id"]) } ?? .unknown(Unresolved("network interface \(attached.known?.description ?? "?") is not declared")),
                securityGroups: eni.map { read.refListOrAbsent($0["security_groups"]) } ?? .unknown(Unresolved("network interface not declared")),
                associatePublicIpAddress: .absent,
                privateIpAddress: eni.flatMap { $0["private_ips"]?.list?.first }.map { read.string($0) } ?? .absent,
                networkInterface: attached))
        }
        let groups = read.refListOrAbsent(p["vpc_security_group_ids"])
        model.instances.insert(Instance(
            info: info, subnet: read.ref(nonEmpty(p["subnet_id"])),
            securityGroups: groups.isAbsent ? read.refListOrAbsent(p["security_groups"]) : groups,
            associatePublicIpAddress: read.bool(p["associate_public_ip_address"]),
            privateIpAddress: read.string(nonEmpty(p["private_ip"])), networkInterfaces: interfaces,
            instanceProfile: read.ref(nonEmpty(p["iam_instance_profile"])), keyName: read.string(nonEmpty(p["key_name"])),
            launchTemplate: read.ref(nonEmpty(template?["id"]) ?? nonEmpty(template?["name"]))))
    }

    private func networkInterfaces(_ value: PropertyValue?, info: ResourceInfo) -> [NetworkInterfaceSpec] {
        (value?.list ?? []).enumerated().map { index, block in
            // associate_public_ip_address is a string in launch templates ("true", "false", "").
            NetworkInterfaceSpec(
                location: location(block, info, "/network_interfaces/\(index)"),
                deviceIndex: read.int(block["device_index"]).or(0), subnet: read.ref(nonEmpty(block["subnet_id"])),
                securityGroups: read.refListOrAbsent(block["security_groups"]),
                associatePublicIpAddress: read.bool(nonEmpty(block["associate_public_ip_address"])),
                privateIpAddress: read.string(nonEmpty(block["private_ip_address"])))
        }
    }
}
