import SSMLintModel

extension NetworkAnalysis {
    /// Endpoints, their DNS, security groups and what each VPC decides about
    /// each service's path.
    struct EndpointFacts: Sendable {
        let dns: EndpointDNSEvaluator
        let groups: SecurityGroupEvaluator
        let regions: DeploymentRegionIndex
        let ingressOnUndeclaredGroups: [ResourceRef: [SecurityGroupRule]]
        let strayIngressOpensSSH: Value<Bool>
        let ssmEndpoints: [ResourceID: [SSMEndpoint]]
        let ssmEndpointsByService: [VPCService: [SSMEndpoint]]
        let unplacedEndpoints: [VPCEndpoint]
        let endpointsByVPC: [ResourceID: TableSelection<VPCEndpoint>]
        let ssmEndpointsByID: [ResourceID: SSMEndpoint]
        let zoneResolutions: [ResourceID: [SSMService: EndpointDNSEvaluator.ZoneResolution]]
        let peeringsByVPC: [ResourceID: [PeeringConnection]]
        let transit: TransitGatewayRouting
        let vpcsWithUnplacedEndpoints: Set<ResourceID>
        let vpcServicePaths: [VPCService: VPCServicePath]

        init(model: InfrastructureModel) {
            let dns = EndpointDNSEvaluator(model: model)
            self.dns = dns
            groups = SecurityGroupEvaluator(model: model)
            regions = DeploymentRegionIndex(model: model)
            var byGroup: [ResourceRef: [SecurityGroupRule]] = [:]
            var stray: [SecurityGroupRule] = []
            for rule in model.unattachedSecurityGroupRules where rule.direction == .ingress {
                switch rule.targetGroup {
                case .known(let group): byGroup[group, default: []].append(rule)
                case .unknown: stray.append(rule)
                case .absent: break
                }
            }
            ingressOnUndeclaredGroups = byGroup
            strayIngressOpensSSH = SSHExposure.opensToWorld(stray)

            var endpoints: [ResourceID: [SSMEndpoint]] = [:]
            var byService: [VPCService: [SSMEndpoint]] = [:]
            var unplaced: [VPCEndpoint] = []
            var byVPC: [ResourceID: TableSelection<VPCEndpoint>] = [:]
            let allEndpoints = model.vpcEndpoints.elements
            for (position, endpoint) in allEndpoints.enumerated() {
                if case .known(.declared(let vpc)) = endpoint.vpc {
                    byVPC[vpc, default: TableSelection(of: allEndpoints)].append(position: position)
                }
                let name = endpoint.parsedServiceName
                let nameUnknown = endpoint.serviceName.unresolved != nil
                    || (endpoint.serviceName.known.map { EndpointServiceName($0) == nil && $0.literal == nil } ?? false)
                let type = endpoint.endpointType.or(VPCEndpoint.defaultEndpointType)
                // Only an interface endpoint can serve Session Manager; one whose type is
                // known to be something else cannot, whatever its unresolved name.
                let mayBeInterface = type.known.map { $0.lowercased() == "interface" } ?? true
                guard let service = name?.ssmService else {
                    if nameUnknown && mayBeInterface { unplaced.append(endpoint) }
                    continue
                }
                guard case .known(.declared(let vpc)) = endpoint.vpc, model.vpcs[vpc] != nil else {
                    if endpoint.vpc.unresolved != nil && mayBeInterface { unplaced.append(endpoint) }
                    continue
                }
                let ssmEndpoint = SSMEndpoint(
                    endpointAt: position, of: allEndpoints, service: service, vpc: vpc,
                    isInterface: type.map { $0.lowercased() == "interface" },
                    dns: dns.evaluate(endpoint, service: service, vpcID: vpc))
                endpoints[vpc, default: []].append(ssmEndpoint)
                byService[VPCService(vpc: vpc, service: service), default: []].append(ssmEndpoint)
            }
            ssmEndpoints = endpoints
            ssmEndpointsByService = byService
            unplacedEndpoints = unplaced
            endpointsByVPC = byVPC
            var byID: [ResourceID: SSMEndpoint] = [:]
            for list in endpoints.values { for endpoint in list { byID[endpoint.endpoint.id] = endpoint } }
            ssmEndpointsByID = byID
            var resolutions: [ResourceID: [SSMService: EndpointDNSEvaluator.ZoneResolution]] = [:]
            for vpc in dns.zonesByVPC.keys {
                for service in SSMService.allCases { resolutions[vpc, default: [:]][service] = dns.zoneResolution(of: service, in: vpc) }
            }
            zoneResolutions = resolutions
            var peerings: [ResourceID: [PeeringConnection]] = [:]
            for peering in model.peeringConnections {
                for case .known(.declared(let vpc)) in [peering.vpc, peering.peerVpc] { peerings[vpc, default: []].append(peering) }
            }
            peeringsByVPC = peerings
            transit = TransitGatewayRouting(model: model)
            vpcsWithUnplacedEndpoints = Set(unplaced.compactMap { $0.vpc.known?.declaredID })
            vpcServicePaths = NetworkAnalysis.servicePaths(model: model, endpoints: byService, unplaced: unplaced, dns: dns)
        }
    }

    /// Per declared VPC and service: the DNS-effective endpoint, or what keeps
    /// the path unknown or closed (endpoint DNS, stray endpoints, custom DNS
    /// servers, hosted zones), or nothing, when the target's internet access decides.
    private static func servicePaths(model: InfrastructureModel, endpoints: [VPCService: [SSMEndpoint]],
                                     unplaced: [VPCEndpoint], dns: EndpointDNSEvaluator) -> [VPCService: VPCServicePath] {
        // The first unplaced endpoint that may belong to each VPC, in document order.
        let anywhere = unplaced.firstIndex { $0.vpc.unresolved != nil }
        var firstUnplaced: [ResourceID: Int] = [:]
        for (index, endpoint) in unplaced.enumerated() {
            if case .known(.declared(let vpc)) = endpoint.vpc, firstUnplaced[vpc] == nil { firstUnplaced[vpc] = index }
        }
        var paths: [VPCService: VPCServicePath] = [:]
        for vpc in model.vpcs {
            let stray = [anywhere, firstUnplaced[vpc.id]].compactMap { $0 }.min().map { unplaced[$0] }
            for service in SSMService.allCases {
                let key = VPCService(vpc: vpc.id, service: service)
                paths[key] = servicePath(vpc.id, service, candidates: endpoints[key] ?? [], stray: stray, dns: dns)
            }
        }
        return paths
    }

    private static func servicePath(_ vpc: ResourceID, _ service: SSMService, candidates: [SSMEndpoint],
                                    stray: VPCEndpoint?, dns: EndpointDNSEvaluator) -> VPCServicePath {
        if let index = candidates.firstIndex(where: { $0.dns.isEffective && $0.isInterface.known == true }) {
            let effective = candidates[index]
            if let condition = effective.endpoint.info.condition {
                return .unknown(Unresolved("endpoint \(effective.endpoint.id) exists only if condition \(condition) holds"))
            }
            return .endpoint(index: index)
        }
        for candidate in candidates {
            if case .unknown(let reason) = candidate.dns { return .unknown(reason) }
            if let reason = candidate.isInterface.unresolved { return .unknown(reason) }
        }
        if let stray {
            return .unknown(Unresolved("endpoint \(stray.id) may serve \(service.rawValue) in this VPC, but its VPC or service name cannot be resolved"))
        }
        switch dns.resolverStatus(vpc) {
        case .known(true): return .unknown(Unresolved("VPC \(vpc) uses custom DNS servers (DHCP options)"))
        case .unknown(let reason): return .unknown(reason)
        default: break
        }
        switch dns.zoneResolution(of: service, in: vpc) {
        case .none: return .internetAccess
        case .misdirected(let zone, let endpoint):
            return .none(reason: "private hosted zone \(zone) sends the \(service.rawValue) name to endpoint \(endpoint), which serves another service",
                         involved: [zone, endpoint])
        case .unknown(let reason): return .unknown(reason)
        case .endpoint(let zone, let endpoint): return .hostedZone(zone: zone, endpoint: endpoint)
        }
    }
}
