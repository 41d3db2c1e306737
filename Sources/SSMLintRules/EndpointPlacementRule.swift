import SSMLintKit

/// SSM013: endpoint type and placement mistakes that make creation fail or
/// leave an endpoint that carries no traffic: a Session Manager endpoint that
/// is not an Interface endpoint (Gateway is the default), an interface
/// endpoint without subnets, properties of the other endpoint type, two
/// subnets in one AZ, a subnet of another VPC, private DNS on a gateway endpoint.
public struct EndpointPlacementRule: Rule {
    public let definition: RuleDefinition
    public init(definition: RuleDefinition) { self.definition = definition }

    public func check(_ context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        for endpoint in model.vpcEndpoints {
            report.evaluated(endpoint.id)
            let problems = Self.problems(endpoint, context: context)
            guard !problems.isEmpty else { continue }
            let name = endpoint.serviceName.known?.description ?? "an unresolved service"
            report.violation(
                at: endpoint.id, location: endpoint.info.location,
                message: "endpoint \(endpoint.id) (\(name)): " + problems.joined(separator: "; ")
                    + ". Set VpcEndpointType: Interface and SubnetIds with one subnet per AZ for interface services",
                key: "placement")
        }
    }

    /// Everything wrong with one endpoint; shared with the rules that defer to SSM013.
    static func problems(_ endpoint: VPCEndpoint, context: RuleContext) -> [String] {
        let model = context.model
        let name = endpoint.serviceName.known.flatMap(EndpointServiceName.init)
        let type = endpoint.endpointType.or(VPCEndpoint.defaultEndpointType).known
        let typeIsDefault = endpoint.endpointType.isAbsent
        var problems: [String] = []
        let subnets = endpoint.subnets.known ?? []
        let hasSubnets = !(endpoint.subnets.known?.isEmpty ?? true) || endpoint.subnets.unresolved != nil
        let hasGroups = !(endpoint.securityGroups.known?.isEmpty ?? true)
        let hasRouteTables = !(endpoint.routeTables.known?.isEmpty ?? true)

        if let service = name?.ssmService, let type, type.caseInsensitiveCompare("Interface") != .orderedSame {
            problems.append(typeIsDefault
                ? "VpcEndpointType is not set, so it is a Gateway endpoint, which \(service.rawValue) does not offer: creation fails"
                : "VpcEndpointType is \(type), but \(service.rawValue) is only offered as an Interface endpoint: creation fails")
        }
        if type?.caseInsensitiveCompare("Interface") == .orderedSame {
            if !hasSubnets { problems.append("an Interface endpoint without SubnetIds gets no network interface and carries no traffic") }
            if hasRouteTables { problems.append("RouteTableIds applies only to Gateway endpoints") }
        }
        if type?.caseInsensitiveCompare("Gateway") == .orderedSame, name?.ssmService == nil {
            if hasSubnets && endpoint.subnets.known != nil { problems.append("SubnetIds is not allowed on a Gateway endpoint") }
            if hasGroups { problems.append("SecurityGroupIds is not allowed on a Gateway endpoint") }
            if endpoint.privateDnsEnabled.known == true {
                problems.append("PrivateDnsEnabled is supported only on Interface endpoints")
            }
        }
        if type?.caseInsensitiveCompare("GatewayLoadBalancer") == .orderedSame, endpoint.subnets.known.map({ $0.count != 1 }) == true {
            problems.append("a Gateway Load Balancer endpoint takes exactly one subnet")
        }
        // One subnet per AZ (F24), all in the endpoint's VPC.
        let analysis = context.analysis
        for (index, first) in subnets.enumerated() {
            for second in subnets[(index + 1)...] {
                guard case .known(let a) = analysis.zone(of: first), case .known(let b) = analysis.zone(of: second),
                      a.isSame(as: b, region: model.region) == true, first.known != second.known else { continue }
                problems.append("subnets \(first.known!) and \(second.known!) are both in \(a): an endpoint takes one subnet per Availability Zone")
            }
        }
        if case .known(.declared(let vpc)) = endpoint.vpc {
            for case .known(.declared(let subnetID)) in subnets {
                guard let subnet = model.subnets[subnetID], case .known(.declared(let other)) = subnet.vpc, other != vpc else { continue }
                problems.append("subnet \(subnetID) belongs to \(other), not to the endpoint's VPC \(vpc)")
            }
        }
        return problems
    }
}
