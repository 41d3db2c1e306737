import Foundation
import SSMLintModel

/// Derived network facts, computed once per scanned input:
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
    public let endpointsByVPC: [ResourceID: TableSelection<VPCEndpoint>]
    private let intendedByVPC: [ResourceID: [ComputeTarget]]
    /// Indexes into `targets`.
    private let targetsByVPC: [ResourceID: [Int]]
    private let ssmEndpointsByService: [VPCService: [SSMEndpoint]]
    /// Declared VPCs named by an endpoint whose service is unresolved.
    private let vpcsWithUnplacedEndpoints: Set<ResourceID>
    /// What the VPC decides about each service's path, computed once: with
    /// thousands of targets and hundreds of endpoints, deciding it per target
    /// made a scan take instances x endpoints time.
    private let vpcServicePaths: [VPCService: VPCServicePath]

    private let permissions: [String: ManagementPermission]
    private let access: [String: InternetAccess]
    private let remote: [String: [Route]]
    let groups: SecurityGroupEvaluator
    let dns: EndpointDNSEvaluator
    let routeResolver: RouteResolver
    let subnetACLs: SubnetNetworkACLs
    let serviceEndpoints: ServiceEndpointIndex
    let transit: TransitGatewayRouting
    /// SSM interface endpoints of declared VPCs by identity.
    public let ssmEndpointsByID: [ResourceID: SSMEndpoint]
    /// Where the private hosted zones of each VPC that has some send each service name.
    let zoneResolutions: [ResourceID: [SSMService: EndpointDNSEvaluator.ZoneResolution]]
    /// Declared peering connections by the VPCs they join.
    let peeringsByVPC: [ResourceID: [PeeringConnection]]
    private let regions: DeploymentRegionIndex
    /// Standalone ingress rules on groups outside the input, by group; and
    /// whether those whose group cannot be resolved may open SSH to the world.
    let ingressOnUndeclaredGroups: [ResourceRef: [SecurityGroupRule]]
    let strayIngressOpensSSH: Value<Bool>
    /// Each target's path to each service (in `SSMService.allCases` order),
    /// worked out once: the rules ask for them tens of thousands of times on a
    /// large input, and every answer took several lookups keyed by strings.
    private var resolvedPaths: [ObjectIdentifier: [(path: ServicePath, gap: PeeringRouteGap?)]] = [:]

    struct VPCService: Hashable {
        var vpc: ResourceID
        var service: SSMService
    }

    /// A service's path in a VPC, as far as the VPC decides it. Small on
    /// purpose (an endpoint by its index in `ssmEndpointsByService`): there is
    /// one per declared VPC and service.
    enum VPCServicePath {
        case endpoint(index: Int)
        case unknown(Unresolved)
        case none(reason: String, involved: [ResourceID])
        /// A private hosted zone sends the name to an endpoint of another VPC
        /// (or of this one, through DNS settings decided per target).
        case hostedZone(zone: ResourceID, endpoint: ResourceID)
        /// No endpoint or hosted zone decides: the target's own internet access does.
        case internetAccess
    }

    /// Models with at least this many resources are analysed in two halves at
    /// once (endpoints and DNS; targets, permissions and routes): on a large
    /// input the analysis is otherwise a single-threaded tenth of the scan.
    static let concurrentAnalysisThreshold = 2_000

    public init(model: InfrastructureModel, options: Options = Options()) {
        self.model = model
        self.options = options
        // The two halves read only the model, never each other.
        let (endpointSide, targetSide) = bothAtOnce(
            concurrently: model.resources.count >= Self.concurrentAnalysisThreshold,
            { EndpointFacts(model: model) },
            { TargetFacts(model: model, options: options) })
        dns = endpointSide.dns
        groups = endpointSide.groups
        regions = endpointSide.regions
        ingressOnUndeclaredGroups = endpointSide.ingressOnUndeclaredGroups
        strayIngressOpensSSH = endpointSide.strayIngressOpensSSH
        ssmEndpoints = endpointSide.ssmEndpoints
        ssmEndpointsByService = endpointSide.ssmEndpointsByService
        unplacedEndpoints = endpointSide.unplacedEndpoints
        endpointsByVPC = endpointSide.endpointsByVPC
        ssmEndpointsByID = endpointSide.ssmEndpointsByID
        zoneResolutions = endpointSide.zoneResolutions
        peeringsByVPC = endpointSide.peeringsByVPC
        transit = endpointSide.transit
        vpcsWithUnplacedEndpoints = endpointSide.vpcsWithUnplacedEndpoints
        vpcServicePaths = endpointSide.vpcServicePaths
        targets = targetSide.targets
        routeResolver = targetSide.routeResolver
        subnetACLs = targetSide.subnetACLs
        serviceEndpoints = targetSide.serviceEndpoints
        permissions = targetSide.permissions
        access = targetSide.access
        remote = targetSide.remote
        ssmIntendedTargets = targetSide.ssmIntendedTargets
        intendedByVPC = targetSide.intendedByVPC
        targetsByVPC = targetSide.targetsByVPC
        resolvedPaths = resolvingEveryPath(concurrently: model.resources.count >= Self.concurrentAnalysisThreshold)
    }

    /// `resolvePath` for every target and service, on every core when `concurrently`.
    private func resolvingEveryPath(concurrently: Bool) -> [ObjectIdentifier: [(path: ServicePath, gap: PeeringRouteGap?)]] {
        let analysis = self
        let resolve: @Sendable (ComputeTarget) -> [(path: ServicePath, gap: PeeringRouteGap?)] = { target in
            SSMService.allCases.map { analysis.resolvePath(of: target, to: $0) }
        }
        let paths = concurrently ? targets.concurrentMap(chunk: 64, resolve) : targets.map(resolve)
        var byTarget: [ObjectIdentifier: [(path: ServicePath, gap: PeeringRouteGap?)]] = [:]
        byTarget.reserveCapacity(targets.count)
        for (target, targetPaths) in zip(targets, paths) { byTarget[ObjectIdentifier(target)] = targetPaths }
        return byTarget
    }

    /// The memoised path, or the path worked out now for a target this analysis did not make.
    private func knownPath(of target: ComputeTarget, to service: SSMService) -> (path: ServicePath, gap: PeeringRouteGap?) {
        guard let paths = resolvedPaths[ObjectIdentifier(target)] else { return resolvePath(of: target, to: service) }
        // `SSMService.allCases` order, as `resolvingEveryPath` stores them.
        switch service {
        case .ssm: return paths[0]
        case .ssmmessages: return paths[1]
        case .ec2messages: return paths[2]
        }
    }

    // MARK: Targets

    public func permission(of target: ComputeTarget) -> ManagementPermission {
        permissions[target.key] ?? .unresolved(Unresolved("not evaluated"))
    }

    /// The SSM-intended targets of one VPC.
    public func ssmIntendedTargets(in vpc: ResourceID) -> [ComputeTarget] {
        intendedByVPC[vpc] ?? []
    }

    /// Every target of one VPC, SSM-intended or not.
    public func targets(in vpc: ResourceID) -> [ComputeTarget] {
        (targetsByVPC[vpc] ?? []).map { targets[$0] }
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
            return !endpoints(in: peer).isEmpty || vpcsWithUnplacedEndpoints.contains(peer)
        }
    }

    public func vpcID(of target: ComputeTarget) -> ResourceID? {
        guard case .known(.declared(let id)) = target.vpc, model.vpcs[id] != nil else { return nil }
        return id
    }

    // MARK: Paths

    /// The path a target uses for `service`. DNS decides: once an endpoint for
    /// the service is DNS-effective in the VPC, every target of the VPC uses it.
    public func path(of target: ComputeTarget, to service: SSMService) -> ServicePath {
        knownPath(of: target, to: service).path
    }

    /// A peered endpoint path that the private hosted zones set up for the
    /// target but a route table breaks (SSM019); the path is then `.none`.
    public func peeringRouteGap(of target: ComputeTarget, to service: SSMService) -> PeeringRouteGap? {
        knownPath(of: target, to: service).gap
    }

    /// Where a private hosted zone of the VPC sends the service name.
    func zoneResolution(of service: SSMService, in vpc: ResourceID) -> EndpointDNSEvaluator.ZoneResolution {
        zoneResolutions[vpc]?[service] ?? .none
    }

    private func resolvePath(of target: ComputeTarget, to service: SSMService) -> (path: ServicePath, gap: PeeringRouteGap?) {
        guard let vpc = vpcID(of: target) else {
            return (.unknown(target.vpc.unresolved ?? Unresolved("the target's VPC \(target.vpc.known?.description ?? "?") is not declared in the input")), nil)
        }
        let key = VPCService(vpc: vpc, service: service)
        switch vpcServicePaths[key] {
        case .endpoint(let index)?: return (.endpoint(ssmEndpointsByService[key]![index]), nil)
        case .unknown(let reason)?: return (.unknown(reason), nil)
        case .none(let reason, let involved)?: return (.none(reason: reason, involved: involved), nil)
        case .hostedZone(let zone, let endpoint)?:
            // The zone sends the name to an endpoint elsewhere: whether the target
            // gets there depends on its own subnet's routes.
            switch remoteResolution(of: target, to: service, in: vpc, zone: zone, endpoint: endpoint) {
            case .path(let path): return (.peeredEndpoint(path), nil)
            case .gap(let gap): return (.none(reason: gap.reason, involved: gap.involved), gap)
            case .unknown(let reason): return (.unknown(reason), nil)
            case .zoneIgnored: break   // the public name resolves, as without the zone
            case .local:
                return (.unknown(Unresolved("private hosted zone \(zone) serves the \(service.rawValue) name in \(vpc), but the VPC's DNS attributes may defeat it")), nil)
            }
        case .internetAccess?, nil: break
        }
        switch internetAccess(of: target) {
        case .unknown(let reason): return (.unknown(reason), nil)
        case .none(let reason, let involved):
            if let reason = centralizedEndpointsMayServe(target, in: vpc) { return (.unknown(reason), nil) }
            return (.none(reason: reason, involved: involved), nil)
        case let reachable: return (.internet(reachable), nil)
        }
    }

    /// Why endpoints beyond the input may serve a target that has no internet
    /// path and whose VPC has no Systems Manager endpoint and no hosted zone for
    /// the names: a route to a transit gateway, VPN or peering leads where a
    /// hub VPC's endpoints can answer (the centralized-endpoint pattern), with
    /// private hosted zones associated from outside the input. Nil when nothing
    /// can: then the target has no path. A route that reaches another VPC's
    /// endpoints that no zone resolves decides the path as none.
    private func centralizedEndpointsMayServe(_ target: ComputeTarget, in vpc: ResourceID) -> Unresolved? {
        guard (ssmEndpoints[vpc] ?? []).isEmpty,
              SSMService.allCases.allSatisfy({ service in
                  switch vpcServicePaths[VPCService(vpc: vpc, service: service)] {
                  case .internetAccess?, nil: return true
                  default: return false
                  }
              }),
              let route = remoteRoutes(of: target).first,
              remoteEndpointsWithoutDNS(of: target).found.isEmpty else { return nil }
        return Unresolved("route \(route.carrier) leads to a \(route.target.kind.rawValue) (\(route.target.resource.known?.description ?? "?")), behind which endpoints of another VPC may serve it")
    }

    /// True when neither an endpoint nor a private hosted zone nor custom DNS of
    /// the VPC decides the service's name: it resolves to the public service,
    /// and the target's own way out decides whether that is reached.
    public func resolvesPublicly(_ service: SSMService, in vpc: ResourceID) -> Bool {
        if case .internetAccess? = vpcServicePaths[VPCService(vpc: vpc, service: service)] { return true }
        return false
    }

    public func endpoints(in vpc: ResourceID, for service: SSMService? = nil) -> [SSMEndpoint] {
        guard let service else { return ssmEndpoints[vpc] ?? [] }
        return ssmEndpointsByService[VPCService(vpc: vpc, service: service)] ?? []
    }

    /// Whether an endpoint's security groups admit TCP 443 from the target
    /// (SSM003). Across a transit gateway, rules that name the instance's
    /// security group work only where security group referencing is enabled.
    public func endpointCoverage(_ endpoint: SSMEndpoint, for target: ComputeTarget, acrossTransitGateway: Bool = false) -> Coverage {
        var endpointGroups = endpoint.endpoint.securityGroups
        if endpointGroups.isAbsent, let vpc = model.vpcs[endpoint.vpc] {
            endpointGroups = .known([.known(.declared(vpc.defaultSecurityGroupID))])
        }
        return groups.ingressCoverage(groups: endpointGroups, port: 443, from: target, groupReferencesWork: !acrossTransitGateway)
    }

    /// Whether the target's own groups let TCP 443 out along `path` (SSM010).
    public func egressVerdict(of target: ComputeTarget, along path: ServicePath) -> EgressVerdict {
        switch path {
        case .endpoint, .peeredEndpoint:
            guard let endpoint = path.servingEndpoint else { return .unknown(Unresolved("no endpoint")) }
            var endpointGroups: Set<ResourceRef> = []
            switch endpoint.endpoint.securityGroups {
            case .known(let refs): for case .known(let ref) in refs { endpointGroups.insert(ref) }
            case .absent: if let vpc = model.vpcs[endpoint.vpc] { endpointGroups.insert(.declared(vpc.defaultSecurityGroupID)) }
            case .unknown: break
            }
            let acrossTransitGateway = path.peered?.connection.isTransitGateway ?? false
            return groups.egressAllows(target, port: 443, to: .endpoint(subnets: endpointSubnetCIDRs(endpoint), groups: endpointGroups,
                                                                        groupReferencesWork: !acrossTransitGateway))
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
                  let network = groups.network(text) else {
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
        case 3: return regionMatches(labels[0], region: region)
        case 4: return labels[0] == service.rawValue && regionMatches(labels[1], region: region)
        default: return false
        }
    }

    /// True when a zone's name is exactly the service's name.
    public static func isExactName(_ zone: String, service: SSMService, region: String?) -> Bool {
        let labels = HostedZone.normalize(zone).split(separator: ".").map(String.init)
        return labels.count == 4 && serves(zone, service: service, region: region)
    }

    /// A DNS label that names the deployment Region: the Region itself, the
    /// `${AWS::Region}` placeholder, or any Region name when the Region is unknown.
    public static func regionMatches(_ label: String, region: String?) -> Bool {
        label == HostedZone.deploymentRegionLabel || (region.map { label == $0 } ?? isRegionName(label))
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
