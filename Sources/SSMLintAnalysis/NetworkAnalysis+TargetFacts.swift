import SSMLintModel

extension NetworkAnalysis {
    /// Compute targets, their permissions, internet access and remote routes.
    struct TargetFacts: Sendable {
        let targets: [ComputeTarget]
        let routeResolver: RouteResolver
        let subnetACLs: SubnetNetworkACLs
        let serviceEndpoints: ServiceEndpointIndex
        let permissions: [String: ManagementPermission]
        let access: [String: InternetAccess]
        let remote: [String: [Route]]
        let ssmIntendedTargets: [ComputeTarget]
        let intendedByVPC: [ResourceID: [ComputeTarget]]
        let targetsByVPC: [ResourceID: [Int]]

        init(model: InfrastructureModel, options: Options) {
            let targets = ComputeTargetBuilder(model: model).build()
            self.targets = targets
            let evaluator = ManagementPermissionEvaluator(model: model)
            let routes = RouteResolver(model: model)
            routeResolver = routes
            subnetACLs = SubnetNetworkACLs(model: model)
            serviceEndpoints = ServiceEndpointIndex(model: model)
            var permissions: [String: ManagementPermission] = [:]
            var access: [String: InternetAccess] = [:]
            var remote: [String: [Route]] = [:]
            // Targets share profiles and subnets: each is evaluated once (known
            // profiles and known public-address settings, which is nearly all).
            var permissionOfProfile: [ResourceRef: ManagementPermission] = [:]
            var accessOfSubnet: [SubnetAccess: InternetAccess] = [:]
            var remoteOfSubnet: [ResourceID: [Route]] = [:]
            for target in targets {
                if case .known(let profile) = target.instanceProfile {
                    if permissionOfProfile[profile] == nil { permissionOfProfile[profile] = evaluator.evaluate(target.instanceProfile) }
                    permissions[target.key] = permissionOfProfile[profile]
                } else {
                    permissions[target.key] = evaluator.evaluate(target.instanceProfile)
                }
                switch target.subnet {
                case .known(.declared(let subnet)):
                    if let key = SubnetAccess(subnet: subnet, publicIPv4: target.publicIPv4) {
                        if accessOfSubnet[key] == nil { accessOfSubnet[key] = routes.internetAccess(subnet: subnet, publicIPv4: target.publicIPv4) }
                        access[target.key] = accessOfSubnet[key]
                    } else {
                        access[target.key] = routes.internetAccess(subnet: subnet, publicIPv4: target.publicIPv4)
                    }
                    if remoteOfSubnet[subnet] == nil { remoteOfSubnet[subnet] = routes.remoteRoutes(subnet: subnet) }
                    remote[target.key] = remoteOfSubnet[subnet]
                case .known(.external(let id)):
                    access[target.key] = .unknown(Unresolved("subnet \(id) is not declared in the input"))
                case .unknown(let reason):
                    access[target.key] = NetworkAnalysis.agreedAccess(reason, publicIPv4: target.publicIPv4, routes: routes) ?? .unknown(reason)
                case .absent:
                    access[target.key] = .unknown(Unresolved("the target has no subnet"))
                }
            }
            self.permissions = permissions
            self.access = access
            self.remote = remote
            let intended = targets.filter { options.includeTargetsWithoutPermissions || (permissions[$0.key]?.isSSMIntended ?? true) }
            ssmIntendedTargets = intended
            var intendedByVPC: [ResourceID: [ComputeTarget]] = [:]
            for target in intended {
                if case .known(.declared(let vpc)) = target.vpc { intendedByVPC[vpc, default: []].append(target) }
            }
            self.intendedByVPC = intendedByVPC
            var targetsByVPC: [ResourceID: [Int]] = [:]
            for (index, target) in targets.enumerated() {
                if case .known(.declared(let vpc)) = target.vpc { targetsByVPC[vpc, default: []].append(index) }
            }
            self.targetsByVPC = targetsByVPC
        }
    }

    /// No way out from any of the declared subnets a target's subnet is one
    /// of: it has none, whichever it takes.
    private static func agreedAccess(_ reason: Unresolved, publicIPv4: Value<Bool>, routes: RouteResolver) -> InternetAccess? {
        guard !reason.candidates.isEmpty else { return nil }
        var reasons: [String] = []
        var involved: [ResourceID] = []
        for subnet in reason.candidates {
            guard case .none(let why, let ids) = routes.internetAccess(subnet: subnet, publicIPv4: publicIPv4) else { return nil }
            if !reasons.contains(why) { reasons.append(why) }
            involved += ids.filter { !involved.contains($0) }
        }
        let names = reason.candidates.map(\.rawValue).joined(separator: ", ")
        return .none(reason: "\(reasons.joined(separator: "; ")) (whichever of subnets \(names) it uses)", involved: involved)
    }

    private struct SubnetAccess: Hashable {
        var subnet: ResourceID
        /// 1: public IPv4 known true, 0: known false, -1: not set.
        var publicIPv4: Int8

        init?(subnet: ResourceID, publicIPv4: Value<Bool>) {
            self.subnet = subnet
            switch publicIPv4 {
            case .known(let flag): self.publicIPv4 = flag ? 1 : 0
            case .absent: self.publicIPv4 = -1
            case .unknown: return nil
            }
        }
    }
}
