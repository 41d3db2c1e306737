import SSMLintModel

/// Where a subnet's route table sends traffic for one destination network
/// (longest-prefix match over the table's IPv4 routes).
enum RouteLookup {
    /// The most specific route whose destination contains the whole network.
    case route(Route, table: ResourceID)
    /// No route covers it, so only the local route applies and the traffic
    /// never leaves the VPC. `table` is nil for a main table with only the local route.
    case noRoute(table: ResourceID?)
    case unknown(Unresolved)
}

extension RouteResolver {
    /// The route the subnet's table uses for every address of `destination`.
    func lookup(_ destination: IPNetwork, fromSubnet subnet: ResourceID) -> RouteLookup {
        switch routeTable(forSubnet: subnet) {
        case .unknown(let reason): return .unknown(reason)
        case .mainLocalOnly: return .noRoute(table: nil)
        case .table(let table): return lookup(destination, in: table)
        }
    }

    func lookup(_ destination: IPNetwork, in table: RouteTable) -> RouteLookup {
        var best: Route?
        var bestLength = -1
        for route in table.routes {
            let networks: [IPNetwork]
            switch route.destination {
            case .ipv4(.known(let text)):
                guard let network = IPNetwork(text), network.family == .ipv4 else {
                    return .unknown(Unresolved("route \(route.carrier) has the destination '\(text)', which is not an IPv4 CIDR"))
                }
                networks = [network]
            case .ipv4(.unknown(let reason)), .unknown(let reason):
                return .unknown(reason)
            case .ipv4(.absent), .ipv6:
                continue
            case .prefixList(let ref):
                switch prefixListNetworks(ref) {
                case .known(let list): networks = list
                case .unknown(let reason): return .unknown(reason)
                case .absent: continue
                }
            }
            for network in networks {
                if network.contains(destination) {
                    if network.prefixLength > bestLength {
                        best = route
                        bestLength = network.prefixLength
                    }
                } else if destination.contains(network) {
                    // A more specific route takes part of the destination elsewhere.
                    return .unknown(Unresolved("route \(route.carrier) sends only part of \(destination) (\(network)) its own way"))
                }
            }
        }
        if let best {
            if let condition = best.condition {
                return .unknown(Unresolved("route \(best.carrier) exists only if condition \(condition) holds"))
            }
            return .route(best, table: table.id)
        }
        if model.exportedResources.contains(table.id) {
            return .unknown(Unresolved("route table \(table.id) is published in Outputs, so another stack may add routes to it"))
        }
        if let stray = model.unattachedRoutes.first(where: { $0.routeTable.unresolved != nil }) {
            return .unknown(Unresolved("route \(stray.carrier) is added to a route table that cannot be resolved"))
        }
        return .noRoute(table: table.id)
    }

    /// The CIDRs of a prefix list declared in the input.
    private func prefixListNetworks(_ ref: Value<ResourceRef>) -> Value<[IPNetwork]> {
        guard case .known(.declared(let id)) = ref, let list = model.prefixLists[id], case .known(let entries) = list.entries else {
            return .unknown(ref.unresolved ?? Unresolved("prefix list \(ref.known?.description ?? "?") is not declared in the input"))
        }
        var networks: [IPNetwork] = []
        for entry in entries {
            guard let text = entry.known, let network = IPNetwork(text) else {
                return .unknown(entry.unresolved ?? Unresolved("an entry of prefix list \(id) is unknown"))
            }
            if network.family == .ipv4 { networks.append(network) }
        }
        return .known(networks)
    }
}
