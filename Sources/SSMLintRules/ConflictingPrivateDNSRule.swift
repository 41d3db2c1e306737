import SSMLintEngine

/// SSM018: two owners for one service name in a VPC. Two interface endpoints
/// for the same service with private DNS on, or a private hosted zone named
/// after a Systems Manager service associated with a VPC whose endpoint for
/// that service has private DNS on: the endpoint's hidden zone already holds
/// the name there, so whichever is created second fails.
struct ConflictingPrivateDNSRule: Rule {
    private struct Claim {
        /// In the model's endpoint list: every endpoint with private DNS makes a claim.
        var element: TableElement<VPCEndpoint>
        var service: String
        var ssmService: SSMService?
        var endpoint: VPCEndpoint { element.value }
    }

    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        var claims: [ResourceRef: [String: [Claim]]] = [:]
        var order: [(ResourceRef, String)] = []
        let endpoints = model.vpcEndpoints.elements
        for (position, endpoint) in endpoints.enumerated() {
            guard let vpc = endpoint.vpc.known, endpoint.endpointType.known?.equalsIgnoringASCIICase("Interface") == true,
                  let text = endpoint.serviceName.known else { continue }
            let name = endpoint.parsedServiceName
            let service = (name?.description ?? text.description).lowercased()
            switch endpoint.privateDnsEnabled.or(VPCEndpoint.defaultPrivateDnsEnabled) {
            case .known(true):
                report.evaluated(endpoint.id)
                if claims[vpc]?[service] == nil { order.append((vpc, service)) }
                claims[vpc, default: [:]][service, default: []].append(Claim(element: TableElement(position, of: endpoints), service: service, ssmService: name?.ssmService))
            case .unknown(let reason):
                report.unresolved(at: endpoint.info, check: "whether \(endpoint.id)'s private DNS conflicts with another owner of its service name",
                                  reason: reason, key: "private-dns")
            default:
                continue
            }
        }
        for (vpc, service) in order {
            let owners = claims[vpc]![service]!
            for later in owners.dropFirst() { reportDuplicate(owners[0], later, vpc: vpc, context: context, &report) }
        }
        for zone in model.hostedZones {
            guard let name = zone.name.known else { continue }
            for case .known(let vpc) in zone.vpcs {
                for (_, owners) in (claims[vpc] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    guard let claim = owners.first, let service = claim.ssmService,
                          SSMZoneNames.isExactName(name, service: service, region: model.region) else { continue }
                    reportZone(zone, name: name, vpc: vpc, claim: claim, context: context, &report)
                }
            }
        }
    }

    /// Resources behind different conditions may be alternatives that never coexist.
    private func conditionsDiffer(_ first: ResourceInfo, _ second: ResourceInfo) -> String? {
        guard first.condition != second.condition else { return nil }
        return [first.condition, second.condition].compactMap { $0 }.joined(separator: " and ")
    }

    private func reportDuplicate(_ first: Claim, _ second: Claim, vpc: ResourceRef, context: RuleContext, _ report: inout RuleReport) {
        let check = "whether endpoints \(first.endpoint.id) and \(second.endpoint.id) both claim the private DNS name of \(second.service) in \(vpc)"
        if let conditions = conditionsDiffer(first.endpoint.info, second.endpoint.info) {
            report.unresolved(at: second.endpoint.info, check: check,
                              reason: Unresolved("they exist under different conditions (\(conditions)), which may never hold together"), key: "duplicate")
            return
        }
        report.violation(
            at: second.endpoint.info,
            message: "endpoints \(first.endpoint.id) and \(second.endpoint.id) both serve \(second.service) in \(vpc) with private DNS on, but a VPC takes only one private DNS name per service, so creating \(second.endpoint.id) fails with a conflicting DNS domain error",
            fix: "Keep one endpoint for \(second.service) in \(vpc) with private DNS, or turn private DNS off on \(second.endpoint.id) (PrivateDnsEnabled: false; Terraform: private_dns_enabled = false).",
            key: "duplicate:\(second.service)",
            related: [RelatedLocation(resource: first.endpoint.id, location: first.endpoint.info.location, message: "the other endpoint with private DNS for \(second.service)")])
    }

    private func reportZone(_ zone: HostedZone, name: String, vpc: ResourceRef, claim: Claim, context: RuleContext, _ report: inout RuleReport) {
        let endpoint = claim.endpoint
        let check = "whether private hosted zone \(zone.id) conflicts with endpoint \(endpoint.id)'s private DNS in \(vpc)"
        if let conditions = conditionsDiffer(zone.info, endpoint.info) {
            report.unresolved(at: zone.info, check: check,
                              reason: Unresolved("they exist under different conditions (\(conditions)), which may never hold together"), key: "zone:\(vpc)")
            return
        }
        report.violation(
            at: zone.info,
            message: "private hosted zone \(zone.id) (\(HostedZone.display(name))) is associated with \(vpc), where endpoint \(endpoint.id) has private DNS on: the endpoint's own hidden zone already holds that name in \(vpc), so the association (or the endpoint) fails with a conflicting-domain error",
            fix: "Turn private DNS off on \(endpoint.id) (PrivateDnsEnabled: false; Terraform: private_dns_enabled = false) and let \(zone.id), with an alias record to the endpoint, serve \(vpc) as well; or associate \(zone.id) only with the other VPCs.",
            key: "zone:\(vpc)",
            related: [RelatedLocation(resource: endpoint.id, location: endpoint.info.location, message: "endpoint with private DNS for the same name")])
    }
}
