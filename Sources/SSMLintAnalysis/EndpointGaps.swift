import SSMLintModel

/// A Session Manager service a VPC has no endpoint for, while its targets
/// reach the other services through endpoints: those targets expect a
/// private path, and this service's traffic does not get one.
public struct EndpointGap: Sendable {
    public let vpc: VPC
    public let service: SSMService
    /// Targets with no internet path: the service is out of their reach.
    public internal(set) var isolated: [ComputeTarget] = []
    /// Targets whose traffic for the service leaves through NAT or an internet gateway.
    public internal(set) var leaking: [ComputeTarget] = []
    /// Targets whose default route leads beyond the input (a transit gateway,
    /// a firewall) while the name resolves publicly: the gap is certain, only
    /// whether that route reaches the internet is not. `uncertainty` is the
    /// first such route's reason.
    public internal(set) var uncertain: [ComputeTarget] = []
    public internal(set) var uncertainty: Unresolved?
}

/// Every VPC whose SSM-intended targets were checked for endpoint gaps, the
/// gaps found, and the targets for which a gap could not be decided.
public struct EndpointGaps: Sendable {
    /// A target whose way to a service is unknown: a gap there stays unreported.
    public struct Undecided: Sendable {
        public let target: ComputeTarget
        public let vpc: VPC
        public let reason: Unresolved
    }

    /// The VPCs of the SSM-intended targets, in the order first met.
    public internal(set) var vpcs: [ResourceID] = []
    /// By VPC in the order its first gap was met, then by service.
    public internal(set) var gaps: [EndpointGap] = []
    /// In target order.
    public internal(set) var undecided: [Undecided] = []
}

extension NetworkAnalysis {
    /// The Session Manager services each VPC lacks an endpoint for, where
    /// its targets use endpoints for the others. A target that uses none
    /// has no gap: it goes through NAT or the internet gateway for every
    /// service, or has no path at all (other findings). A declared endpoint
    /// that does not work, or one of another VPC that DNS or routes fail to
    /// reach, is not a gap either: the endpoint's own problem is the finding.
    public func endpointGaps() -> EndpointGaps {
        var result = EndpointGaps()
        var seenVPCs: Set<ResourceID> = []
        // Gaps are filled in place (a copy per target would make this quadratic).
        var found: [EndpointGap] = []
        var position: [VPCService: Int] = [:]
        var vpcRank: [ResourceID: Int] = [:]
        for target in ssmIntendedTargets {
            guard let vpcID = vpcID(of: target), let vpc = model.vpcs[vpcID] else { continue }
            if seenVPCs.insert(vpcID).inserted { result.vpcs.append(vpcID) }
            let paths = SSMService.allCases.map { path(of: target, to: $0) }
            guard paths.contains(where: { $0.servingEndpoint != nil }) else {
                if let reason = paths.lazy.compactMap(\.unresolved).first {
                    result.undecided.append(.init(target: target, vpc: vpc, reason: reason))
                }
                continue
            }
            for (service, path) in zip(SSMService.allCases, paths) where path.servingEndpoint == nil {
                guard endpoints(in: vpcID, for: service).isEmpty, !reliesOnRemoteEndpoint(target, for: service) else { continue }
                // Absence-based: anything undecided keeps the gap unreported, except a known default
                // route to somewhere beyond the input while the name resolves publicly: the gap is
                // certain then, and where the route leads decides only its severity.
                if case .unknown(let reason) = path, !(reason.leadsBeyondInput && resolvesPublicly(service, in: vpcID)) {
                    result.undecided.append(.init(target: target, vpc: vpc, reason: reason))
                    continue
                }
                let key = VPCService(vpc: vpcID, service: service)
                if position[key] == nil {
                    position[key] = found.count
                    found.append(EndpointGap(vpc: vpc, service: service))
                    if vpcRank[vpcID] == nil { vpcRank[vpcID] = vpcRank.count }
                }
                let index = position[key]!
                switch path {
                case .none: found[index].isolated.append(target)
                case .internet: found[index].leaking.append(target)
                case .unknown(let reason):
                    found[index].uncertain.append(target)
                    if found[index].uncertainty == nil { found[index].uncertainty = reason }
                case .endpoint, .peeredEndpoint: break
                }
            }
        }
        result.gaps = found.sorted { (vpcRank[$0.vpc.id]!, $0.service) < (vpcRank[$1.vpc.id]!, $1.service) }
        return result
    }

    /// An endpoint of the VPC for the service's FIPS variant, which SSM Agent
    /// does not use unless it is configured for FIPS.
    public func fipsEndpoint(for service: SSMService, in vpc: ResourceID) -> VPCEndpoint? {
        endpointsByVPC[vpc]?.first { endpoint in
            endpoint.parsedServiceName?.service == service.rawValue + "-fips"
        }
    }
}
