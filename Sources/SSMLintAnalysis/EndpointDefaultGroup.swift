import SSMLintModel

/// How an interface endpoint comes to use its VPC's default security group.
public enum DefaultGroupUse: Sendable {
    /// No security group was given, so EC2 attached the default group.
    case implicit
    /// Terraform associations added groups without `replace_default_association`,
    /// so the default group attached at creation stays.
    case keptBy([ResourceID])
    /// The default group is one of the listed groups.
    case listed
    case notUsed
    case unknown(Unresolved)
}

extension NetworkAnalysis {
    /// Whether `endpoint` is attached to its VPC's default security group.
    public func defaultGroupUse(of endpoint: VPCEndpoint) -> DefaultGroupUse {
        switch endpoint.securityGroups {
        case .absent: return .implicit
        case .unknown(let reason): return .unknown(reason)
        case .known(let refs):
            if !endpoint.defaultGroupKeptBy.isEmpty { return .keptBy(endpoint.defaultGroupKeptBy) }
            var pending: Unresolved?
            for ref in refs {
                switch ref {
                case .known(let group):
                    if isDefaultSecurityGroup(group) { return .listed }
                    if case .external(let id) = group {
                        pending = pending ?? Unresolved("security group \(id) is not declared in the input; it may be the VPC default group")
                    }
                case .unknown(let reason): pending = pending ?? reason
                case .absent: continue
                }
            }
            if let pending { return .unknown(pending) }
            return .notUsed
        }
    }

    /// True for a VPC's default security group, implicit or managed
    /// (`!GetAtt VPC.DefaultSecurityGroup`, `aws_default_security_group`).
    public func isDefaultSecurityGroup(_ group: ResourceRef) -> Bool {
        guard case .declared(let id) = group else { return false }
        if model.securityGroups[id]?.isVPCDefault == true { return true }
        return id.implicit?.kind == .defaultSecurityGroup
    }
}
