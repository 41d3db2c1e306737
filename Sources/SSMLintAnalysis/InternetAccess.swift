import SSMLintModel

/// Where a subnet's default route (0.0.0.0/0) leads, for a target with or
/// without public IPv4 (docs/how-it-decides.md).
public enum InternetAccess: Sendable {
    /// Default route to an attached internet gateway and a public IPv4 address.
    case internetGateway(gateway: ResourceRef, involved: [ResourceID])
    /// Default route to a public NAT gateway whose own subnet routes to an attached internet gateway.
    case natGateway(ResourceID, involved: [ResourceID])
    /// Definitely no way out: local-only table, private NAT, broken NAT, no public IP behind an IGW route.
    case none(reason: String, involved: [ResourceID])
    /// TGW, VGW, NAT instance, peering, external IDs, unknown tables or routes.
    case unknown(Unresolved)

    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    public var reachesInternet: Bool {
        switch self {
        case .internetGateway, .natGateway: return true
        default: return false
        }
    }
}

/// The route table in effect for a subnet.
enum RouteTableResolution {
    case table(RouteTable)
    /// The VPC's main table, which a CloudFormation template cannot change: local only.
    case mainLocalOnly(vpc: ResourceID)
    case unknown(Unresolved)
}

/// Route resolution per subnet: explicit association, else the main table.
struct RouteResolver {
    let model: InfrastructureModel
    private var associations: [ResourceID: [SubnetRouteTableAssociation]] = [:]
    private var ambiguousAssociations: [SubnetRouteTableAssociation] = []
    private var mainTables: [ResourceID: Value<ResourceRef>] = [:]
    private var attachedGateways: [ResourceID: [GatewayAttachment]] = [:]

    init(model: InfrastructureModel) {
        self.model = model
        for association in model.subnetRouteTableAssociations {
            if case .known(.declared(let subnet)) = association.subnet {
                associations[subnet, default: []].append(association)
            } else if !(association.subnet.known.map { if case .external = $0 { return true } else { return false } } ?? false) {
                ambiguousAssociations.append(association)
            }
        }
        for association in model.mainRouteTableAssociations {
            if case .known(.declared(let vpc)) = association.vpc { mainTables[vpc] = association.routeTable }
        }
        for table in model.routeTables where table.isMain {
            if case .known(.declared(let vpc)) = table.vpc, mainTables[vpc] == nil { mainTables[vpc] = .known(.declared(table.id)) }
        }
        for attachment in model.gatewayAttachments {
            if case .known(.declared(let gateway)) = attachment.internetGateway {
                attachedGateways[gateway, default: []].append(attachment)
            }
        }
    }

    func routeTable(forSubnet subnetID: ResourceID) -> RouteTableResolution {
        guard let subnet = model.subnets[subnetID] else {
            return .unknown(Unresolved("subnet \(subnetID) is not declared in the input"))
        }
        if let first = ambiguousAssociations.first {
            return .unknown(Unresolved("route table association \(first.id) names a subnet that cannot be resolved"))
        }
        if let explicit = associations[subnetID], !explicit.isEmpty {
            let association = explicit[0]
            if let condition = association.info.condition {
                return .unknown(Unresolved("the route table association \(association.id) exists only if condition \(condition) holds"))
            }
            switch association.routeTable {
            case .known(.declared(let id)):
                guard let table = model.routeTables[id] else { return .unknown(Unresolved("route table \(id) is not declared")) }
                return .table(table)
            case .known(.external(let id)): return .unknown(Unresolved("route table \(id) is not declared in the input"))
            case .unknown(let reason): return .unknown(reason)
            case .absent: return .unknown(Unresolved("association \(association.id) has no route table"))
            }
        }
        guard case .known(.declared(let vpcID)) = subnet.vpc, model.vpcs[vpcID] != nil else {
            return .unknown(Unresolved("subnet \(subnetID) uses the main route table of a VPC not declared in the input"))
        }
        if let main = mainTables[vpcID] {
            if case .known(.declared(let id)) = main, let table = model.routeTables[id] { return .table(table) }
            return .unknown(Unresolved("the main route table of \(vpcID) is not declared in the input"))
        }
        if model.preexistingResources.contains(vpcID) {
            return .unknown(Unresolved("the main route table of existing VPC \(vpcID) is managed outside the plan"))
        }
        return .mainLocalOnly(vpc: vpcID)
    }

    /// Routes of the subnet's table that lead to other networks (peering, transit
    /// gateway, VPN, appliances): endpoints may be reachable beyond them.
    func remoteRoutes(subnet subnetID: ResourceID) -> [Route] {
        guard case .table(let table) = routeTable(forSubnet: subnetID) else { return [] }
        let remote: Set<RouteTarget.Kind> = [.peeringConnection, .transitGateway, .coreNetwork, .localGateway,
                                             .networkInterface, .instance, .vpcEndpoint, .unknown]
        return table.routes.filter { route in
            if remote.contains(route.target.kind) { return true }
            if route.target.kind == .gateway, case .known(let ref) = route.target.resource {
                switch ref {
                case .declared(let id): return model.vpnGateways.contains(id)
                case .external(let id): return id.hasPrefix("vgw-")
                }
            }
            return false
        }
    }

    /// The route a table uses for the internet (the longest /0 match: the default route).
    private func defaultRoute(_ table: RouteTable) -> Value<Route> {
        var pending: Unresolved?
        for route in table.routes {
            guard case .ipv4(let destination) = route.destination else {
                if case .unknown(let reason) = route.destination { pending = reason }
                continue
            }
            switch destination {
            case .known(let cidr):
                guard let network = IPNetwork(cidr), network.isEverything else { continue }
                if let condition = route.condition {
                    return .unknown(Unresolved("the default route \(route.carrier) exists only if condition \(condition) holds"))
                }
                return .known(route)
            case .unknown(let reason): pending = reason
            case .absent: continue
            }
        }
        if let pending { return .unknown(pending) }
        return .absent
    }

    /// Internet access of a subnet for a host with or without public IPv4.
    func internetAccess(subnet subnetID: ResourceID, publicIPv4: Value<Bool>, depth: Int = 0) -> InternetAccess {
        let resolution = routeTable(forSubnet: subnetID)
        let table: RouteTable
        switch resolution {
        case .unknown(let reason): return .unknown(reason)
        case .mainLocalOnly(let vpc):
            return .none(reason: "subnet \(subnetID) has no route table association, so it uses the main route table of \(vpc), which has only the local route",
                         involved: [subnetID])
        case .table(let found): table = found
        }
        let route: Route
        switch defaultRoute(table) {
        case .absent:
            if model.exportedResources.contains(table.id) {
                return .unknown(Unresolved("route table \(table.id) is published in Outputs, so another stack may add its default route"))
            }
            return .none(reason: "route table \(table.id) of subnet \(subnetID) has no default route (0.0.0.0/0)", involved: [table.id])
        case .unknown(let reason): return .unknown(reason)
        case .known(let found): route = found
        }
        let involved = [table.id, route.carrier]
        let targetsNAT = route.target.kind == .natGateway
            || (route.target.kind == .gateway && route.target.resource.known?.declaredID.map { model.natGateways.contains($0) } == true)
        if depth > 0 && targetsNAT {
            // A NAT gateway needs an internet gateway route in its own subnet; another NAT is not one.
            return .none(reason: "route table \(table.id) sends the NAT gateway's traffic to a NAT gateway, not to an internet gateway", involved: involved)
        }
        switch (route.target.kind, route.target.resource) {
        case (_, .unknown(let reason)):
            return .unknown(reason)
        case (.gateway, .known(.declared(let natID))) where model.natGateways.contains(natID):
            // `GatewayId: !Ref NatGateway`: classify by the referenced resource.
            return natAccess(model.natGateways[natID]!, involved: involved, depth: depth)
        case (.gateway, .known(let ref)):
            return gatewayAccess(ref, table: table, route: route, publicIPv4: publicIPv4, involved: involved)
        case (.natGateway, .known(.declared(let natID))):
            guard let nat = model.natGateways[natID] else { return .unknown(Unresolved("NAT gateway \(natID) is not declared")) }
            return natAccess(nat, involved: involved, depth: depth)
        case (.natGateway, .known(.external(let id))):
            return .unknown(Unresolved("NAT gateway \(id) is not declared in the input", leadsBeyondInput: true))
        default:
            return .unknown(Unresolved("the default route of \(table.id) goes to a \(route.target.kind.rawValue) (\(route.target.resource.known?.description ?? "?")), beyond what ssmlint can follow", leadsBeyondInput: true))
        }
    }

    private func gatewayAccess(_ ref: ResourceRef, table: RouteTable, route: Route, publicIPv4: Value<Bool>, involved: [ResourceID]) -> InternetAccess {
        switch ref {
        case .external(let id):
            guard id.hasPrefix("igw-") else { return .unknown(Unresolved("the default route of \(table.id) goes to gateway \(id), which is not declared", leadsBeyondInput: true)) }
        case .declared(let id):
            if model.vpnGateways.contains(id) {
                return .unknown(Unresolved("the default route of \(table.id) goes to virtual private gateway \(id)", leadsBeyondInput: true))
            }
            guard let gateway = model.internetGateways[id] else {
                return .unknown(Unresolved("gateway \(id) is not an internet gateway declared in the input"))
            }
            switch isAttached(gateway, to: table.vpc) {
            case .known(false):
                return .none(reason: "internet gateway \(id) is not attached to the VPC of route table \(table.id)", involved: involved + [id])
            case .unknown(let reason): return .unknown(reason)
            default: break
            }
        }
        switch publicIPv4 {
        case .known(true): return .internetGateway(gateway: ref, involved: involved + [ref.declaredID].compactMap { $0 })
        case .known(false), .absent:
            return .none(reason: "the default route goes to internet gateway \(ref), but the target has no public IPv4 address",
                         involved: involved)
        case .unknown(let reason): return .unknown(reason)
        }
    }

    private func natAccess(_ nat: NatGateway, involved: [ResourceID], depth: Int) -> InternetAccess {
        switch nat.connectivityType.or(NatGateway.defaultConnectivityType) {
        case .known(let type) where type.lowercased() == "private":
            return .none(reason: "the default route goes to private NAT gateway \(nat.id), which has no internet path", involved: involved + [nat.id])
        case .unknown(let reason): return .unknown(reason)
        default: break
        }
        if let condition = nat.info.condition {
            return .unknown(Unresolved("NAT gateway \(nat.id) exists only if condition \(condition) holds"))
        }
        guard depth < 2, case .known(.declared(let natSubnet)) = nat.subnet else {
            return .unknown(nat.subnet.unresolved ?? Unresolved("the subnet of NAT gateway \(nat.id) is not declared in the input"))
        }
        switch internetAccess(subnet: natSubnet, publicIPv4: .known(true), depth: depth + 1) {
        case .internetGateway(_, let via):
            return .natGateway(nat.id, involved: involved + [nat.id] + via)
        case .natGateway, .none:
            return .none(reason: "NAT gateway \(nat.id) sits in subnet \(natSubnet), whose route table has no default route to an attached internet gateway",
                         involved: involved + [nat.id, natSubnet])
        case .unknown(let reason):
            return .unknown(reason)
        }
    }

    private func isAttached(_ gateway: InternetGateway, to vpc: Value<ResourceRef>) -> Value<Bool> {
        if let inline = gateway.vpc.known { return .known(inline == vpc.known) }
        var pending: Unresolved?
        for attachment in attachedGateways[gateway.id] ?? [] {
            if attachment.info.condition != nil {
                pending = Unresolved("attachment \(attachment.id) exists only if condition \(attachment.info.condition!) holds")
                continue
            }
            switch attachment.vpc {
            case .known(let attached): if attached == vpc.known { return .known(true) }
            case .unknown(let reason): pending = reason
            case .absent: break
            }
        }
        if let pending { return .unknown(pending) }
        if model.gatewayAttachments.contains(where: { $0.internetGateway.unresolved != nil }) {
            return .unknown(Unresolved("a gateway attachment names a gateway that cannot be resolved"))
        }
        return .known(false)
    }
}
