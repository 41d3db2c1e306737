import SSMLintEngine

/// SSM009: a target whose routes reach the Systems Manager endpoints of a
/// peered VPC (or one behind a declared transit gateway), while no private
/// hosted zone of its own VPC resolves the service names: private DNS answers
/// only inside the endpoint's VPC, so the agent resolves the public names. An
/// error without an internet path, a warning with one (or when that is
/// unknown). Also a warning for a private hosted zone named after a parent of
/// the service names, which captures every other name below it.
struct RemoteEndpointWithoutDNSRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        for target in analysis.ssmIntendedTargets {
            guard let vpc = analysis.vpcID(of: target) else { continue }
            report.evaluated(target.id)
            let (found, unresolved) = analysis.remoteEndpointsWithoutDNS(of: target)
            guard !found.isEmpty else {
                if let unresolved {
                    report.unresolved(at: target.info, check: "whether \(target.displayName) relies on another VPC's endpoints without a private hosted zone",
                                      reason: unresolved, key: target.key)
                }
                continue
            }
            reportTarget(target, in: vpc, found, context: context, &report)
        }
        checkParentZones(context, &report)
    }

    private func reportTarget(_ target: ComputeTarget, in vpc: ResourceID, _ found: [UnresolvedRemoteEndpoint],
                              context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        let services = found.map(\.service)
        let names = services.map { ConnectivityText.dnsName($0, model) }
        let endpoints = found.map(\.endpoint.endpoint.id.rawValue)
        let peers = Array(Set(found.map(\.endpoint.vpc.rawValue))).sorted()
        let connections = Array(Set(found.map(\.connection.resource.rawValue))).sorted()
        let access = context.analysis.internetAccess(of: target)
        var message = "\(target.displayName)\(ConnectivityText.condition(target, context.model)) in \(vpc) reaches endpoint\(endpoints.count == 1 ? "" : "s") \(endpoints.joined(separator: ", ")) (\(ConnectivityText.services(services))) of \(peers.joined(separator: ", ")) through \(connections.joined(separator: ", ")), but no private hosted zone associated with \(vpc) resolves \(names.joined(separator: ", ")): an endpoint's private DNS answers only inside its own VPC, so the agent resolves the public names"
        let variant: String?
        switch access {
        case .none:
            if services.contains(.ssm) || services.contains(.ssmmessages) {
                message += " and, with no internet path, cannot connect"
                variant = nil
            } else {
                message += " and older agents cannot connect (\(ConnectivityText.ec2messagesNote))"
                variant = "ec2messages"
            }
        case .internetGateway, .natGateway:
            message += " and its traffic leaves through NAT or the internet gateway instead of the endpoints"
            variant = "internet-path"
        case .unknown:
            message += " and connects only if it has another way to the public endpoints"
            variant = "internet-path"
        }
        let peerings = found.compactMap { item -> PeeringConnection? in
            if case .peering(let id) = item.connection { return model.peeringConnections[id] }
            return nil
        }
        if peerings.contains(where: \.allowsRemoteDNSResolution) {
            message += " (allow_remote_vpc_dns_resolution resolves the peer's instance hostnames, not its endpoint names)"
        }
        var related = found.compactMap { ConnectivityText.related($0.endpoint.endpoint.id, in: model, "\($0.service.rawValue) endpoint of the other VPC") }
        related += connections.compactMap { ConnectivityText.related(ResourceID($0), in: model, "connection to the endpoints' VPC") }
        report.violation(
            at: target.info, message: message,
            fix: "Create private hosted zones \(names.joined(separator: ", ")) with alias A records to the regional DNS names of \(endpoints.joined(separator: ", ")) and associate them with \(vpc) (or share them through a Route 53 Profile); if the zones are associated with \(peers.joined(separator: ", ")) too, turn private DNS off on those endpoints.",
            variant: variant, key: target.key, related: related)
    }

    /// A private hosted zone named `<region>.amazonaws.com`, `amazonaws.com` or
    /// `com` answers for every name below it in the VPCs it is associated with;
    /// names it has no record for no longer resolve to their public addresses.
    private func checkParentZones(_ context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        for zone in model.hostedZones {
            guard let name = zone.name.known, SSMZoneNames.servesAnySSMName(name, region: model.region),
                  !SSMService.allCases.contains(where: { SSMZoneNames.isExactName(name, service: $0, region: model.region) }) else { continue }
            let vpcs = zone.vpcs.compactMap { $0.known?.declaredID }.filter { model.vpcs[$0] != nil }
            guard !vpcs.isEmpty else { continue }
            report.evaluated(zone.id)
            let condition = zone.info.condition.map { " (when condition \($0) holds)" } ?? ""
            let vpcList = vpcs.map(\.rawValue).joined(separator: ", ")
            let shown = HostedZone.display(name)
            report.violation(
                at: zone.info,
                message: "private hosted zone \(zone.id) (\(shown)) is associated with \(vpcList)\(condition): it serves the Systems Manager names there, but it also answers for every other name under \(shown), so any AWS service name without a record in it stops resolving in \(vpcs.count == 1 ? "that VPC" : "those VPCs")",
                fix: "Use one private hosted zone per service name instead (ssm.<region>.amazonaws.com, ssmmessages.<region>.amazonaws.com, ec2messages.<region>.amazonaws.com), each with an alias A record at its apex.",
                variant: "parent-zone", key: "parent-zone",
                related: vpcs.compactMap { ConnectivityText.related($0, in: model, "VPC the zone is associated with") })
        }
    }
}
