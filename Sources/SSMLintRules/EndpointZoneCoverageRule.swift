import SSMLintKit

/// SSM004: a target's Availability Zone has no network interface of an
/// endpoint on its path. It still works through the other AZs' interfaces
/// (F25), but an outage there cuts management here, and cross-AZ traffic is
/// billed: a warning, one per (VPC, AZ).
public struct EndpointZoneCoverageRule: Rule {
    public let definition: RuleDefinition
    public init(definition: RuleDefinition) { self.definition = definition }

    public func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        let model = context.model
        struct Gap { var vpc: ResourceID; var zone: AvailabilityZone; var services: Set<SSMService> = []; var endpoints: [ResourceID] = []; var targets: [ComputeTarget] = [] }
        var gaps: [String: Gap] = [:]
        var order: [String] = []
        for target in analysis.ssmIntendedTargets {
            guard let vpc = analysis.vpcID(of: target) else { continue }
            for service in SSMService.allCases {
                guard let endpoint = analysis.path(of: target, to: service).endpoint else { continue }
                report.evaluated(target.id)
                switch covered(target, by: endpoint, analysis: analysis) {
                case .known(true): continue
                case .unknown(let reason):
                    report.unresolved(at: target.id, location: target.info.location,
                                      check: "whether \(target.displayName) shares an Availability Zone with endpoint \(endpoint.endpoint.id)",
                                      reason: reason, key: "\(target.key)|\(service.rawValue)")
                    continue
                default: break
                }
                guard case .known(let zone) = analysis.zone(of: target.subnet) else { continue }
                let key = "\(vpc.rawValue)|\(zone.normalized(region: model.region))"
                if gaps[key] == nil {
                    order.append(key)
                    gaps[key] = Gap(vpc: vpc, zone: zone)
                }
                gaps[key]!.services.insert(service)
                if !gaps[key]!.endpoints.contains(endpoint.endpoint.id) { gaps[key]!.endpoints.append(endpoint.endpoint.id) }
                if !gaps[key]!.targets.contains(where: { $0.key == target.key }) { gaps[key]!.targets.append(target) }
            }
        }
        for key in order {
            let gap = gaps[key]!
            let primary = gap.targets[0]
            let related = gap.endpoints.compactMap { ConnectivityText.related($0, in: model, "endpoint without a subnet in \(gap.zone)") }
                + gap.targets.dropFirst().map { ConnectivityText.related($0, "also in \(gap.zone)") }
            report.violation(
                at: primary.id, location: primary.info.location,
                message: "\(ConnectivityText.targets(gap.targets)) run\(gap.targets.count == 1 ? "s" : "") in \(gap.zone), where endpoint\(gap.endpoints.count == 1 ? "" : "s") \(gap.endpoints.map(\.rawValue).joined(separator: ", ")) (\(ConnectivityText.services(Array(gap.services)))) \(gap.endpoints.count == 1 ? "has" : "have") no network interface: sessions still work through the other zones, but an outage there cuts management of \(gap.zone) and cross-AZ traffic is billed. Add a subnet in \(gap.zone) to the SubnetIds of \(gap.endpoints.map(\.rawValue).joined(separator: ", ")) (one subnet per AZ)",
                key: "zone:\(gap.vpc.rawValue)|\(gap.zone)", related: related)
        }
    }

    /// True when one of the endpoint's subnets is in the target's AZ.
    private func covered(_ target: ComputeTarget, by endpoint: SSMEndpoint, analysis: NetworkAnalysis) -> Value<Bool> {
        let zone = analysis.zone(of: target.subnet)
        guard case .known(let targetZone) = zone else { return .unknown(zone.unresolved ?? Unresolved("the target's AZ is unknown")) }
        guard case .known(let subnets) = analysis.endpointSubnets(endpoint) else {
            return .unknown(Unresolved("the subnets of endpoint \(endpoint.endpoint.id) are unknown"))
        }
        var pending: Unresolved?
        for subnet in subnets {
            let endpointZone = analysis.zone(of: subnet)
            guard case .known(let other) = endpointZone else { pending = endpointZone.unresolved; continue }
            switch targetZone.isSame(as: other, region: analysis.model.region) {
            case true?: return .known(true)
            case nil: pending = Unresolved("\(targetZone) and \(other) cannot be compared")
            case false?: break
            }
        }
        if let pending { return .unknown(pending) }
        return .known(false)
    }
}
