import SSMLintEngine

/// SSM001: a VPC whose DNS attributes defeat private DNS. Trigger A: it holds
/// an SSM interface endpoint with private DNS on, or a private hosted zone for
/// an SSM service name, while EnableDnsSupport or EnableDnsHostnames is false
/// (hostnames default to false). Trigger B: EnableDnsSupport is false in a VPC
/// that hosts instances and has no custom DNS servers (nothing resolves).
struct VPCDNSAttributesRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        for vpc in context.model.vpcs {
            report.evaluated(vpc.id)
            checkPrivateDNS(vpc, context: context, report: &report)
            checkResolver(vpc, context: context, report: &report)
        }
    }

    // MARK: Trigger A

    private func checkPrivateDNS(_ vpc: VPC, context: RuleContext, report: inout RuleReport) {
        var names: [String] = []
        var dependents: [RelatedLocation] = []
        // Endpoints whose private DNS is on (the same DNS analysis the path model uses).
        for candidate in context.analysis.endpoints(in: vpc.id)
        where candidate.isInterface.known == true && candidate.endpoint.privateDnsEnabled.known == true {
            let endpoint = candidate.endpoint
            names.append("endpoint \(endpoint.id) (\(candidate.service.rawValue), private DNS on)")
            dependents.append(RelatedLocation(resource: endpoint.id, location: endpoint.info.location,
                                              message: "\(candidate.service.rawValue) endpoint with private DNS enabled"))
        }
        for zone in context.analysis.hostedZones(associatedWith: vpc.id) {
            guard let name = zone.name.known, SSMZoneNames.servesAnySSMName(name, region: context.model.region) else { continue }
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
                report.unresolved(at: vpc.info, check: "whether VPC \(vpc.id) supports private DNS", reason: reason, key: "private-dns")
            }
            return
        }
        report.violation(
            at: vpc.info,
            message: "VPC \(vpc.id): \(problems.joined(separator: " and ")), so the Systems Manager names do not resolve through \(names.joined(separator: ", ")), which need\(names.count == 1 ? "s" : "") both DNS attributes",
            fix: "Set EnableDnsSupport: true and EnableDnsHostnames: true on \(vpc.id) (Terraform: enable_dns_support = true, enable_dns_hostnames = true).",
            key: "private-dns", related: dependents)
    }

    // MARK: Trigger B

    private func checkResolver(_ vpc: VPC, context: RuleContext, report: inout RuleReport) {
        guard vpc.enableDnsSupport.known == false else { return }
        var hosted: [RelatedLocation] = []
        var seen: Set<ResourceID> = []
        for target in context.analysis.targets(in: vpc.id) where seen.insert(target.id).inserted {
            hosted.append(ConnectivityText.related(target, "\(target.kind.rawValue) in the VPC"))
        }
        guard !hosted.isEmpty else { return }
        let check = "whether VPC \(vpc.id) has a DNS resolver"
        for association in context.model.dhcpOptionsAssociations where association.vpc == .known(.declared(vpc.id)) {
            guard let options = association.dhcpOptions.known.flatMap({ context.model.dhcpOptions[$0] }) else {
                report.unresolved(at: vpc.info, check: check,
                                  reason: Unresolved("its DHCP options set \(association.dhcpOptions.known?.description ?? "?") is not declared in the input"),
                                  key: "resolver")
                return
            }
            switch options.usesCustomResolvers {
            case .known(true), .absent:
                return   // custom DNS servers answer instead of the Amazon resolver
            case .unknown(let reason):
                report.unresolved(at: vpc.info, check: check, reason: reason, key: "resolver")
                return
            case .known(false):
                continue
            }
        }
        report.violation(
            at: vpc.info,
            message: "VPC \(vpc.id) sets EnableDnsSupport: false and has no custom DNS servers, so \(hosted.map(\.resource.rawValue).joined(separator: ", ")) cannot resolve any name, the Systems Manager endpoints included",
            fix: "Set EnableDnsSupport: true on \(vpc.id) (Terraform: enable_dns_support = true).",
            key: "resolver", related: hosted)
    }
}
