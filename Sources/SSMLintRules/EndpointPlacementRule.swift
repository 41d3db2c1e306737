import SSMLintEngine

/// SSM013: endpoint type and placement mistakes that make creation fail or
/// leave an endpoint that carries no traffic (found by the analysis, which
/// the other endpoint rules consult so that each endpoint gets one root cause).
struct EndpointPlacementRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        for endpoint in context.model.vpcEndpoints {
            report.evaluated(endpoint.id)
            let problems = context.analysis.placementProblems(of: endpoint)
            guard !problems.isEmpty else { continue }
            let name = endpoint.serviceName.known?.description ?? "an unresolved service"
            report.violation(
                at: endpoint.info,
                message: "endpoint \(endpoint.id) (\(name)): " + problems.map(Self.describe).joined(separator: "; "),
                fix: Self.fix(problems, endpoint: endpoint.id), key: "placement")
        }
    }

    static func describe(_ problem: EndpointPlacementProblem) -> String {
        switch problem {
        case .notInterface(let service, let type, true):
            return "VpcEndpointType is not set, so it is a \(type) endpoint, which \(service.rawValue) does not offer: creation fails"
        case .notInterface(let service, let type, false):
            return "VpcEndpointType is \(type), but \(service.rawValue) is only offered as an Interface endpoint: creation fails"
        case .interfaceWithoutSubnets:
            return "an Interface endpoint without SubnetIds gets no network interface and carries no traffic"
        case .routeTablesOnInterface: return "RouteTableIds applies only to Gateway endpoints"
        case .subnetsOnGateway: return "SubnetIds is not allowed on a Gateway endpoint"
        case .securityGroupsOnGateway: return "SecurityGroupIds is not allowed on a Gateway endpoint"
        case .privateDNSOnGateway: return "PrivateDnsEnabled is supported only on Interface endpoints"
        case .gatewayLoadBalancerSubnetCount: return "a Gateway Load Balancer endpoint takes exactly one subnet"
        case .sameZone(let first, let second, let zone):
            return "subnets \(first) and \(second) are both in \(zone), but an endpoint takes one subnet per Availability Zone"
        case .foreignSubnet(let subnet, let subnetVPC, let endpointVPC):
            return "subnet \(subnet) belongs to \(subnetVPC), not to the endpoint's VPC \(endpointVPC)"
        }
    }

    static func fix(_ problems: [EndpointPlacementProblem], endpoint: ResourceID) -> String {
        var steps: [String] = []
        for problem in problems {
            let step: String
            switch problem {
            case .notInterface: step = "set VpcEndpointType: Interface (Terraform: vpc_endpoint_type = \"Interface\")"
            case .interfaceWithoutSubnets: step = "list one subnet per Availability Zone in SubnetIds (Terraform: subnet_ids)"
            case .routeTablesOnInterface: step = "remove RouteTableIds"
            case .subnetsOnGateway: step = "remove SubnetIds"
            case .securityGroupsOnGateway: step = "remove SecurityGroupIds"
            case .privateDNSOnGateway: step = "remove PrivateDnsEnabled"
            case .gatewayLoadBalancerSubnetCount: step = "give the Gateway Load Balancer endpoint exactly one subnet"
            case .sameZone: step = "keep one subnet per Availability Zone"
            case .foreignSubnet: step = "use subnets of the endpoint's own VPC"
            }
            if !steps.contains(step) { steps.append(step) }
        }
        let text = steps.joined(separator: "; ")
        return "On \(endpoint): " + text + "."
    }
}
