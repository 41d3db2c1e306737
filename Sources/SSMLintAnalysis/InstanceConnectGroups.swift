import SSMLintModel

/// What other rules need to know about EC2 Instance Connect Endpoints: which
/// security groups serve instances that an endpoint reaches, and which groups
/// only endpoints carry (their inbound rules are never consulted).
public struct InstanceConnectGroups: Sendable {
    /// For a security group carried by a compute target that an endpoint is
    /// linked to: the security groups of those endpoints.
    public let endpointGroupsServing: [ResourceID: [ResourceRef]]
    /// Targets linked to at least one endpoint, by identity.
    public let linkedTargets: Set<ResourceID>
    /// Groups attached to endpoints and to nothing else the input shows.
    public let endpointOnlyGroups: Set<ResourceID>

    public static let none = InstanceConnectGroups(endpointGroupsServing: [:], linkedTargets: [], endpointOnlyGroups: [])
}

extension NetworkAnalysis {
    public func instanceConnectGroups() -> InstanceConnectGroups {
        guard !model.instanceConnectEndpoints.isEmpty else { return .none }
        return instanceConnectGroups(instanceConnect())
    }

    public func instanceConnectGroups(_ eic: InstanceConnectAnalysis) -> InstanceConnectGroups {
        var serving: [ResourceID: [ResourceRef]] = [:]
        var linked: Set<ResourceID> = []
        for access in eic.accesses {
            linked.insert(access.target.id)
            for ref in access.target.securityGroups.known ?? [] {
                guard let id = ref.known?.declaredID else { continue }
                for group in access.placement.groups where !(serving[id]?.contains(group) ?? false) {
                    serving[id, default: []].append(group)
                }
            }
        }
        var candidates: Set<ResourceID> = []
        for endpoint in model.instanceConnectEndpoints {
            for ref in endpoint.securityGroups.known ?? [] {
                if let id = ref.known?.declaredID, model.securityGroups[id]?.isVPCDefault == false { candidates.insert(id) }
            }
        }
        return InstanceConnectGroups(endpointGroupsServing: serving, linkedTargets: linked,
                                     endpointOnlyGroups: candidates.filter(isAttachedOnlyToInstanceConnectEndpoints))
    }

    /// True when nothing but EC2 Instance Connect Endpoints (and security-group
    /// rules, which name groups without attaching them) refers to the group, and
    /// the group is not published for other stacks.
    private func isAttachedOnlyToInstanceConnectEndpoints(_ group: ResourceID) -> Bool {
        !model.exportedResources.contains(group) && !model.mentionedByAttachingResources.contains(group)
    }
}
