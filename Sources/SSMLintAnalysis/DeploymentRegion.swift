import SSMLintModel

/// A Region the input fixes for a resource, and what fixes it.
public struct RegionEvidence: Sendable, Equatable {
    public var region: String
    /// For messages: "--region", "the aws provider configuration", "the
    /// Availability Zone ap-northeast-1a of subnet A", "endpoint S3's service name".
    public var source: String
    public var resource: ResourceID?
}

/// Where an input says it deploys, strongest evidence first: the Region given
/// for the resource alone (a Terraform provider alias or the resource-level
/// `region`), the input's Region (`--region`, the aws provider
/// configuration), the literal Availability Zone names of its subnets, and
/// the Region segments of its other endpoints' literal service names. A
/// CloudFormation stack lives in one Region, so any of them fixes it; a
/// Terraform plan with several provider configurations is judged on the first
/// two only.
struct DeploymentRegionIndex: Sendable {
    private let input: RegionEvidence?
    private let zones: Value<RegionEvidence>
    /// Literal Regions of endpoint service names (not cross-Region ones), with the endpoints naming them.
    private let endpointRegions: [String: [ResourceID]]

    init(model: InfrastructureModel) {
        if let region = model.region {
            input = RegionEvidence(region: region, source: model.format == .terraformPlan ? "the aws provider configuration" : "--region", resource: nil)
        } else {
            input = nil
        }
        var zoneRegions: [String: RegionEvidence] = [:]
        var endpoints: [String: [ResourceID]] = [:]
        if !model.mayMixRegions {
            for subnet in model.subnets {
                guard case .known(.name(let zone)) = subnet.availabilityZone, let region = AvailabilityZone.region(ofZoneName: zone),
                      zoneRegions[region] == nil else { continue }
                zoneRegions[region] = RegionEvidence(region: region, source: "the Availability Zone \(zone) of subnet \(subnet.id)", resource: subnet.id)
            }
            for endpoint in model.vpcEndpoints where endpoint.serviceRegion.isAbsent && endpoint.region.isAbsent {
                guard let name = endpoint.parsedServiceName,
                      case .literal(let region) = name.region else { continue }
                endpoints[region, default: []].append(endpoint.id)
            }
        }
        switch zoneRegions.count {
        case 0: zones = .absent
        case 1: zones = .known(zoneRegions.values.first!)
        default: zones = .unknown(Unresolved("the subnets' Availability Zones belong to several Regions (\(zoneRegions.keys.sorted().joined(separator: ", ")))"))
        }
        endpointRegions = endpoints
    }

    /// The Region `endpoint` is created in, as far as the input fixes it.
    func region(of endpoint: VPCEndpoint) -> Value<RegionEvidence> {
        switch endpoint.region {
        case .known(let region):
            return .known(RegionEvidence(region: region, source: "its provider configuration", resource: nil))
        case .unknown(let reason):
            return .unknown(reason)
        case .absent:
            break
        }
        if let input { return .known(input) }
        switch zones {
        case .known(let evidence): return .known(evidence)
        case .unknown(let reason): return .unknown(reason)
        case .absent: break
        }
        // The other endpoints' Regions: this endpoint's own name does not count.
        let others = endpointRegions.compactMap { region, ids -> (String, ResourceID)? in
            let other = ids.first { $0 != endpoint.id }
            return other.map { (region, $0) }
        }
        guard others.count == 1, let (region, id) = others.first else {
            return .unknown(Unresolved(others.isEmpty
                ? "the input does not fix its Region (give --region)"
                : "the input's endpoint service names name several Regions (\(others.map(\.0).sorted().joined(separator: ", ")))"))
        }
        return .known(RegionEvidence(region: region, source: "the service name of endpoint \(id)", resource: id))
    }
}
