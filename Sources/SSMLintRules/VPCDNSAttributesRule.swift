import SSMLintKit

/// SSM001: a VPC whose DNS attributes defeat private DNS. Trigger A: it holds
/// an SSM interface endpoint with private DNS on, or a private hosted zone for
/// an SSM service name, while EnableDnsSupport or EnableDnsHostnames is false
/// (hostnames default to false). Trigger B: EnableDnsSupport is false in a VPC
/// that hosts instances and has no custom DNS servers (nothing resolves).
public struct VPCDNSAttributesRule: Rule {
    public let definition: RuleDefinition
    public init(definition: RuleDefinition) { self.definition = definition }

    public func check(_ context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        for vpc in model.vpcs {
            report.evaluated(vpc.id)
            checkPrivateDNS(vpc, model: model, report: &report)
            checkResolver(vpc, model: model, report: &report)
        }
    }

    // MARK: Trigger A

    private func checkPrivateDNS(_ vpc: VPC, model: InfrastructureModel, report: inout RuleReport) {
        var dependents: [RelatedLocation] = []
        var names: [String] = []
        for endpoint in model.vpcEndpoints where endpoint.vpc == .known(.declared(vpc.id)) {
            guard let service = endpoint.serviceName.known.flatMap(EndpointServiceName.init)?.ssmService,
                  endpoint.endpointType.or(VPCEndpoint.defaultEndpointType).known == "Interface",
                  endpoint.privateDnsEnabled.known == true else { continue }
            names.append("endpoint \(endpoint.id) (\(service.rawValue), PrivateDnsEnabled: true)")
            dependents.append(RelatedLocation(resource: endpoint.id, location: endpoint.info.location,
                                              message: "\(service.rawValue) endpoint with private DNS enabled"))
        }
        for zone in model.hostedZones where zone.vpcs.contains(.known(.declared(vpc.id))) {
            guard let name = zone.name.known, SSMNames.isServedZone(name, region: model.region) else { continue }
            names.append("private hosted zone \(zone.id) (\(name))")
            dependents.append(RelatedLocation(resource: zone.id, location: zone.info.location,
                                              message: "private hosted zone for Systems Manager names"))
        }
        guard !dependents.isEmpty else { return }

        let support = vpc.enableDnsSupport.or(VPC.defaultEnableDnsSupport)
        let hostnames = vpc.enableDnsHostnames.or(VPC.defaultEnableDnsHostnames)
        var problems: [String] = []
        if support.known == false { problems.append("EnableDnsSupport is false") }
        if hostnames.known == false {
            problems.append(vpc.enableDnsHostnames.isAbsent ? "EnableDnsHostnames is not set (default false)" : "EnableDnsHostnames is false")
        }
        guard !problems.isEmpty else {
            if let reason = support.unresolved ?? hostnames.unresolved {
                report.unresolved(at: vpc.id, location: vpc.info.location, check: "whether VPC \(vpc.id) supports private DNS", reason: reason, key: "private-dns")
            }
            return
        }
        report.violation(
            at: vpc.id, location: vpc.info.location,
            message: "VPC \(vpc.id): \(problems.joined(separator: " and ")), but \(names.joined(separator: ", ")) need\(names.count == 1 ? "s" : "") both DNS attributes; the Systems Manager names will not resolve to the endpoints. Set EnableDnsSupport: true and EnableDnsHostnames: true (Terraform: enable_dns_support = true, enable_dns_hostnames = true)",
            key: "private-dns", related: dependents)
    }

    // MARK: Trigger B

    private func checkResolver(_ vpc: VPC, model: InfrastructureModel, report: inout RuleReport) {
        guard vpc.enableDnsSupport.known == false else { return }
        let hosted = computeResources(in: vpc, model: model)
        guard !hosted.isEmpty else { return }
        for association in model.dhcpOptionsAssociations where association.vpc == .known(.declared(vpc.id)) {
            guard let options = association.dhcpOptions.known.flatMap({ model.dhcpOptions[$0] }) else {
                report.unresolved(at: vpc.id, location: vpc.info.location, check: "whether VPC \(vpc.id) has a DNS resolver",
                                  reason: Unresolved("its DHCP options set \(association.dhcpOptions.known?.description ?? "?") is not declared in the input"),
                                  key: "resolver")
                return
            }
            switch options.usesCustomResolvers {
            case .known(true), .absent:
                // Custom DNS servers: not evaluated (domain.md SSM001, Trigger B).
                return
            case .unknown(let reason):
                report.unresolved(at: vpc.id, location: vpc.info.location, check: "whether VPC \(vpc.id) has a DNS resolver", reason: reason, key: "resolver")
                return
            case .known(false):
                continue
            }
        }
        let names = hosted.map(\.resource.rawValue)
        report.violation(
            at: vpc.id, location: vpc.info.location,
            message: "VPC \(vpc.id) sets EnableDnsSupport: false and has no DHCP options with custom DNS servers, so \(names.joined(separator: ", ")) cannot resolve any name, Systems Manager endpoints included; set EnableDnsSupport: true",
            key: "resolver", related: hosted)
    }

    /// Instances and auto scaling groups whose subnets lie in the VPC.
    private func computeResources(in vpc: VPC, model: InfrastructureModel) -> [RelatedLocation] {
        func inVPC(_ subnet: Value<ResourceRef>) -> Bool {
            guard let ref = subnet.known, let subnet = model.subnets[ref] else { return false }
            return subnet.vpc == .known(.declared(vpc.id))
        }
        var result: [RelatedLocation] = []
        for instance in model.instances {
            let primary = instance.networkInterfaces.first { $0.deviceIndex.known == 0 }?.subnet ?? instance.subnet
            if inVPC(primary) {
                result.append(RelatedLocation(resource: instance.id, location: instance.info.location, message: "instance in the VPC"))
            }
        }
        for group in model.autoScalingGroups {
            if let subnets = group.subnets.known, subnets.contains(where: inVPC) {
                result.append(RelatedLocation(resource: group.id, location: group.info.location, message: "auto scaling group in the VPC"))
            }
        }
        return result
    }
}
