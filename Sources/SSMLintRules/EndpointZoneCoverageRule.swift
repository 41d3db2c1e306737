import SSMLintEngine

/// SSM004: a target's Availability Zone has no network interface of an
/// endpoint on its path. It still works through the other AZs' interfaces
/// (the endpoint's DNS name returns the addresses of every AZ), but an outage
/// there cuts management here, and cross-AZ traffic is billed: a warning, one
/// per (VPC, AZ).
struct EndpointZoneCoverageRule: Rule {
    private struct Gap {
        var vpc: ResourceID
        var zone: AvailabilityZone
        var services: Set<SSMService> = []
        var endpoints: [ResourceID] = []
        var targets: [ComputeTarget] = []
        var seenEndpoints: Set<ResourceID> = []
        var seenTargets: Set<String> = []
    }

    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        // In order of discovery, found by key; updated in place (through a
        // dictionary's optional, each update copied the gap's sets and lists).
        var gaps: [Gap] = []
        var gapIndex: [String: Int] = [:]
        for target in analysis.ssmIntendedTargets {
            guard let vpc = analysis.vpcID(of: target) else { continue }
            for service in SSMService.allCases {
                guard let endpoint = analysis.path(of: target, to: service).servingEndpoint else { continue }
                report.evaluated(target.id)
                switch analysis.sharesZone(target, with: endpoint) {
                case .known(true): continue
                case .unknown(let reason):
                    report.unresolved(at: target.info,
                                      check: "whether \(target.displayName) shares an Availability Zone with endpoint \(endpoint.endpoint.id)",
                                      reason: reason, key: "\(target.key)|\(service.rawValue)")
                    continue
                default: break
                }
                guard case .known(let zone) = analysis.zone(of: target.subnet) else { continue }
                let key = "\(vpc.rawValue)|\(zone.normalized(region: context.model.region))"
                let index: Int
                if let known = gapIndex[key] {
                    index = known
                } else {
                    index = gaps.count
                    gapIndex[key] = index
                    gaps.append(Gap(vpc: vpc, zone: zone))
                }
                gaps[index].services.insert(service)
                if gaps[index].seenEndpoints.insert(endpoint.endpoint.id).inserted { gaps[index].endpoints.append(endpoint.endpoint.id) }
                if gaps[index].seenTargets.insert(target.key).inserted { gaps[index].targets.append(target) }
            }
        }
        for gap in gaps {
            let zone = gap.zone.description   // spelled once: it appears five times below
            let endpoints = gap.endpoints.map(\.rawValue).joined(separator: ", ")
            let related = gap.endpoints.compactMap { ConnectivityText.related($0, in: context.model, "endpoint without a subnet in \(zone)") }
                + gap.targets.dropFirst().map { ConnectivityText.related($0, "also in \(zone)") }
            report.violation(
                at: gap.targets[0].info,
                message: "\(ConnectivityText.targets(gap.targets)) \(ConnectivityText.verb(gap.targets, "runs", "run")) in \(zone), where endpoint\(gap.endpoints.count == 1 ? "" : "s") \(endpoints) (\(ConnectivityText.services(Array(gap.services)))) \(gap.endpoints.count == 1 ? "has" : "have") no network interface: sessions work through the other zones, but an outage there cuts management of \(zone) and cross-AZ traffic is billed",
                fix: "Add a subnet in \(zone) to the SubnetIds of \(endpoints) (one subnet per AZ).",
                key: "zone:\(gap.vpc.rawValue)|\(zone)", related: related)
        }
    }
}
