extension InfrastructureModel {
    /// Merges a standalone rule resource (`AWS::EC2::SecurityGroupIngress`,
    /// `aws_security_group_rule`, …) into the group it targets; rules of groups
    /// that are not declared stay in `unattachedSecurityGroupRules`.
    public mutating func attach(_ rule: SecurityGroupRule, toGroup group: Value<ResourceRef>) {
        var rule = rule
        rule.targetGroup = group
        guard case .known(.declared(let id)) = group else {
            unattachedSecurityGroupRules.append(rule)
            return
        }
        let attached = securityGroups.modify(id) { group in
            switch rule.direction {
            case .ingress:
                group.ingress.append(rule)
            case .egress:
                group.egress.append(rule)
                // A standalone egress rule removes EC2's default allow-all rule (F51).
                if group.implicitEgress == .allowAll { group.implicitEgress = .removedByStandaloneRules }
            }
        }
        if !attached { unattachedSecurityGroupRules.append(rule) }
    }

    /// Adds a standalone route to its route table (or to `unattachedRoutes`).
    public mutating func attach(_ route: Route) {
        guard case .known(.declared(let id)) = route.routeTable,
              routeTables.modify(id, { $0.routes.append(route) }) else {
            unattachedRoutes.append(route)
            return
        }
    }

    /// Creates the default security group of every declared VPC that has none
    /// yet: it admits traffic from its own members and, until a standalone
    /// egress rule replaces it, allows all egress.
    public mutating func addDefaultSecurityGroups(allowAllEgress: Bool) {
        for vpc in vpcs where !securityGroups.contains(vpc.defaultSecurityGroupID) {
            let info = ResourceInfo(id: vpc.defaultSecurityGroupID, type: "VPCDefaultSecurityGroup",
                                    location: vpc.info.location, condition: vpc.info.condition)
            let selfRule = SecurityGroupRule(
                carrier: vpc.defaultSecurityGroupID, isStandalone: false, location: vpc.info.location, direction: .ingress,
                ipProtocol: .known(.all), fromPort: .absent, toPort: .absent, peer: .known(.selfGroup))
            securityGroups.insert(SecurityGroup(
                info: info, vpc: .known(.declared(vpc.id)), ingress: [selfRule], egress: [],
                implicitEgress: allowAllEgress ? .allowAll : .none, isVPCDefault: true))
        }
    }
}
