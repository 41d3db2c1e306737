import Foundation
import SSMLintModel

/// Derived network facts, computed once per scanned input (architecture.md §1):
/// compute targets and their permissions, SSM endpoints and their DNS, route
/// resolution, security-group coverage, and a path per (target, service).
public struct NetworkAnalysis: Sendable {
    public struct Options: Sendable {
        /// `--all-instances`: connectivity rules also look at targets without an
        /// SSM-capable instance profile (accounts with Default Host Management).
        public var includeTargetsWithoutPermissions: Bool

        public init(includeTargetsWithoutPermissions: Bool = false) {
            self.includeTargetsWithoutPermissions = includeTargetsWithoutPermissions
        }
    }

    public let model: InfrastructureModel
    public let options: Options
    public let targets: [ComputeTarget]
    /// SSM interface endpoints by VPC, in document order.
    public let ssmEndpoints: [ResourceID: [SSMEndpoint]]
    /// Endpoints that may be SSM endpoints of some VPC but whose VPC or service is unresolved.
    public let unplacedEndpoints: [VPCEndpoint]
    /// The targets the connectivity rules look at (3.1), in document order.
    public let ssmIntendedTargets: [ComputeTarget]
    /// Every endpoint of each declared VPC, whatever its service.
    public let endpointsByVPC: [ResourceID: [VPCEndpoint]]
    private let intendedByVPC: [ResourceID: [ComputeTarget]]

    private let permissions: [String: ManagementPermission]
    private let access: [String: InternetAccess]
    private let remote: [String: [Route]]
    private let groups: SecurityGroupEvaluator
    private let dns: EndpointDNSEvaluator
    let routeResolver: RouteResolver
    let subnetACLs: SubnetNetworkACLs
    let serviceEndpoints: ServiceEndpointIndex
    private let regions: DeploymentRegionIndex
    /// Standalone ingress rules on groups outside the input, by group; and
    /// whether those whose group cannot be resolved may open SSH to the world.
    let ingressOnUndeclaredGroups: [ResourceRef: [SecurityGroupRule]]
    let strayIngressOpensSSH: Value<Bool>

    public init(model: InfrastructureModel, options: Options = Options()) {
        self.model = model
        self.options = options
        let targets = ComputeTargetBuilder(model: model).build()
        self.targets = targets
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
        var unplaced: [VPCEndpoint] = []
        var byVPC: [ResourceID: [VPCEndpoint]] = [:]
        for endpoint in model.vpcEndpoints {
            if case .known(.declared(let vpc)) = endpoint.vpc { byVPC[vpc, default: []].append(endpoint) }
            let name = endpoint.serviceName.known.flatMap(EndpointServiceName.init)
            let nameUnknown = endpoint.serviceName.unresolved != nil
                || (endpoint.serviceName.known.map { EndpointServiceName($0) == nil && $0.literal == nil } ?? false)
            let type = endpoint.endpointType.or(VPCEndpoint.defaultEndpointType)
            // Only an interface endpoint can serve Session Manager; one whose type is
            // known to be something else cannot, whatever its unresolved name.
            let mayBeInterface = type.known.map { $0.caseInsensitiveCompare("Interface") == .orderedSame } ?? true
            guard let service = name?.ssmService else {
                if nameUnknown && mayBeInterface { unplaced.append(endpoint) }
                continue
            }
            guard case .known(.declared(let vpc)) = endpoint.vpc, model.vpcs[vpc] != nil else {
                if endpoint.vpc.unresolved != nil && mayBeInterface { unplaced.append(endpoint) }
                continue
            }
            endpoints[vpc, default: []].append(SSMEndpoint(
                endpoint: endpoint, service: service, vpc: vpc,
                isInterface: type.map { $0.caseInsensitiveCompare("Interface") == .orderedSame },
                dns: dns.evaluate(endpoint, service: service, vpcID: vpc)))
        }
        ssmEndpoints = endpoints
        unplacedEndpoints = unplaced
        endpointsByVPC = byVPC

        let evaluator = ManagementPermissionEvaluator(model: model)
        let routes = RouteResolver(model: model)
        routeResolver = routes
        subnetACLs = SubnetNetworkACLs(model: model)
        serviceEndpoints = ServiceEndpointIndex(model: model)
        var permissions: [String: ManagementPermission] = [:]
        var access: [String: InternetAccess] = [:]
        var remote: [String: [Route]] = [:]
        for target in targets {
            permissions[target.key] = evaluator.evaluate(target.instanceProfile)
            switch target.subnet {
            case .known(.declared(let subnet)):
                access[target.key] = routes.internetAccess(subnet: subnet, publicIPv4: target.publicIPv4)
                remote[target.key] = routes.remoteRoutes(subnet: subnet)
            case .known(.external(let id)):
                access[target.key] = .unknown(Unresolved("subnet \(id) is not declared in the input"))
            case .unknown(let reason):
                access[target.key] = .unknown(reason)
            case .absent:
                access[target.key] = .unknown(Unresolved("the target has no subnet"))
            }
        }
        self.permissions = permissions
        self.access = access
        self.remote = remote
        let intended = targets.filter { options.includeTargetsWithoutPermissions || (permissions[$0.key]?.isSSMIntended ?? true) }
        ssmIntendedTargets = intended
        var intendedByVPC: [ResourceID: [ComputeTarget]] = [:]
        for target in intended {
            if case .known(.declared(let vpc)) = target.vpc { intendedByVPC[vpc, default: []].append(target) }
        }
        self.intendedByVPC = intendedByVPC
    }

    // MARK: Targets

    public func permission(of target: ComputeTarget) -> ManagementPermission {
        permissions[target.key] ?? .unresolved(Unresolved("not evaluated"))
    }

    /// The SSM-intended targets of one VPC.
    public func ssmIntendedTargets(in vpc: ResourceID) -> [ComputeTarget] {
        intendedByVPC[vpc] ?? []
    }

    public func internetAccess(of target: ComputeTarget) -> InternetAccess {
        access[target.key] ?? .unknown(Unresolved("not evaluated"))
    }

    /// Routes from the target's subnet to peered VPCs, transit gateways, VPNs or
    /// appliances behind which interface endpoints of other VPCs may serve it
    /// (the centralized-endpoint pattern), which ssmlint does not follow. A
    /// peering to a declared VPC without any SSM endpoint is left out: nothing
    /// can serve the target there.
    public func remoteRoutes(of target: ComputeTarget) -> [Route] {
        (remote[target.key] ?? []).filter { route in
            guard route.target.kind == .peeringConnection, case .known(.declared(let id)) = route.target.resource,
                  let peering = model.peeringConnections[id], let own = vpcID(of: target) else { return true }
            let other = peering.vpc.known == .declared(own) ? peering.peerVpc : peering.vpc
            guard case .known(.declared(let peer)) = other, model.vpcs[peer] != nil else { return true }
            let peerHasEndpoints = !endpoints(in: peer).isEmpty || unplacedEndpoints.contains { $0.vpc.known == .declared(peer) }
            return peerHasEndpoints
        }
    }

    public func vpcID(of target: ComputeTarget) -> ResourceID? {
        guard case .known(.declared(let id)) = target.vpc, model.vpcs[id] != nil else { return nil }
        return id
    }

    // MARK: Paths

    /// The path a target uses for `service`.
    public func path(of target: ComputeTarget, to service: SSMService) -> ServicePath {
        guard let vpc = vpcID(of: target) else {
            return .unknown(target.vpc.unresolved ?? Unresolved("the target's VPC \(target.vpc.known?.description ?? "?") is not declared in the input"))
        }
        let candidates = endpoints(in: vpc, for: service)
        if let effective = candidates.first(where: { $0.dns.isEffective && $0.isInterface.known == true }) {
            if let condition = effective.endpoint.info.condition {
                return .unknown(Unresolved("endpoint \(effective.endpoint.id) exists only if condition \(condition) holds"))
            }
            return .endpoint(effective)
        }
        for candidate in candidates {
            if case .unknown(let reason) = candidate.dns { return .unknown(reason) }
            if let reason = candidate.isInterface.unresolved { return .unknown(reason) }
        }
        if let stray = unplacedEndpoints.first(where: { $0.vpc.unresolved != nil || $0.vpc.known == .declared(vpc) }) {
            return .unknown(Unresolved("endpoint \(stray.id) may serve \(service.rawValue) in this VPC, but its VPC or service name cannot be resolved"))
        }
        switch dns.resolverStatus(vpc) {
        case .known(true): return .unknown(Unresolved("VPC \(vpc) uses custom DNS servers (DHCP options)"))
        case .unknown(let reason): return .unknown(reason)
        default: break
        }
        switch dns.zoneResolution(of: service, in: vpc) {
        case .none: break
        case .misdirected(let zone, let endpoint):
            return .none(reason: "private hosted zone \(zone) sends the \(service.rawValue) name to endpoint \(endpoint), which serves another service",
                         involved: [zone, endpoint])
        case .unknown(let reason): return .unknown(reason)
        }
        switch internetAccess(of: target) {
        case .unknown(let reason): return .unknown(reason)
        case .none(let reason, let involved): return .none(reason: reason, involved: involved)
        case let reachable: return .internet(reachable)
        }
    }

    public func endpoints(in vpc: ResourceID, for service: SSMService? = nil) -> [SSMEndpoint] {
        (ssmEndpoints[vpc] ?? []).filter { service == nil || $0.service == service }
    }

    /// Whether an endpoint's security groups admit TCP 443 from the target (SSM003).
    public func endpointCoverage(_ endpoint: SSMEndpoint, for target: ComputeTarget) -> Coverage {
        var endpointGroups = endpoint.endpoint.securityGroups
        if endpointGroups.isAbsent, let vpc = model.vpcs[endpoint.vpc] {
            endpointGroups = .known([.known(.declared(vpc.defaultSecurityGroupID))])
        }
        return groups.ingressCoverage(groups: endpointGroups, port: 443, from: target)
    }

    /// Whether the target's own groups let TCP 443 out along `path` (SSM010).
    public func egressVerdict(of target: ComputeTarget, along path: ServicePath) -> EgressVerdict {
        switch path {
        case .endpoint(let endpoint):
            var endpointGroups: Set<ResourceRef> = []
            switch endpoint.endpoint.securityGroups {
            case .known(let refs): for case .known(let ref) in refs { endpointGroups.insert(ref) }
            case .absent: if let vpc = model.vpcs[endpoint.vpc] { endpointGroups.insert(.declared(vpc.defaultSecurityGroupID)) }
            case .unknown: break
            }
            return groups.egressAllows(target, port: 443, to: .endpoint(subnets: endpointSubnetCIDRs(endpoint), groups: endpointGroups))
        case .internet:
            return groups.egressAllows(target, port: 443, to: .internet)
        case .none, .unknown:
            return .unknown(Unresolved("no path"))
        }
    }

    private func endpointSubnetCIDRs(_ endpoint: SSMEndpoint) -> Value<[IPNetwork]> {
        guard case .known(let refs) = endpointSubnets(endpoint) else { return .unknown(Unresolved("the endpoint's subnets are unknown")) }
        var networks: [IPNetwork] = []
        for ref in refs {
            guard case .known(.declared(let id)) = ref, let subnet = model.subnets[id], let text = subnet.cidrBlock.known,
                  let network = IPNetwork(text) else {
                return .unknown(Unresolved("the CIDR of endpoint subnet \(ref.known?.description ?? "?") is unknown"))
            }
            networks.append(network)
        }
        return .known(networks)
    }

    /// The endpoint's subnets (Terraform subnet associations are merged by the loader).
    public func endpointSubnets(_ endpoint: SSMEndpoint) -> Value<[Value<ResourceRef>]> {
        endpoint.endpoint.subnets
    }

    /// The Availability Zone of a subnet reference.
    public func zone(of subnet: Value<ResourceRef>) -> Value<AvailabilityZone> {
        switch subnet {
        case .known(.declared(let id)):
            guard let declared = model.subnets[id] else { return .unknown(Unresolved("subnet \(id) is not declared")) }
            return declared.availabilityZone.isAbsent
                ? .unknown(Unresolved("subnet \(id) sets no AvailabilityZone; AWS chooses one"))
                : declared.availabilityZone
        case .known(.external(let id)): return .unknown(Unresolved("subnet \(id) is not declared in the input"))
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .unknown(Unresolved("no subnet"))
        }
    }

    /// Whether a private hosted zone associated with the VPC serves (or is a parent of) the service name.
    public func hostedZoneServes(_ service: SSMService, in vpc: ResourceID) -> HostedZone? {
        dns.zonesByVPC[vpc]?.first { zone in
            zone.name.known.map { SSMZoneNames.serves($0, service: service, region: model.region) } ?? false
        }
    }

    public func hostedZones(associatedWith vpc: ResourceID) -> [HostedZone] {
        dns.zonesByVPC[vpc] ?? []
    }

    /// The Region an endpoint is created in, with what fixes it (SSM012).
    public func deploymentRegion(of endpoint: VPCEndpoint) -> Value<RegionEvidence> {
        regions.region(of: endpoint)
    }

    /// Whether the VPC resolves names with custom DHCP DNS servers.
    public func usesCustomResolvers(_ vpc: ResourceID) -> Value<Bool> { dns.resolverStatus(vpc) }
}

/// Zone names that serve the Systems Manager service names.
public enum SSMZoneNames {
    /// True when a zone named `zone` is the service's name or a parent of it.
    public static func serves(_ zone: String, service: SSMService, region: String?) -> Bool {
        let labels = HostedZone.normalize(zone).split(separator: ".").map(String.init)
        guard labels.suffix(2) == ["amazonaws", "com"] || labels == ["com"] else { return false }
        switch labels.count {
        case 1, 2: return true
        case 3: return region.map { labels[0] == $0 } ?? isRegionName(labels[0])
        case 4: return labels[0] == service.rawValue && (region.map { labels[1] == $0 } ?? isRegionName(labels[1]))
        default: return false
        }
    }

    /// True when the zone serves any of the three service names.
    public static func servesAnySSMName(_ zone: String, region: String?) -> Bool {
        SSMService.allCases.contains { serves(zone, service: $0, region: region) }
    }

    static func isRegionName(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count >= 3, let last = parts.last, last.allSatisfy(\.isNumber) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isLetter) }
    }
}
