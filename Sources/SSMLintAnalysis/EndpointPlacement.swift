import SSMLintModel

/// A mistake in an endpoint's type or placement that makes its creation fail
/// or leaves an endpoint that carries no traffic. SSM013 reports them; the
/// rules that look at what an endpoint does (private DNS, coverage) ignore an
/// endpoint that has one, so each broken endpoint gets one root cause.
public enum EndpointPlacementProblem: Sendable, Equatable {
    /// A Session Manager service on a Gateway (or other non-Interface) endpoint;
    /// `typeIsDefault` when VpcEndpointType is not set and Gateway is the default.
    case notInterface(service: SSMService, type: String, typeIsDefault: Bool)
    case interfaceWithoutSubnets
    case routeTablesOnInterface
    case subnetsOnGateway
    case securityGroupsOnGateway
    case privateDNSOnGateway
    case gatewayLoadBalancerSubnetCount
    /// Two subnets in one Availability Zone (an endpoint takes one subnet per AZ).
    case sameZone(ResourceRef, ResourceRef, zone: AvailabilityZone)
    /// A subnet of a VPC other than the endpoint's.
    case foreignSubnet(ResourceID, subnetVPC: ResourceID, endpointVPC: ResourceID)
}

extension NetworkAnalysis {
    /// Everything wrong with an endpoint's type and placement, in a stable order.
    public func placementProblems(of endpoint: VPCEndpoint) -> [EndpointPlacementProblem] {
        let name = endpoint.parsedServiceName
        let type = endpoint.endpointType.or(VPCEndpoint.defaultEndpointType).known
        let lowercasedType = type?.lowercased()
        let isInterface = lowercasedType == "interface"
        let isGateway = lowercasedType == "gateway"
        let subnets = endpoint.subnets.known ?? []
        let hasSubnets = !subnets.isEmpty || endpoint.subnets.unresolved != nil
        var problems: [EndpointPlacementProblem] = []

        if let service = name?.ssmService, let type, !isInterface {
            problems.append(.notInterface(service: service, type: type, typeIsDefault: endpoint.endpointType.isAbsent))
        }
        if isInterface {
            if !hasSubnets { problems.append(.interfaceWithoutSubnets) }
            if !(endpoint.routeTables.known?.isEmpty ?? true) { problems.append(.routeTablesOnInterface) }
        }
        if isGateway, name?.ssmService == nil {
            if !subnets.isEmpty { problems.append(.subnetsOnGateway) }
            if !(endpoint.securityGroups.known?.isEmpty ?? true) { problems.append(.securityGroupsOnGateway) }
            if endpoint.privateDnsEnabled.known == true { problems.append(.privateDNSOnGateway) }
        }
        if lowercasedType == "gatewayloadbalancer", endpoint.subnets.known.map({ $0.count != 1 }) == true {
            problems.append(.gatewayLoadBalancerSubnetCount)
        }
        for (index, first) in subnets.enumerated() {
            for second in subnets[(index + 1)...] {
                guard let a = first.known, let b = second.known, a != b,
                      case .known(let zoneA) = zone(of: first), case .known(let zoneB) = zone(of: second),
                      zoneA.isSame(as: zoneB, region: model.region) == true else { continue }
                problems.append(.sameZone(a, b, zone: zoneA))
            }
        }
        if case .known(.declared(let vpc)) = endpoint.vpc {
            for case .known(.declared(let subnetID)) in subnets {
                guard let subnet = model.subnets[subnetID], case .known(.declared(let other)) = subnet.vpc, other != vpc else { continue }
                problems.append(.foreignSubnet(subnetID, subnetVPC: other, endpointVPC: vpc))
            }
        }
        return problems
    }
}
