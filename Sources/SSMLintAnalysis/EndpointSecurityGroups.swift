import SSMLintModel

extension NetworkAnalysis {
    /// The security groups an endpoint ends up with: the declared ones, or the
    /// VPC's default group when none were given at creation.
    public func securityGroups(of endpoint: SSMEndpoint) -> [ResourceRef] {
        switch endpoint.endpoint.securityGroups {
        case .known(let refs): return refs.compactMap(\.known)
        case .absent: return model.vpcs[endpoint.vpc].map { [.declared($0.defaultSecurityGroupID)] } ?? []
        case .unknown: return []
        }
    }
}
