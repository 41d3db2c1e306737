import SSMLintModel

/// Routing inside transit gateways declared in the input: which attachment
/// a transit gateway route table sends a destination to. Transit gateway route
/// tables take routes from other stacks and accounts too (propagations of
/// attachments shared through AWS RAM), so a route that is not found is
/// unknown, never "no route".
struct TransitGatewayRouting {
    let model: InfrastructureModel
    private var attachmentsByGateway: [ResourceID: [TransitGatewayAttachment]] = [:]
    private var associations: [ResourceID: [TransitGatewayRouteTableLink]] = [:]
    private var propagations: [ResourceID: [ResourceID]] = [:]
    private var staticRoutes: [ResourceID: [TransitGatewayRoute]] = [:]
    /// Links or routes whose attachment or table cannot be resolved: they may touch any table.
    private var stray: Unresolved?
    private var vpcCIDRs: [ResourceID: [Value<String>]] = [:]

    init(model: InfrastructureModel) {
        self.model = model
        for attachment in model.transitGatewayAttachments {
            if case .known(.declared(let gateway)) = attachment.transitGateway {
                attachmentsByGateway[gateway, default: []].append(attachment)
            }
        }
        for link in model.transitGatewayRouteTableLinks {
            guard case .known(.declared(let attachment)) = link.attachment, let table = Self.tableID(link.routeTable, in: model) else {
                stray = stray ?? Unresolved("\(link.kind.rawValue) \(link.id) names a transit gateway attachment or route table that cannot be resolved")
                continue
            }
            switch link.kind {
            case .association: associations[attachment, default: []].append(link)
            case .propagation: propagations[table, default: []].append(attachment)
            }
        }
        for route in model.transitGatewayRoutes {
            guard let table = Self.tableID(route.routeTable, in: model) else {
                stray = stray ?? Unresolved("transit gateway route \(route.id) names a route table that cannot be resolved")
                continue
            }
            staticRoutes[table, default: []].append(route)
        }
        for vpc in model.vpcs { vpcCIDRs[vpc.id, default: []].append(vpc.cidrBlock) }
        for block in model.vpcCidrBlocks {
            if case .known(.declared(let vpc)) = block.vpc { vpcCIDRs[vpc, default: []].append(block.cidrBlock) }
        }
    }

    /// A transit gateway route table by reference; a reference to the transit
    /// gateway itself (Terraform's `association_default_route_table_id`) means its default table.
    private static func tableID(_ ref: Value<ResourceRef>, in model: InfrastructureModel) -> ResourceID? {
        guard case .known(.declared(let id)) = ref else { return nil }
        if let gateway = model.transitGateways[id] { return gateway.defaultRouteTableID }
        return model.transitGatewayRouteTables.contains(id) ? id : nil
    }

    /// The attachment of `vpc` to the transit gateway.
    func attachment(of vpc: ResourceID, to gateway: ResourceID) -> Value<TransitGatewayAttachment> {
        let matching = (attachmentsByGateway[gateway] ?? []).filter { $0.vpc.known == .declared(vpc) }
        guard matching.count == 1, let attachment = matching.first else {
            if matching.isEmpty, (attachmentsByGateway[gateway] ?? []).contains(where: { $0.vpc.unresolved != nil }) {
                return .unknown(Unresolved("an attachment of transit gateway \(gateway) names a VPC that cannot be resolved"))
            }
            return .unknown(Unresolved(matching.isEmpty
                ? "no attachment of \(vpc) to transit gateway \(gateway) is declared in the input"
                : "\(vpc) has several attachments to transit gateway \(gateway)"))
        }
        if let condition = attachment.info.condition {
            return .unknown(Unresolved("attachment \(attachment.id) exists only if condition \(condition) holds"))
        }
        return .known(attachment)
    }

    /// The route table the attachment is associated with: an explicit
    /// association, else the transit gateway's default table.
    func associatedTable(of attachment: TransitGatewayAttachment, gateway: TransitGateway) -> Value<ResourceID> {
        if let stray { return .unknown(stray) }
        let explicit = associations[attachment.id] ?? []
        if explicit.count == 1, let link = explicit.first, let table = Self.tableID(link.routeTable, in: model) {
            if let condition = link.info.condition { return .unknown(Unresolved("association \(link.id) exists only if condition \(condition) holds")) }
            return .known(table)
        }
        guard explicit.isEmpty else { return .unknown(Unresolved("attachment \(attachment.id) has several route table associations")) }
        let byDefault = [attachment.usesDefaultAssociation.or(true), gateway.defaultRouteTableAssociation.or(TransitGateway.defaultAssociationEnabled)]
        if let reason = byDefault.lazy.compactMap(\.unresolved).first { return .unknown(reason) }
        guard byDefault.allSatisfy({ $0.known == true }) else {
            return .unknown(Unresolved("attachment \(attachment.id) is associated with a route table outside the input"))
        }
        return .known(gateway.defaultRouteTableID)
    }

    /// The attachment a transit gateway route table sends every address of `destination` to.
    func nextHop(for destination: IPNetwork, in table: ResourceID, gateway: TransitGateway) -> Value<ResourceID> {
        if let stray { return .unknown(stray) }
        var best: (length: Int, isStatic: Bool, attachment: Value<ResourceRef>, blackhole: Bool)?
        func consider(_ network: IPNetwork, isStatic: Bool, attachment: Value<ResourceRef>, blackhole: Bool) -> Unresolved? {
            if network.contains(destination) {
                if best == nil || network.prefixLength > best!.length || (network.prefixLength == best!.length && isStatic && !best!.isStatic) {
                    best = (network.prefixLength, isStatic, attachment, blackhole)
                }
            } else if destination.contains(network) {
                return Unresolved("a transit gateway route for \(network) takes part of \(destination) its own way")
            }
            return nil
        }
        for route in staticRoutes[table] ?? [] {
            guard route.info.condition == nil, let text = route.destination.known, let network = IPNetwork(text) else {
                return .unknown(route.destination.unresolved ?? Unresolved("transit gateway route \(route.id) is conditional or has no IPv4 destination"))
            }
            if let problem = consider(network, isStatic: true, attachment: route.attachment, blackhole: route.blackhole.known == true) {
                return .unknown(problem)
            }
        }
        var propagated = propagations[table] ?? []
        if table == gateway.defaultRouteTableID {
            for attachment in attachmentsByGateway[gateway.id] ?? [] {
                let byDefault = [attachment.usesDefaultPropagation.or(true), gateway.defaultRouteTablePropagation.or(TransitGateway.defaultPropagationEnabled)]
                if let reason = byDefault.lazy.compactMap(\.unresolved).first { return .unknown(reason) }
                if byDefault.allSatisfy({ $0.known == true }) { propagated.append(attachment.id) }
            }
        }
        for attachmentID in propagated {
            guard let attachment = model.transitGatewayAttachments[attachmentID], case .known(.declared(let vpc)) = attachment.vpc else {
                return .unknown(Unresolved("the VPC of propagating attachment \(attachmentID) is not declared in the input"))
            }
            for cidr in vpcCIDRs[vpc] ?? [] {
                guard let text = cidr.known, let network = IPNetwork(text) else {
                    return .unknown(cidr.unresolved ?? Unresolved("a CIDR of \(vpc) is unknown"))
                }
                if let problem = consider(network, isStatic: false, attachment: .known(.declared(attachmentID)), blackhole: false) {
                    return .unknown(problem)
                }
            }
        }
        guard let best else {
            return .unknown(Unresolved("transit gateway route table \(table) has no route to \(destination) in the input"))
        }
        // A blackhole drops the traffic, but a more specific route from another
        // stack or account may still win, so it stays unknown, with its own reason.
        if best.blackhole {
            return .unknown(Unresolved("transit gateway route table \(table) sends \(destination) to a blackhole route"))
        }
        guard case .known(.declared(let next)) = best.attachment else {
            return .unknown(best.attachment.unresolved ?? Unresolved("the transit gateway route to \(destination) in \(table) leads to an attachment outside the input"))
        }
        return .known(next)
    }
}
