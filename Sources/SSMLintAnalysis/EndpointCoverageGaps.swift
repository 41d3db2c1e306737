import SSMLintModel

/// Targets of one subnet that an endpoint on their path serves while its
/// security groups admit no TCP 443 from them, or from only part of the subnet.
public struct EndpointCoverageGap: Sendable {
    public let endpoint: SSMEndpoint
    /// The targets' subnet as written, "?" when unresolved.
    public let subnet: String
    /// Why only part of the subnet is admitted; nil when none of it is.
    public let partial: String?
    /// The peering connection or transit gateway when the targets are in another VPC.
    public let connection: ResourceID?
    public internal(set) var targets: [ComputeTarget] = []
}

/// The endpoints on the SSM-intended targets' paths, where their security
/// groups fail the targets, and where that could not be decided.
public struct EndpointCoverageGaps: Sendable {
    public struct Undecided: Sendable {
        public let endpoint: SSMEndpoint
        public let target: ComputeTarget
        public let reason: Unresolved
    }

    /// In the order first met.
    public internal(set) var endpoints: [ResourceID] = []
    /// One per endpoint, subnet and kind (partial or none), in the order first met.
    public internal(set) var gaps: [EndpointCoverageGap] = []
    /// In target order.
    public internal(set) var undecided: [Undecided] = []
}

extension NetworkAnalysis {
    /// Security groups of serving endpoints that drop the targets' TLS
    /// connections: rules unioned over inline and standalone resources, CIDR
    /// containment, source groups, self references.
    public func endpointCoverageGaps() -> EndpointCoverageGaps {
        var result = EndpointCoverageGaps()
        var seen: Set<ResourceID> = []
        var position: [String: Int] = [:]
        for target in ssmIntendedTargets {
            for service in SSMService.allCases {
                let path = path(of: target, to: service)
                guard let endpoint = path.servingEndpoint else { continue }
                if seen.insert(endpoint.endpoint.id).inserted { result.endpoints.append(endpoint.endpoint.id) }
                let partial: String?
                switch endpointCoverage(endpoint, for: target, acrossTransitGateway: path.peered?.connection.isTransitGateway ?? false) {
                case .full: continue
                case .none: partial = nil
                case .partial(let why): partial = why
                case .unknown(let reason):
                    result.undecided.append(.init(endpoint: endpoint, target: target, reason: reason))
                    continue
                }
                let subnet = target.subnet.known?.description ?? "?"
                let key = "\(endpoint.endpoint.id.rawValue)|\(subnet)|\(partial == nil ? "none" : "partial")"
                if position[key] == nil {
                    position[key] = result.gaps.count
                    result.gaps.append(EndpointCoverageGap(endpoint: endpoint, subnet: subnet, partial: partial,
                                                           connection: path.peered?.connection.resource))
                }
                result.gaps[position[key]!].targets.append(target)
            }
        }
        return result
    }
}
