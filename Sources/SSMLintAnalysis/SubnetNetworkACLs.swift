import SSMLintModel

/// Which network ACL filters each subnet's traffic: its explicit association,
/// else its VPC's default network ACL (which allows everything unless the input
/// changes it).
struct SubnetNetworkACLs: Sendable {
    let model: InfrastructureModel
    private var associations: [ResourceID: [NetworkACLAssociation]] = [:]
    private var ambiguous: NetworkACLAssociation?
    /// An entry whose network ACL cannot be resolved may belong to any ACL.
    private var strayEntry: ResourceID?

    init(model: InfrastructureModel) {
        self.model = model
        for association in model.networkACLAssociations {
            switch association.subnet {
            case .known(.declared(let subnet)): associations[subnet, default: []].append(association)
            case .known(.external), .absent: continue
            case .unknown: ambiguous = ambiguous ?? association
            }
        }
        strayEntry = model.unattachedNetworkACLEntries.first { $0.acl.unresolved != nil }?.entry.carrier
    }

    /// The network ACL of a declared subnet.
    func acl(of subnetID: ResourceID) -> Value<NetworkACL> {
        guard let subnet = model.subnets[subnetID] else { return .unknown(Unresolved("subnet \(subnetID) is not declared in the input")) }
        if let ambiguous {
            return .unknown(Unresolved("network ACL association \(ambiguous.carrier) names a subnet that cannot be resolved"))
        }
        let explicit = associations[subnetID] ?? []
        if let association = explicit.first {
            // The same association may be declared twice (`subnet_ids` of an existing ACL and an association resource).
            if explicit.contains(where: { $0.networkACL != association.networkACL }) {
                return .unknown(Unresolved("subnet \(subnetID) has \(explicit.count) network ACL associations"))
            }
            if let condition = association.condition {
                return .unknown(Unresolved("network ACL association \(association.carrier) exists only if condition \(condition) holds"))
            }
            return declared(association.networkACL)
        }
        guard case .known(.declared(let vpcID)) = subnet.vpc, let vpc = model.vpcs[vpcID] else {
            return .unknown(Unresolved("subnet \(subnetID) uses the default network ACL of a VPC not declared in the input"))
        }
        return declared(.known(.declared(vpc.defaultNetworkACLID)))
    }

    private func declared(_ ref: Value<ResourceRef>) -> Value<NetworkACL> {
        switch ref {
        case .known(.declared(let id)):
            guard let acl = model.networkACLs[id] else { return .unknown(Unresolved("network ACL \(id) is not declared")) }
            if let openWorld = acl.openWorld { return .unknown(openWorld) }
            if let strayEntry { return .unknown(Unresolved("network ACL entry \(strayEntry) names an ACL that cannot be resolved")) }
            if let condition = acl.info.condition {
                return .unknown(Unresolved("network ACL \(id) exists only if condition \(condition) holds"))
            }
            return .known(acl)
        case .known(.external(let id)): return .unknown(Unresolved("network ACL \(id) is not declared in the input"))
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .unknown(Unresolved("the association names no network ACL"))
        }
    }
}
