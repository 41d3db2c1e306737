import SSMLintModel

/// What a private hosted zone of the target's VPC that points at an endpoint
/// makes of the target's traffic.
enum RemoteResolution {
    /// The endpoint is in the target's own VPC (the local path rules apply).
    case local
    case path(PeeredEndpointPath)
    case gap(PeeringRouteGap)
    /// The VPC's DNS attributes make it ignore its private hosted zones: the public name resolves.
    case zoneIgnored
    case unknown(Unresolved)
}

/// One hop out of a VPC toward another VPC, as a route table decides it.
private enum Hop {
    case connection(PeeredEndpointPath.Connection)
    /// The route definitely leads elsewhere (an internet gateway, a peering to a third VPC).
    case elsewhere
    case unknown(Unresolved)
}

/// An interface endpoint of a peered VPC that the target's routes reach but
/// whose service name no private hosted zone of the target's VPC resolves (SSM009).
public struct UnresolvedRemoteEndpoint: Sendable {
    public var service: SSMService
    public var endpoint: SSMEndpoint
    public var connection: PeeredEndpointPath.Connection
    /// The route of the target's table that reaches the endpoint subnets.
    public var route: ResourceID
}

extension NetworkAnalysis {
    // MARK: Peered endpoint paths

    func remoteResolution(of target: ComputeTarget, to service: SSMService, in vpc: ResourceID,
                          zone: ResourceID, endpoint endpointID: ResourceID) -> RemoteResolution {
        guard let endpoint = ssmEndpointsByID[endpointID] else {
            return .unknown(Unresolved("endpoint \(endpointID), which private hosted zone \(zone) points at, is not in a VPC declared in the input"))
        }
        if endpoint.vpc == vpc { return .local }
        guard let ownVPC = model.vpcs[vpc] else { return .unknown(Unresolved("VPC \(vpc) is not declared")) }
        switch EndpointDNSEvaluator.attributes(of: ownVPC).0 {
        case .known(false): return .zoneIgnored
        case .unknown(let reason): return .unknown(reason)
        default: break
        }
        guard endpoint.isInterface.known == true, placementProblems(of: endpoint.endpoint).isEmpty else {
            return .unknown(Unresolved("endpoint \(endpointID) cannot carry traffic as declared"))
        }
        if let condition = endpoint.endpoint.info.condition {
            return .unknown(Unresolved("endpoint \(endpointID) exists only if condition \(condition) holds"))
        }
        guard case .known(.declared(let subnetID)) = target.subnet else {
            return .unknown(target.subnet.unresolved ?? Unresolved("the target's subnet is not declared in the input"))
        }
        let source: IPNetwork
        switch groups.subnetCIDR(target) {
        case .known(let network): source = network
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .unknown(Unresolved("the target's subnet CIDR is unknown"))
        }
        let endpointSubnets: [(id: ResourceID, network: IPNetwork)]
        switch declaredSubnetNetworks(endpoint) {
        case .known(let list): endpointSubnets = list
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .unknown(Unresolved("endpoint \(endpointID) has no subnets"))
        }

        func gap(_ direction: PeeringRouteGap.Direction, subnet: ResourceID, table: ResourceID?, destination: IPNetwork,
                 misroutedBy route: Route?) -> RemoteResolution {
            .gap(PeeringRouteGap(direction: direction, endpoint: endpoint, zone: zone,
                                 peering: usablePeering(joining: vpc, endpoint.vpc), subnet: subnet, routeTable: table,
                                 destination: destination, misroutedBy: route))
        }

        // Out: the target's table must send every endpoint subnet into one connection to the endpoint's VPC.
        var connection: PeeredEndpointPath.Connection?
        var forward: [ResourceID] = []
        for endpointSubnet in endpointSubnets {
            switch routeResolver.lookup(endpointSubnet.network, fromSubnet: subnetID) {
            case .unknown(let reason): return .unknown(reason)
            case .noRoute(let table):
                return gap(.toEndpoint, subnet: subnetID, table: table, destination: endpointSubnet.network, misroutedBy: nil)
            case .route(let route, let table):
                switch hop(route, from: vpc, to: endpoint.vpc, subnet: subnetID, destination: endpointSubnet.network,
                           arrivingIn: endpointSubnet.id) {
                case .unknown(let reason): return .unknown(reason)
                case .elsewhere:
                    return gap(.toEndpoint, subnet: subnetID, table: table, destination: endpointSubnet.network, misroutedBy: route)
                case .connection(let found):
                    if let connection, connection.resource != found.resource {
                        return .unknown(Unresolved("the endpoint subnets of \(endpointID) are reached through different connections"))
                    }
                    connection = found
                    if !forward.contains(route.carrier) { forward.append(route.carrier) }
                }
            }
        }
        guard let connection else { return .unknown(Unresolved("endpoint \(endpointID) has no subnets")) }

        // Back: every endpoint subnet's table must send the target's subnet into the same connection.
        var back: [ResourceID] = []
        for endpointSubnet in endpointSubnets {
            switch routeResolver.lookup(source, fromSubnet: endpointSubnet.id) {
            case .unknown(let reason): return .unknown(reason)
            case .noRoute(let table):
                guard case .peering = connection else {
                    return .unknown(Unresolved("endpoint subnet \(endpointSubnet.id) has no route back to \(source) through the transit gateway"))
                }
                return gap(.back, subnet: endpointSubnet.id, table: table, destination: source, misroutedBy: nil)
            case .route(let route, let table):
                switch connection {
                case .peering(let peering):
                    switch hop(route, from: endpoint.vpc, to: vpc, subnet: endpointSubnet.id, destination: source, arrivingIn: subnetID) {
                    case .connection(.peering(peering)): break
                    case .elsewhere: return gap(.back, subnet: endpointSubnet.id, table: table, destination: source, misroutedBy: route)
                    case .unknown(let reason): return .unknown(reason)
                    case .connection:
                        return .unknown(Unresolved("route \(route.carrier) sends the return traffic through another connection than \(peering)"))
                    }
                case .transitGateway(let gateway, let from, let to):
                    switch hop(route, from: endpoint.vpc, to: vpc, subnet: endpointSubnet.id, destination: source, arrivingIn: subnetID) {
                    case .connection(.transitGateway(gateway, from: to, to: from)): break
                    case .unknown(let reason): return .unknown(reason)
                    default:
                        return .unknown(Unresolved("route \(route.carrier) does not send the return traffic back through transit gateway \(gateway)"))
                    }
                }
                if !back.contains(route.carrier) { back.append(route.carrier) }
            }
        }
        return .path(PeeredEndpointPath(endpoint: endpoint, zone: zone, connection: connection, forwardRoutes: forward, returnRoutes: back))
    }

    /// Where one route of a VPC's table takes traffic bound for `destination` in VPC `other`.
    private func hop(_ route: Route, from vpc: ResourceID, to other: ResourceID, subnet: ResourceID,
                     destination: IPNetwork, arrivingIn destinationSubnet: ResourceID) -> Hop {
        switch route.target.kind {
        case .peeringConnection:
            guard case .known(.declared(let id)) = route.target.resource, let peering = model.peeringConnections[id] else {
                return .unknown(route.target.resource.unresolved
                    ?? Unresolved("peering connection \(route.target.resource.known?.description ?? "?") of route \(route.carrier) is not declared in the input"))
            }
            guard case .known(.declared(let peer))? = peering.otherSide(of: vpc), model.vpcs[peer] != nil else {
                return .unknown(Unresolved("the VPCs that peering \(id) joins are not both declared in the input"))
            }
            guard peer == other else { return .elsewhere }
            if let reason = usability(of: peering) { return .unknown(reason) }
            return .connection(.peering(id))
        case .transitGateway:
            return transitGatewayHop(route, from: vpc, to: other, subnet: subnet, destination: destination, arrivingIn: destinationSubnet)
        case .gateway:
            switch route.target.resource {
            case .known(.declared(let id)) where model.internetGateways.contains(id): return .elsewhere
            case .known(.external(let id)) where id.hasPrefix("igw-"): return .elsewhere
            default: break
            }
        default:
            break
        }
        return .unknown(Unresolved("route \(route.carrier) sends \(destination) to a \(route.target.kind.rawValue) (\(route.target.resource.known?.description ?? "?")), beyond what ssmlint can follow"))
    }

    /// Through a declared transit gateway, from the VPC's attachment to the other VPC's attachment.
    private func transitGatewayHop(_ route: Route, from vpc: ResourceID, to other: ResourceID, subnet: ResourceID,
                                   destination: IPNetwork, arrivingIn destinationSubnet: ResourceID) -> Hop {
        guard case .known(.declared(let id)) = route.target.resource, let gateway = model.transitGateways[id] else {
            return .unknown(route.target.resource.unresolved
                ?? Unresolved("transit gateway \(route.target.resource.known?.description ?? "?") of route \(route.carrier) is not declared in the input"))
        }
        if let condition = gateway.info.condition { return .unknown(Unresolved("transit gateway \(id) exists only if condition \(condition) holds")) }
        guard case .known(let departure) = transit.attachment(of: vpc, to: id) else {
            return .unknown(transit.attachment(of: vpc, to: id).unresolved ?? Unresolved("no attachment"))
        }
        // Only subnets in an Availability Zone of the attachment reach the transit gateway.
        switch zoneCovered(subnet, by: departure.subnets) {
        case .known(true): break
        case .unknown(let reason): return .unknown(reason)
        default: return .unknown(Unresolved("subnet \(subnet) is in an Availability Zone without a subnet of attachment \(departure.id)"))
        }
        guard case .known(let table) = transit.associatedTable(of: departure, gateway: gateway) else {
            return .unknown(transit.associatedTable(of: departure, gateway: gateway).unresolved ?? Unresolved("no route table"))
        }
        let next = transit.nextHop(for: destination, in: table, gateway: gateway)
        guard case .known(let arrivalID) = next, let arrival = model.transitGatewayAttachments[arrivalID] else {
            return .unknown(next.unresolved ?? Unresolved("attachment \(next.known?.description ?? "?") is not a VPC attachment declared in the input"))
        }
        guard arrival.vpc.known == .declared(other) else {
            return .unknown(Unresolved("transit gateway \(id) sends \(destination) to attachment \(arrivalID), not to an attachment of \(other)"))
        }
        if let condition = arrival.info.condition { return .unknown(Unresolved("attachment \(arrivalID) exists only if condition \(condition) holds")) }
        switch zoneCovered(destinationSubnet, by: arrival.subnets) {
        case .known(true): return .connection(.transitGateway(id, from: departure.id, to: arrivalID))
        case .unknown(let reason): return .unknown(reason)
        default: return .unknown(Unresolved("subnet \(destinationSubnet) is in an Availability Zone without a subnet of attachment \(arrivalID)"))
        }
    }

    /// Nil when the peering carries traffic between two VPCs of this account
    /// and Region; otherwise why that is not known.
    private func usability(of peering: PeeringConnection) -> Unresolved? {
        if let condition = peering.info.condition { return Unresolved("peering \(peering.id) exists only if condition \(condition) holds") }
        switch peering.accepted {
        case .known(true): break
        case .unknown(let reason): return reason
        default: return Unresolved("peering \(peering.id) is not accepted in the input")
        }
        if !peering.peerOwner.isAbsent { return Unresolved("peering \(peering.id) joins a VPC of another account") }
        switch peering.peerRegion {
        case .absent: return nil
        case .known(let region) where region == model.region: return nil
        default: return Unresolved("peering \(peering.id) may join a VPC of another Region")
        }
    }

    /// The declared, usable peering connection that joins two VPCs, if any.
    func usablePeering(joining first: ResourceID, _ second: ResourceID) -> ResourceID? {
        (peeringsByVPC[first] ?? []).first { $0.joins(first, second) && usability(of: $0) == nil }?.id
    }

    /// The declared subnets of an endpoint with their CIDRs.
    private func declaredSubnetNetworks(_ endpoint: SSMEndpoint) -> Value<[(id: ResourceID, network: IPNetwork)]> {
        guard case .known(let refs) = endpointSubnets(endpoint) else {
            return .unknown(endpointSubnets(endpoint).unresolved ?? Unresolved("the subnets of endpoint \(endpoint.endpoint.id) are unknown"))
        }
        var result: [(id: ResourceID, network: IPNetwork)] = []
        for ref in refs {
            guard case .known(.declared(let id)) = ref, let subnet = model.subnets[id], let text = subnet.cidrBlock.known,
                  let network = IPNetwork(text) else {
                return .unknown(Unresolved("the CIDR of endpoint subnet \(ref.known?.description ?? "?") is unknown"))
            }
            result.append((id, network))
        }
        return result.isEmpty ? .absent : .known(result)
    }

    /// True when one of `subnets` is `subnet` or lies in its Availability Zone.
    func zoneCovered(_ subnet: ResourceID, by subnets: Value<[Value<ResourceRef>]>) -> Value<Bool> {
        guard case .known(let refs) = subnets else { return .unknown(subnets.unresolved ?? Unresolved("the subnets are unknown")) }
        if refs.contains(where: { $0.known == .declared(subnet) }) { return .known(true) }
        let own = zone(of: .known(.declared(subnet)))
        guard case .known(let ownZone) = own else { return .unknown(own.unresolved ?? Unresolved("the AZ of \(subnet) is unknown")) }
        var pending: Unresolved?
        for ref in refs {
            let other = zone(of: ref)
            guard case .known(let otherZone) = other else { pending = other.unresolved; continue }
            switch ownZone.isSame(as: otherZone, region: model.region) {
            case true?: return .known(true)
            case nil: pending = Unresolved("\(ownZone) and \(otherZone) cannot be compared")
            case false?: break
            }
        }
        if let pending { return .unknown(pending) }
        return .known(false)
    }

    // MARK: Remote endpoints without DNS (SSM009)

    /// Interface endpoints of other VPCs that the target's routes reach through
    /// a peering connection or a declared transit gateway, for services that
    /// its own VPC has no endpoint for and no private hosted zone of its VPC
    /// resolves. `unresolved` says why a candidate could not be decided.
    public func remoteEndpointsWithoutDNS(of target: ComputeTarget) -> (found: [UnresolvedRemoteEndpoint], unresolved: Unresolved?) {
        guard let vpc = vpcID(of: target), case .known(.declared(let subnetID)) = target.subnet,
              case .table(let table) = routeResolver.routeTable(forSubnet: subnetID) else { return ([], nil) }
        let exits = table.routes.filter { $0.target.kind == .peeringConnection || $0.target.kind == .transitGateway }
        guard !exits.isEmpty else { return ([], nil) }
        // VPCs behind the exits (peer VPCs, VPCs attached to the same transit gateway).
        var peers: [ResourceID] = []
        // An exit the input does not declare may lead to another VPC's endpoints.
        var outside: Unresolved?
        for route in exits {
            guard case .known(.declared(let id)) = route.target.resource,
                  model.peeringConnections[id] != nil || model.transitGateways.contains(id) else {
                let name = route.target.resource.known?.description ?? "that cannot be resolved"
                outside = outside ?? Unresolved("route \(route.carrier) leads to \(route.target.kind.rawValue) \(name), which the input does not declare; endpoints of another VPC may be behind it")
                continue
            }
            if let peering = model.peeringConnections[id], case .known(.declared(let peer))? = peering.otherSide(of: vpc) {
                if !peers.contains(peer) { peers.append(peer) }
            } else if model.transitGateways.contains(id) {
                for attachment in model.transitGatewayAttachments where attachment.transitGateway.known == .declared(id) {
                    if case .known(.declared(let peer)) = attachment.vpc, peer != vpc, !peers.contains(peer) { peers.append(peer) }
                }
            }
        }
        var found: [UnresolvedRemoteEndpoint] = []
        var unresolved: Unresolved?
        for service in SSMService.allCases {
            guard endpoints(in: vpc, for: service).isEmpty else { continue }
            if unplacedEndpoints.contains(where: { $0.vpc.unresolved != nil || $0.vpc.known == .declared(vpc) }) { return ([], nil) }
            switch dns.resolverStatus(vpc) {
            case .known(false): break
            case .unknown(let reason): return ([], reason)
            default: return ([], Unresolved("VPC \(vpc) uses custom DNS servers (DHCP options)"))
            }
            switch zoneResolution(of: service, in: vpc) {
            case .none: break
            case .unknown(let reason): unresolved = unresolved ?? reason; continue
            default: continue
            }
            if let outside { unresolved = unresolved ?? outside }
            candidates: for peer in peers {
                for endpoint in endpoints(in: peer, for: service)
                where endpoint.isInterface.known == true && endpoint.endpoint.info.condition == nil && placementProblems(of: endpoint.endpoint).isEmpty {
                    guard case .known(let subnets) = declaredSubnetNetworks(endpoint) else {
                        unresolved = unresolved ?? declaredSubnetNetworks(endpoint).unresolved
                        continue
                    }
                    var reached: (PeeredEndpointPath.Connection, ResourceID)?
                    for endpointSubnet in subnets {
                        var next: PeeredEndpointPath.Connection?
                        switch routeResolver.lookup(endpointSubnet.network, fromSubnet: subnetID) {
                        case .route(let route, _):
                            switch hop(route, from: vpc, to: peer, subnet: subnetID, destination: endpointSubnet.network,
                                       arrivingIn: endpointSubnet.id) {
                            case .connection(let connection):
                                if reached == nil || reached!.0.resource == connection.resource {
                                    next = connection
                                    reached = (connection, route.carrier)
                                }
                            case .unknown(let reason): unresolved = unresolved ?? reason
                            case .elsewhere: break
                            }
                        case .unknown(let reason): unresolved = unresolved ?? reason
                        case .noRoute: break
                        }
                        if next == nil { reached = nil; break }
                    }
                    if let (connection, route) = reached {
                        found.append(UnresolvedRemoteEndpoint(service: service, endpoint: endpoint, connection: connection, route: route))
                        break candidates
                    }
                }
            }
        }
        return (found, unresolved)
    }

    /// The endpoint of another VPC that a private hosted zone of the target's
    /// VPC sends the service name to, whether or not the path works.
    public func peeredEndpointTarget(of target: ComputeTarget, for service: SSMService) -> SSMEndpoint? {
        guard let vpc = vpcID(of: target), case .endpoint(_, let id) = zoneResolution(of: service, in: vpc),
              let endpoint = ssmEndpointsByID[id], endpoint.vpc != vpc else { return nil }
        return endpoint
    }

    /// True when the target's traffic for `service` concerns an endpoint of
    /// another VPC: a private hosted zone of its VPC points there, or its
    /// routes reach one that no zone resolves. The rules about missing
    /// endpoints then leave the root cause to SSM009 / SSM019 / SSM001.
    public func reliesOnRemoteEndpoint(_ target: ComputeTarget, for service: SSMService) -> Bool {
        if peeredEndpointTarget(of: target, for: service) != nil { return true }
        return remoteEndpointsWithoutDNS(of: target).found.contains { $0.service == service }
    }
}

extension PeeringRouteGap {
    /// Why the path fails, for `ServicePath.none` and `ssmlint paths`.
    var reason: String {
        let table = routeTable.map { "route table \($0)" } ?? "the main route table (local route only)"
        let misrouted = misroutedBy.map { ", whose route \($0.carrier) sends it to \($0.target.kind.rawValue) \($0.target.resource.known?.description ?? "?")" } ?? ""
        switch direction {
        case .toEndpoint:
            return "private hosted zone \(zone) sends the name to endpoint \(endpoint.endpoint.id) in \(endpoint.vpc), but \(table) of subnet \(subnet) has no route to \(destination) through a connection to that VPC\(misrouted)"
        case .back:
            return "private hosted zone \(zone) sends the name to endpoint \(endpoint.endpoint.id) in \(endpoint.vpc), but \(table) of its subnet \(subnet) has no route back to \(destination)\(peering.map { " through \($0)" } ?? "")\(misrouted)"
        }
    }

    var involved: [ResourceID] {
        [zone, endpoint.endpoint.id, subnet] + [routeTable, peering, misroutedBy?.carrier].compactMap { $0 }
    }
}
