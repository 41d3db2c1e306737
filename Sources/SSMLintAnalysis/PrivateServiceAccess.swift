import SSMLintModel

/// How a target reaches Amazon S3, which SSM Agent uses for its own updates,
/// Patch Manager, S3 session logs and downloads from S3.
public enum S3Access: Sendable {
    /// A gateway endpoint on the target's route table.
    case gatewayEndpoint(ResourceID)
    /// An S3 interface endpoint in the target's VPC.
    case interfaceEndpoint(ResourceID)
    /// Through an internet gateway or a NAT gateway, to S3's public endpoints.
    case internet
    /// None: the target's route table (nil: the main table, local route only),
    /// the VPC's S3 gateway endpoints that are not associated with it, and S3
    /// gateway endpoints of VPCs it reaches over peering (which cannot serve it).
    case none(routeTable: ResourceID?, unassociated: [ResourceID], peered: [ResourceID])
    case unknown(Unresolved)

    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

extension NetworkAnalysis {
    /// Whether the target reaches Systems Manager only through interface
    /// endpoints: it has no internet or NAT path and at least one of its
    /// Session Manager services is served by an endpoint that can be created.
    public func reachesSystemsManagerOnlyThroughEndpoints(_ target: ComputeTarget) -> Value<Bool> {
        switch internetAccess(of: target) {
        case .unknown(let reason): return .unknown(reason)
        case .internetGateway, .natGateway: return .known(false)
        case .none: break
        }
        let paths = SSMService.allCases.map { path(of: target, to: $0) }
        // An endpoint that cannot be created as declared (SSM013) is no way in. An
        // endpoint of a peered VPC counts: its VPC's S3 gateway endpoints do not serve this one.
        if paths.contains(where: { $0.servingEndpoint.map { placementProblems(of: $0.endpoint).isEmpty } ?? false }) { return .known(true) }
        if let reason = paths.lazy.compactMap(\.unresolved).first { return .unknown(reason) }
        return .known(false)
    }

    /// How the target reaches Amazon S3. Gateway endpoints serve only the route
    /// tables they are associated with, and never across a peering connection.
    public func s3Access(of target: ComputeTarget) -> S3Access {
        guard let vpc = vpcID(of: target), case .known(.declared(let subnet)) = target.subnet else {
            return .unknown(target.subnet.unresolved ?? Unresolved("the target's subnet or VPC is not declared in the input"))
        }
        let table = routeResolver.routeTable(forSubnet: subnet)
        let tableID: ResourceID? = if case .table(let found) = table { found.id } else { nil }
        var pending: Unresolved?
        var unassociated: [ResourceID] = []
        for candidate in serviceEndpoints.endpoints(in: vpc) {
            let endpoint = candidate.endpoint
            guard let service = candidate.service else {
                pending = pending ?? Unresolved("the service of endpoint \(endpoint.id) cannot be resolved; it may be an S3 endpoint")
                continue
            }
            guard service == "s3" else { continue }
            if endpoint.vpc.unresolved != nil || endpoint.info.condition != nil {
                pending = pending ?? Unresolved("S3 endpoint \(endpoint.id) may or may not serve VPC \(vpc)")
                continue
            }
            switch endpoint.endpointType.or(VPCEndpoint.defaultEndpointType) {
            case .known(let type) where type.equalsIgnoringASCIICase("Interface"):
                return .interfaceEndpoint(endpoint.id)
            case .known(let type) where type.equalsIgnoringASCIICase("Gateway"):
                switch gatewayServes(endpoint, table: table) {
                case .known(true): return .gatewayEndpoint(endpoint.id)
                case .known(false): unassociated.append(endpoint.id)
                case .unknown(let reason): pending = pending ?? reason
                case .absent: break
                }
            case .unknown(let reason): pending = pending ?? reason
            default: continue
            }
        }
        for (carrier, ref) in model.unattachedEndpointRouteTables where ref.unresolved != nil || (tableID != nil && ref.known == .declared(tableID!)) {
            pending = pending ?? Unresolved("\(carrier) associates an endpoint outside the input with the route table; it may be an S3 gateway endpoint")
        }
        switch internetAccess(of: target) {
        case .internetGateway, .natGateway: return .internet
        case .unknown(let reason): return .unknown(reason)
        case .none: break
        }
        if let pending { return .unknown(pending) }
        if case .unknown(let reason) = table { return .unknown(reason) }
        if let tableID, model.exportedResources.contains(tableID) {
            return .unknown(Unresolved("route table \(tableID) is published in Outputs, so another stack may associate an S3 gateway endpoint with it"))
        }
        if let reason = s3NamesResolvedElsewhere(in: vpc) { return .unknown(reason) }
        // Routes that may carry public addresses beyond the VPC (a transit gateway, a
        // firewall appliance) can lead to S3; a peering connection cannot.
        var peered: [ResourceID] = []
        for route in routeResolver.remoteRoutes(subnet: subnet) {
            if route.target.kind == .peeringConnection {
                peered += peeredS3Gateways(route, from: vpc).filter { !peered.contains($0) }
                continue
            }
            if case .ipv4(.known(let text)) = route.destination, let network = IPNetwork(text),
               NetworkACLEvaluator.nonPublicRanges.contains(where: { $0.contains(network) }) { continue }
            return .unknown(Unresolved("route \(route.carrier) sends traffic to a \(route.target.kind.rawValue), beyond which S3 may be reachable"))
        }
        return .none(routeTable: tableID, unassociated: unassociated, peered: peered)
    }

    /// S3 gateway endpoints of the VPC on the other side of a peering route.
    private func peeredS3Gateways(_ route: Route, from vpc: ResourceID) -> [ResourceID] {
        guard case .known(.declared(let id)) = route.target.resource, let peering = model.peeringConnections[id] else { return [] }
        let other = peering.vpc.known == .declared(vpc) ? peering.peerVpc : peering.vpc
        guard case .known(.declared(let peer)) = other, peer != vpc else { return [] }
        return endpointsByVPC[peer]?.filter { endpoint in
            endpoint.parsedServiceName?.service == "s3"
                && endpoint.endpointType.or(VPCEndpoint.defaultEndpointType).known?.equalsIgnoringASCIICase("Gateway") == true
        }.map(\.id) ?? []
    }

    /// Whether a gateway endpoint is associated with the route table in effect.
    private func gatewayServes(_ endpoint: VPCEndpoint, table: RouteTableResolution) -> Value<Bool> {
        switch endpoint.routeTables {
        case .absent: return .known(false)
        case .unknown(let reason): return .unknown(reason)
        case .known(let refs):
            var pending: Unresolved?
            for ref in refs {
                switch ref {
                case .known(.declared(let id)):
                    if case .table(let found) = table, found.id == id { return .known(true) }
                    // Terraform can name the main table of a new VPC (`aws_vpc.x.main_route_table_id`).
                    if case .mainLocalOnly(let vpc) = table, id == ResourceID(.mainRouteTable, of: vpc) { return .known(true) }
                case .known(.external(let id)):
                    // A literal ID can only be a table the input does not declare, such as the main table.
                    if case .mainLocalOnly = table {
                        pending = pending ?? Unresolved("endpoint \(endpoint.id) names route table \(id), which may be the VPC's main route table")
                    }
                case .unknown(let reason): pending = pending ?? reason
                case .absent: continue
                }
            }
            return pending.map { .unknown($0) } ?? .known(false)
        }
    }

    /// A reason why S3 names may not resolve to S3's public addresses in the VPC.
    private func s3NamesResolvedElsewhere(in vpc: ResourceID) -> Unresolved? {
        if case .known(true) = usesCustomResolvers(vpc) { return Unresolved("VPC \(vpc) uses custom DNS servers (DHCP options)") }
        if case .unknown(let reason) = usesCustomResolvers(vpc) { return reason }
        for zone in serviceEndpoints.zones(of: vpc) {
            guard let name = zone.name.known else { return Unresolved("the name of private hosted zone \(zone.id) cannot be resolved") }
            guard Self.mayServeS3(zone: name, region: model.region) else { continue }
            return Unresolved("private hosted zone \(zone.id) (\(name)) may send S3 names to an endpoint elsewhere")
        }
        return nil
    }

    static func mayServeS3(zone: String, region: String?) -> Bool {
        let labels = HostedZone.normalize(zone).split(separator: ".").map(String.init)
        if labels == ["com"] || labels == ["amazonaws", "com"] { return true }
        guard labels.count >= 3, labels.suffix(2) == ["amazonaws", "com"] else { return false }
        if labels.count == 3 { return region.map { labels[0] == $0 } ?? true }
        return labels.contains { $0 == "s3" || $0.hasPrefix("s3-") || $0.hasPrefix("s3.") }
    }

    /// Whether VPC `vpc` has an interface endpoint for one of `services`
    /// (`kms`, `kms-fips`, `logs`): its ID, nil when it has none, unknown when an
    /// endpoint or a DNS setting the input cannot resolve may provide one.
    public func serviceEndpoint(_ services: Set<String>, in vpc: ResourceID) -> Value<ResourceID?> {
        var pending: Unresolved?
        for candidate in serviceEndpoints.endpoints(in: vpc) {
            let endpoint = candidate.endpoint
            guard let service = candidate.service else {
                pending = pending ?? Unresolved("the service of endpoint \(endpoint.id) cannot be resolved")
                continue
            }
            guard services.contains(service) else { continue }
            if endpoint.vpc.unresolved != nil || endpoint.info.condition != nil {
                pending = pending ?? Unresolved("endpoint \(endpoint.id) may or may not serve VPC \(vpc)")
                continue
            }
            return .known(endpoint.id)
        }
        if let pending { return .unknown(pending) }
        if case .known(true) = usesCustomResolvers(vpc) { return .unknown(Unresolved("VPC \(vpc) uses custom DNS servers (DHCP options)")) }
        if case .unknown(let reason) = usesCustomResolvers(vpc) { return .unknown(reason) }
        for zone in serviceEndpoints.zones(of: vpc) {
            guard let name = zone.name.known else { return .unknown(Unresolved("the name of private hosted zone \(zone.id) cannot be resolved")) }
            guard services.contains(where: { Self.zone(name, mayServe: $0) }) else { continue }
            return .unknown(Unresolved("private hosted zone \(zone.id) (\(name)) may send the name to an endpoint in another VPC"))
        }
        return .known(nil)
    }

    /// A zone that is the service's name or a parent of it (`kms.<region>.amazonaws.com`, `amazonaws.com`).
    private static func zone(_ zone: String, mayServe service: String) -> Bool {
        let labels = HostedZone.normalize(zone).split(separator: ".").map(String.init)
        if labels == ["com"] || labels == ["amazonaws", "com"] { return true }
        guard labels.suffix(2) == ["amazonaws", "com"] else { return false }
        return labels.count == 3 || (labels.count == 4 && labels[0] == service)
    }
}

/// Endpoints and private hosted zones by VPC, built once per input so that
/// per-target questions (S3, kms, logs) do not scan every endpoint again.
struct ServiceEndpointIndex: Sendable {
    struct Candidate: Sendable {
        /// In the model's endpoint list: an endpoint copied into each
        /// candidate would hold its many fields again.
        private let element: TableElement<VPCEndpoint>
        /// The service label (`s3`, `kms`); nil when the name cannot be resolved.
        let service: String?

        init(_ all: [VPCEndpoint], _ index: Int, service: String?) {
            self.element = TableElement(index, of: all)
            self.service = service
        }

        var endpoint: VPCEndpoint { element.value }
    }

    private var byVPC: [ResourceID: [Candidate]] = [:]
    /// Endpoints whose VPC cannot be resolved: they may be in any VPC.
    private var floating: [Candidate] = []
    private var zonesByVPC: [ResourceID: [HostedZone]] = [:]
    private var floatingZones: [HostedZone] = []

    init(model: InfrastructureModel) {
        let all = model.vpcEndpoints.elements
        for (index, endpoint) in all.enumerated() {
            let service: String?
            if let name = endpoint.parsedServiceName {
                service = name.service
            } else if endpoint.serviceName.known?.literal != nil {
                continue   // a literal that is not an AWS service name
            } else {
                service = nil
            }
            switch endpoint.vpc {
            case .known(.declared(let vpc)): byVPC[vpc, default: []].append(Candidate(all, index, service: service))
            case .unknown: floating.append(Candidate(all, index, service: service))
            default: continue
            }
        }
        for zone in model.hostedZones {
            for case .known(.declared(let vpc)) in zone.vpcs { zonesByVPC[vpc, default: []].append(zone) }
            if zone.vpcs.contains(where: { $0.unresolved != nil }) { floatingZones.append(zone) }
        }
    }

    /// Endpoints that are, or may be, in `vpc`.
    func endpoints(in vpc: ResourceID) -> [Candidate] { (byVPC[vpc] ?? []) + floating }

    /// Private hosted zones that are, or may be, associated with `vpc`.
    func zones(of vpc: ResourceID) -> [HostedZone] { (zonesByVPC[vpc] ?? []) + floatingZones }
}
