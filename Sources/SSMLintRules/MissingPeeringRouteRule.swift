import SSMLintEngine

/// SSM019: a private hosted zone sends the agent to an endpoint of another
/// VPC, but a route table on the way has no route through the peering
/// connection: the target's table toward the endpoint subnets, or an endpoint
/// subnet's table back to the target's subnet. One finding per (route table,
/// direction, destination), listing the targets it breaks.
struct MissingPeeringRouteRule: Rule {
    private struct Gap {
        var gap: PeeringRouteGap
        var targets: [ComputeTarget] = []
        var services: Set<SSMService> = []
        var endpoints: [ResourceID] = []
        var zones: [ResourceID] = []
    }

    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        var gaps: [String: Gap] = [:]
        var order: [String] = []
        for target in analysis.ssmIntendedTargets {
            for service in SSMService.allCases {
                guard let endpoint = analysis.peeredEndpointTarget(of: target, for: service) else { continue }
                report.evaluated(target.id)
                guard let gap = analysis.peeringRouteGap(of: target, to: service) else {
                    if let reason = analysis.path(of: target, to: service).unresolved {
                        report.unresolved(at: target.info,
                                          check: "whether the routes between \(target.displayName) and endpoint \(endpoint.endpoint.id) exist both ways",
                                          reason: reason, key: "\(target.key)|\(service.rawValue)")
                    }
                    continue
                }
                let key = "\(gap.direction == .toEndpoint ? "to" : "back")|\(gap.routeTable?.rawValue ?? gap.subnet.rawValue)|\(gap.destination)"
                if gaps[key] == nil {
                    order.append(key)
                    gaps[key] = Gap(gap: gap)
                }
                if !gaps[key]!.targets.contains(where: { $0.key == target.key }) { gaps[key]!.targets.append(target) }
                gaps[key]!.services.insert(service)
                if !gaps[key]!.endpoints.contains(gap.endpoint.endpoint.id) { gaps[key]!.endpoints.append(gap.endpoint.endpoint.id) }
                if !gaps[key]!.zones.contains(gap.zone) { gaps[key]!.zones.append(gap.zone) }
            }
        }
        for key in order { reportGap(gaps[key]!, context: context, &report) }
    }

    private func reportGap(_ item: Gap, context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        let gap = item.gap
        let endpoint = gap.endpoint
        let targets = ConnectivityText.targets(item.targets)
        let services = ConnectivityText.services(Array(item.services))
        let endpoints = "endpoint\(item.endpoints.count == 1 ? "" : "s") \(item.endpoints.map(\.rawValue).joined(separator: ", ")) (\(services)) of \(endpoint.vpc)"
        let zones = "private hosted zone\(item.zones.count == 1 ? "" : "s") \(item.zones.map(\.rawValue).joined(separator: ", "))"
        let ec2messagesOnly = item.services == [.ec2messages] ? " (\(ConnectivityText.ec2messagesNote))" : ""
        let targetVPC = context.analysis.vpcID(of: item.targets[0]).map(\.rawValue) ?? "the instances' VPC"
        let via = gap.peering.map { "through peering \($0)" } ?? "through a peering connection (none joins \(targetVPC) and \(endpoint.vpc) in the input)"
        let table = gap.routeTable.map { "route table \($0)" }
            ?? "the main route table of its VPC (only the local route; a template cannot add routes to it)"
        let misrouted = gap.misroutedBy.map { " (route \($0.carrier) sends it to \($0.target.kind.rawValue) \($0.target.resource.known?.description ?? "?") instead)" } ?? ""
        let message: String
        let cidr: String
        switch gap.direction {
        case .toEndpoint:
            cidr = model.vpcs[endpoint.vpc]?.cidrBlock.known ?? gap.destination.description
            message = "\(table) of subnet \(gap.subnet) has no route to \(gap.destination) \(via)\(misrouted), but \(zones) \(item.zones.count == 1 ? "sends" : "send") \(targets) there, to \(endpoints): the connections time out\(ec2messagesOnly)"
        case .back:
            cidr = context.analysis.vpcID(of: item.targets[0]).flatMap { model.vpcs[$0]?.cidrBlock.known } ?? gap.destination.description
            message = "\(table) of endpoint subnet \(gap.subnet) in \(endpoint.vpc) has no route back to \(gap.destination) \(via)\(misrouted), so \(endpoints) cannot answer \(targets), which \(zones) \(item.zones.count == 1 ? "sends" : "send") there: the connections time out\(ec2messagesOnly)"
        }
        let connection = gap.peering?.rawValue ?? "a peering connection between \(targetVPC) and \(endpoint.vpc)"
        let fix: String
        if let routeTable = gap.routeTable {
            fix = "Add a route \(cidr) → \(connection) to \(routeTable)" + (gap.peering == nil ? " (create the peering connection first)." : ".")
        } else {
            fix = "Associate subnet \(gap.subnet) with a route table of its own that routes \(cidr) to \(connection)."
        }
        var related: [RelatedLocation] = []
        if let subnet = ConnectivityText.related(gap.subnet, in: model, "subnet that uses the route table") { related.append(subnet) }
        if let peering = gap.peering, let location = ConnectivityText.related(peering, in: model, "peering connection that needs the route") {
            related.append(location)
        }
        related += item.zones.compactMap { ConnectivityText.related($0, in: model, "private hosted zone that sends the agent to the other VPC") }
        related += item.endpoints.compactMap { ConnectivityText.related($0, in: model, "endpoint in the other VPC") }
        related += item.targets.map { ConnectivityText.related($0, "compute target whose sessions fail") }
        let primary = gap.routeTable.flatMap { model.resource($0)?.info } ?? model.resource(gap.subnet)?.info
        guard let primary else { return }
        report.violation(
            at: primary, message: message, fix: fix,
            variant: item.services == [.ec2messages] ? "ec2messages" : nil,
            key: "\(gap.direction == .toEndpoint ? "to" : "back"):\(gap.destination)", related: related)
    }
}
