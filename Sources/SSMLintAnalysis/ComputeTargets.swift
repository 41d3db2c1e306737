import SSMLintModel

/// Derives compute targets from instances, auto scaling groups and unused
/// launch templates.
struct ComputeTargetBuilder {
    let model: InfrastructureModel
    /// Elastic IPs by the instance or network interface they are bound to.
    let publicAddresses: [ResourceID: Value<Bool>]

    init(model: InfrastructureModel) {
        self.model = model
        var addresses: [ResourceID: Value<Bool>] = [:]
        for association in model.elasticIPAssociations {
            for case .known(.declared(let holder)) in [association.instance, association.networkInterface] {
                if association.condition == nil {
                    addresses[holder] = .known(true)
                } else if addresses[holder]?.known != true {
                    addresses[holder] = .unknown(Unresolved("Elastic IP \(association.carrier) exists only if condition \(association.condition!) holds"))
                }
            }
        }
        publicAddresses = addresses
    }

    func build() -> [ComputeTarget] {
        var targets: [ComputeTarget] = []
        var usedTemplates: Set<ResourceID> = []
        for instance in model.instances {
            let template = instance.launchTemplate.known.flatMap { model.launchTemplates[$0] }
            if let template { usedTemplates.insert(template.id) }
            targets.append(target(for: instance, template: template))
        }
        for group in model.autoScalingGroups {
            let template = group.launchTemplate.known.flatMap { model.launchTemplates[$0] }
            if let template { usedTemplates.insert(template.id) }
            targets.append(contentsOf: self.targets(for: group, template: template))
        }
        for template in model.launchTemplates where !usedTemplates.contains(template.id) {
            guard let primary = Self.primary(template.networkInterfaces).map(attached), primary.subnet.known != nil else { continue }
            targets.append(make(.launchTemplate, info: template.info, key: template.id.rawValue, subnet: primary.subnet,
                                groups: primary.securityGroups.isAbsent ? template.securityGroups : primary.securityGroups,
                                publicSwitch: primary.associatePublicIpAddress, privateIP: primary.privateIpAddress,
                                profile: template.instanceProfile, keyName: template.keyName, template: template.id,
                                elasticIP: nil))
        }
        return targets
    }

    private func target(for instance: Instance, template: LaunchTemplate?) -> ComputeTarget {
        let own = Self.primary(instance.networkInterfaces).map(attached)
        let inherited = template.flatMap { Self.primary($0.networkInterfaces) }.map(attached)
        var subnet = own?.subnet ?? .absent
        if subnet.isAbsent { subnet = instance.subnet }
        if subnet.isAbsent { subnet = inherited?.subnet ?? .absent }
        if subnet.isAbsent {
            if instance.launchTemplate.known != nil && template == nil {
                subnet = .unknown(Unresolved("the subnet may come from launch template \(instance.launchTemplate.known!), which is not declared"))
            } else if !instance.networkInterfaces.isEmpty && own == nil {
                subnet = .unknown(Unresolved("the primary network interface cannot be identified"))
            } else {
                subnet = .unknown(Unresolved("no subnet is given, so the instance launches into the default VPC"))
            }
        }
        // An existing interface brings its own groups: none means the VPC default group.
        let existing = own.map { !$0.networkInterface.isAbsent } ?? false
        let groups = existing ? own!.securityGroups
            : first([own?.securityGroups, instance.securityGroups, inherited?.securityGroups, template?.securityGroups])
        let publicSwitch = first([own?.associatePublicIpAddress, inherited?.associatePublicIpAddress, instance.associatePublicIpAddress])
        let privateIP = first([own?.privateIpAddress, instance.privateIpAddress, inherited?.privateIpAddress])
        let profile = first([instance.instanceProfile, template?.instanceProfile])
        let keyName = first([instance.keyName, template?.keyName])
        // An external launch template may set what the instance leaves out.
        let external = instance.launchTemplate.known != nil && template == nil
            ? Unresolved("launch template \(instance.launchTemplate.known!) is not declared in the input") : nil
        return make(.instance, info: instance.info, key: instance.id.rawValue, subnet: subnet, groups: groups,
                    publicSwitch: publicSwitch, privateIP: privateIP, profile: profile, keyName: keyName,
                    template: template?.id, elasticIP: elasticIP(of: instance, primary: own ?? inherited),
                    externalTemplate: external)
    }

    /// The primary interface with what an existing interface given by ID
    /// (`NetworkInterfaceId`) brings: its subnet, groups and private address,
    /// and no auto-assigned public IPv4 (AWS assigns one only to a new primary
    /// interface). An interface the input does not declare leaves them unknown.
    private func attached(_ spec: NetworkInterfaceSpec) -> NetworkInterfaceSpec {
        guard !spec.networkInterface.isAbsent, spec.subnet.isAbsent else {
            // Already resolved by the loader (Terraform), or a new interface.
            if !spec.networkInterface.isAbsent, spec.associatePublicIpAddress.isAbsent {
                var resolved = spec
                resolved.associatePublicIpAddress = .known(false)
                return resolved
            }
            return spec
        }
        var resolved = spec
        guard case .known(let ref) = spec.networkInterface, let interface = model.networkInterfaces[ref] else {
            let reason = spec.networkInterface.unresolved
                ?? Unresolved("network interface \(spec.networkInterface.known?.description ?? "?") is not declared in the input")
            resolved.subnet = .unknown(reason)
            resolved.securityGroups = .unknown(reason)
            resolved.associatePublicIpAddress = .unknown(reason)
            resolved.privateIpAddress = .unknown(reason)
            return resolved
        }
        resolved.subnet = interface.subnet.isAbsent
            ? .unknown(Unresolved("network interface \(interface.id) has no SubnetId")) : interface.subnet
        resolved.securityGroups = interface.securityGroups
        resolved.associatePublicIpAddress = .known(false)
        resolved.privateIpAddress = interface.privateIpAddress
        return resolved
    }

    /// Public IPv4 from Elastic IPs: one bound to the instance or to its primary
    /// interface gives it one. One on a secondary interface only may carry the
    /// agent's traffic, depending on the instance's own routing.
    private func elasticIP(of instance: Instance, primary: NetworkInterfaceSpec?) -> Value<Bool>? {
        var found = publicAddresses[instance.id]
        if found?.known != true, let id = primary?.networkInterface.known?.declaredID, let onInterface = publicAddresses[id] {
            found = onInterface
        }
        if found != nil { return found }
        var secondary = instance.networkInterfaces.compactMap { $0.deviceIndex.known == 0 ? nil : $0.networkInterface.known?.declaredID }
        for attachment in model.networkInterfaceAttachments where attachment.instance.known == .declared(instance.id) {
            if let id = attachment.networkInterface.known?.declaredID { secondary.append(id) }
        }
        if let id = secondary.first(where: { publicAddresses[$0] != nil }) {
            return .unknown(Unresolved("Elastic IP on secondary network interface \(id): whether the agent's traffic leaves through it depends on the instance's routing"))
        }
        return nil
    }

    private func targets(for group: AutoScalingGroup, template: LaunchTemplate?) -> [ComputeTarget] {
        let inherited = template.flatMap { Self.primary($0.networkInterfaces) }
        let groups = first([inherited?.securityGroups, template?.securityGroups])
        var profile = template?.instanceProfile ?? .absent
        var keyName = template?.keyName ?? .absent
        var sgs = groups
        if template == nil {
            let reason: Unresolved = group.launchTemplate.isAbsent
                ? Unresolved("the group's launch template or configuration is not given")
                : Unresolved("launch template \(group.launchTemplate.known?.description ?? "?") is not declared in the input")
            profile = .unknown(reason)
            keyName = .unknown(reason)
            sgs = .unknown(reason)
        }
        let subnets: [Value<ResourceRef>]
        switch group.subnets {
        case .known(let list) where !list.isEmpty: subnets = list
        case .unknown(let reason): subnets = [.unknown(reason)]
        default: subnets = [.unknown(Unresolved("the group has no VPCZoneIdentifier, so it launches into the default VPC"))]
        }
        return subnets.enumerated().map { index, subnet in
            make(.autoScalingGroup, info: group.info, key: "\(group.id.rawValue)@\(subnet.known?.description ?? "#\(index)")",
                 subnet: subnet, groups: sgs, publicSwitch: inherited?.associatePublicIpAddress ?? .absent,
                 privateIP: .absent, profile: profile, keyName: keyName, template: template?.id, elasticIP: nil)
        }
    }

    private func make(_ kind: ComputeTarget.Kind, info: ResourceInfo, key: String, subnet: Value<ResourceRef>,
                      groups: Value<[Value<ResourceRef>]>, publicSwitch: Value<Bool>, privateIP: Value<String>,
                      profile: Value<ResourceRef>, keyName: Value<String>, template: ResourceID?,
                      elasticIP: Value<Bool>?, externalTemplate: Unresolved? = nil) -> ComputeTarget {
        let declaredSubnet = subnet.known.flatMap { model.subnets[$0] }
        var vpc: Value<ResourceRef>
        switch subnet {
        case .known: vpc = declaredSubnet?.vpc ?? .unknown(Unresolved("subnet \(subnet.known!) is not declared in the input"))
        case .unknown(let reason): vpc = Self.agreed(reason) { model.subnets[$0]?.vpc } ?? .unknown(reason)
        case .absent: vpc = .unknown(Unresolved("no subnet"))
        }
        if vpc.isAbsent { vpc = .unknown(Unresolved("subnet \(declaredSubnet!.id) has no VpcId")) }

        var securityGroups = groups
        var usesDefault = false
        if groups.isAbsent {
            if case .known(.declared(let vpcID)) = vpc, let declaredVPC = model.vpcs[vpcID] {
                securityGroups = .known([.known(.declared(declaredVPC.defaultSecurityGroupID))])
                usesDefault = true
            } else {
                securityGroups = .unknown(Unresolved("no security group is given and the VPC's default group is not declared"))
            }
        }

        var publicIPv4 = publicSwitch
        if publicIPv4.isAbsent {
            if let declaredSubnet {
                publicIPv4 = declaredSubnet.mapPublicIpOnLaunch.or(false)
            } else if let reason = subnet.unresolved, let agreed = Self.agreed(reason, { model.subnets[$0]?.mapPublicIpOnLaunch.or(false) }) {
                publicIPv4 = agreed
            } else {
                publicIPv4 = .unknown(subnet.unresolved ?? Unresolved("subnet \(subnet.known?.description ?? "?") is not declared, so its MapPublicIpOnLaunch is unknown"))
            }
        }
        if let elasticIP {
            if elasticIP.known == true { publicIPv4 = .known(true) }
            else if publicIPv4.known == false { publicIPv4 = elasticIP }
        }
        var profile = profile
        if let reason = externalTemplate {
            // What the undeclared launch template may set stays unknown.
            if profile.isAbsent { profile = .unknown(reason) }
            if usesDefault { securityGroups = .unknown(reason); usesDefault = false }
        }
        return ComputeTarget(
            kind: kind, info: info, key: key, subnet: subnet, vpc: vpc, securityGroups: securityGroups,
            usesDefaultSecurityGroup: usesDefault, publicIPv4: publicIPv4, privateIpAddress: privateIP,
            instanceProfile: profile, keyName: keyName, launchTemplate: template)
    }

    /// What every candidate subnet of an undecided subnet says, when they
    /// are all declared and agree on a known value (the same VPC whichever
    /// subnet a conditional picks); nil otherwise.
    static func agreed<T: Equatable>(_ reason: Unresolved, _ value: (ResourceID) -> Value<T>?) -> Value<T>? {
        guard !reason.candidates.isEmpty else { return nil }
        var common: T?
        for candidate in reason.candidates {
            guard let known = value(candidate)?.known, common == nil || common == known else { return nil }
            common = known
        }
        return common.map { .known($0) }
    }

    /// The primary (device index 0) interface; a lone interface without index counts.
    static func primary(_ interfaces: [NetworkInterfaceSpec]) -> NetworkInterfaceSpec? {
        if let zero = interfaces.first(where: { $0.deviceIndex.known == 0 }) { return zero }
        if interfaces.count == 1, interfaces[0].deviceIndex.isAbsent { return interfaces[0] }
        return nil
    }

    /// The first value that is not absent.
    private func first<T>(_ values: [Value<T>?]) -> Value<T> {
        for case let value? in values where !value.isAbsent { return value }
        return .absent
    }
}
