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
                // A standalone egress rule removes EC2's default allow-all rule.
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
        // A default group the input manages (Terraform `aws_default_security_group`)
        // stands for the implicit one, whatever order the resources came in.
        for group in securityGroups where group.isVPCDefault {
            if case .known(.declared(let vpc)) = group.vpc { vpcs.modify(vpc) { $0.managedDefaultSecurityGroup = group.id } }
        }
        for vpc in vpcs {
            // Made once: an implicit identity is a formatted name and a box.
            let id = vpc.defaultSecurityGroupID
            guard !securityGroups.contains(id) else { continue }
            let info = ResourceInfo(id: id, type: "VPCDefaultSecurityGroup",
                                    location: vpc.info.location, condition: vpc.info.condition)
            let selfRule = SecurityGroupRule(
                carrier: id, isStandalone: false, location: vpc.info.location, direction: .ingress,
                ipProtocol: .known(.all), fromPort: .absent, toPort: .absent, peer: .known(.selfGroup))
            securityGroups.insert(SecurityGroup(
                info: info, vpc: .known(.declared(vpc.id)), ingress: [selfRule], egress: [],
                implicitEgress: allowAllEgress ? .allowAll : .none, isVPCDefault: true))
        }
    }
}

extension InfrastructureModel {
    /// Adds a standalone network ACL entry to its ACL (or to `unattachedNetworkACLEntries`).
    public mutating func attach(_ entry: NetworkACLEntry, toACL acl: Value<ResourceRef>) {
        guard case .known(.declared(let id)) = acl, networkACLs.modify(id, { $0.entries.append(entry) }) else {
            unattachedNetworkACLEntries.append((entry, acl))
            return
        }
    }

    /// Creates the default network ACL of every declared VPC that has none yet,
    /// with AWS's allow-all rule 100 in each direction. `existingVPCsOpen`: the
    /// default ACL of a VPC that already exists may have been edited outside the input.
    public mutating func addDefaultNetworkACLs(existingVPCsOpen: Bool) {
        // A default ACL the input manages (Terraform `aws_default_network_acl`) stands for the implicit one.
        for acl in networkACLs where acl.isVPCDefault {
            if case .known(.declared(let vpc)) = acl.vpc { vpcs.modify(vpc) { $0.managedDefaultNetworkACL = acl.id } }
        }
        for vpc in vpcs {
            let id = vpc.defaultNetworkACLID
            guard !networkACLs.contains(id) else { continue }
            let info = ResourceInfo(id: id, type: "VPCDefaultNetworkAcl", location: vpc.info.location, condition: vpc.info.condition)
            var openWorld: Unresolved?
            if existingVPCsOpen && preexistingResources.contains(vpc.id) {
                openWorld = Unresolved("the default network ACL of existing VPC \(vpc.id) is managed outside the plan")
            }
            networkACLs.insert(NetworkACL(info: info, vpc: .known(.declared(vpc.id)),
                                          entries: NetworkACL.defaultEntries(of: id, location: vpc.info.location),
                                          isVPCDefault: true, openWorld: openWorld))
        }
    }
}
