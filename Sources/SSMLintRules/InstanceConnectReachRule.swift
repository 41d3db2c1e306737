import SSMLintEngine

/// SSM021: an EC2 Instance Connect Endpoint cannot open its TCP connection to
/// the instances it is meant for (security groups, client IP preservation,
/// IPv6), or cannot be created at all (one endpoint per VPC and per subnet;
/// client IP preservation on a dual-stack endpoint).
struct InstanceConnectReachRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        let eic = analysis.instanceConnect()
        guard !eic.placements.isEmpty || !eic.unplaced.isEmpty else { return }
        var duplicates: Set<ResourceID> = []
        for (endpoint, problem) in analysis.duplicateInstanceConnectEndpoints() {
            guard case .duplicate(let earlier, let sharedSubnet) = problem else { continue }
            duplicates.insert(endpoint.id)
            reportDuplicate(endpoint, of: earlier, sharedSubnet: sharedSubnet, model: context.model, &report)
        }
        for (endpoint, reason) in eic.unplaced where !duplicates.contains(endpoint.id) {
            report.unresolved(at: endpoint.info, check: "whether endpoint \(endpoint.id) can reach its instances", reason: reason, key: "placement")
        }
        // An endpoint reported for letting nothing out is not reported again per instance.
        var silentEgress: Set<ResourceID> = []
        for placement in eic.placements {
            report.evaluated(placement.id)
            let (problems, unresolved) = analysis.instanceConnectProblems(of: placement)
            if problems.contains(where: { if case .noEgress = $0 { return true } else { return false } }) { silentEgress.insert(placement.id) }
            for problem in problems { reportEndpoint(problem, placement, model: context.model, &report) }
            for reason in unresolved {
                report.unresolved(at: placement.endpoint.info, check: "whether endpoint \(placement.id) can be created and let traffic out",
                                  reason: reason, key: "endpoint")
            }
        }
        var seen: Set<String> = []
        for access in eic.accesses {
            report.evaluated(access.target.id)
            switch access.state {
            case .works:
                continue
            case .unknown(let reason):
                guard !access.isWeaklyLinked else { continue }
                report.unresolved(at: access.target.info, check: "whether endpoint \(access.placement.id) reaches \(access.target.displayName)",
                                  reason: reason, key: "\(access.placement.id)|\(access.target.key)")
            case .broken(let problems):
                for problem in problems where !(problem == .endpointEgressMissing && silentEgress.contains(access.placement.id))
                    && seen.insert("\(access.placement.id)|\(access.target.id)|\(problem.key)").inserted {
                    reportAccess(problem, access, model: context.model, &report)
                }
            }
        }
    }

    // MARK: The endpoint itself

    private func reportEndpoint(_ problem: InstanceConnectEndpointProblem, _ placement: InstanceConnectPlacement, model: InfrastructureModel,
                                _ report: inout RuleReport) {
        let terraform = model.format == .terraformPlan
        let endpoint = placement.endpoint
        switch problem {
        case .noEgress(let onlyStandalone):
            let groups = groupNames(placement)
            report.violation(
                at: endpoint.info,
                message: "EC2 Instance Connect Endpoint \(endpoint.id) uses \(groups), which \(placement.groups.count == 1 ? "allows" : "allow") no outbound TCP 22 or 3389"
                    + (onlyStandalone ? " (standalone egress rules replaced the default allow-all rule)" : "")
                    + ", so it cannot connect to any instance",
                fix: Self.securityGroupFix(placement, targetGroup: nil, terraform: terraform),
                variant: onlyStandalone ? "standalone-egress" : nil, key: "no-egress")
        case .duplicate(let other, let sharedSubnet):
            reportDuplicate(endpoint, of: other, sharedSubnet: sharedSubnet, model: model, &report)
        case .preservationOnDualStack:
            report.violation(
                at: endpoint.info,
                message: "EC2 Instance Connect Endpoint \(endpoint.id) preserves client IP addresses, but subnet \(placement.subnet.id) has an IPv6 CIDR, so the endpoint would be dual-stack or IPv6, where client IP preservation is not supported: the endpoint cannot be created",
                fix: terraform
                    ? "Set preserve_client_ip = false (the provider's default is true), or set ip_address_type = \"ipv4\"."
                    : "Set PreserveClientIp: false, or place the endpoint in an IPv4-only subnet.",
                key: "dual-stack")
        }
    }

    private func reportDuplicate(_ endpoint: InstanceConnectEndpoint, of other: ResourceID, sharedSubnet: Bool, model: InfrastructureModel,
                                 _ report: inout RuleReport) {
        let terraform = model.format == .terraformPlan
        let subnet = endpoint.subnet.known.map { "subnet \($0)" } ?? "its subnet"
        // A subnet chosen by count or for_each is one of several candidates, all in one VPC.
        let subnets = endpoint.subnet.known?.declaredID.map { [$0] } ?? endpoint.subnet.unresolved?.candidates ?? []
        let vpc = subnets.first.flatMap { model.subnets[$0]?.vpc.known }.map { "VPC \($0)" } ?? "the VPC of \(other)"
        report.violation(
            at: endpoint.info,
            message: "EC2 Instance Connect Endpoint \(endpoint.id) is a second endpoint in \(sharedSubnet ? subnet : vpc) after \(other); a VPC and a subnet can each have only one (a quota that cannot be raised), so the deployment fails",
            fix: "Keep one EC2 Instance Connect Endpoint per VPC: it reaches instances in every subnet and Availability Zone of the VPC."
                + (terraform ? " Do not create it with count or for_each over subnets." : ""),
            key: "duplicate",
            related: ConnectivityText.related(other, in: model, "the endpoint already in the \(sharedSubnet ? "subnet" : "VPC")").map { [$0] } ?? [])
    }

    // MARK: One endpoint and one target

    private func reportAccess(_ problem: InstanceConnectProblem, _ access: InstanceConnectAccess, model: InfrastructureModel, _ report: inout RuleReport) {
        let terraform = model.format == .terraformPlan
        let placement = access.placement
        let target = access.target
        let endpointName = "EC2 Instance Connect Endpoint \(placement.id)"
        let targetName = ConnectivityText.resource(target)
        let weak = access.isWeaklyLinked
        let weakVariant: String? = weak ? "same-vpc-only" : nil
        let targetGroup = target.securityGroups.known?.first?.known?.description
        let relatedTarget = [ConnectivityText.related(target, "the instance the endpoint should reach")]
        let relatedEndpoint = [RelatedLocation(resource: placement.id, location: placement.endpoint.info.location, message: "the endpoint")]
        switch problem {
        case .endpointEgressMissing:
            report.violation(
                at: placement.endpoint.info,
                message: "\(endpointName) uses \(groupNames(placement)), whose outbound rules do not allow TCP 22 or 3389 to \(targetName) (\(ConnectivityText.subnet(target, model))), so the endpoint cannot connect to it",
                fix: Self.securityGroupFix(placement, targetGroup: targetGroup, terraform: terraform),
                variant: weakVariant, key: "egress|\(target.id)", related: relatedTarget)
        case .targetIngressMissing:
            let source = placement.preserveClientIp.known == false
                ? "the endpoint's security group, or subnet \(placement.subnet.id) (\(placement.subnet.cidrBlock.known ?? "its CIDR")) since client IP preservation is off"
                : "the endpoint's security group"
            report.violation(
                at: target.info,
                message: "the security groups of \(targetName) admit TCP 22 and 3389 from no source \(endpointName) connects from; they must admit \(source)",
                fix: Self.securityGroupFix(placement, targetGroup: targetGroup, terraform: terraform),
                variant: weakVariant, key: "ingress|\(placement.id)", related: relatedEndpoint)
        case .preservedClientOutsidePrivateSources:
            report.violation(
                at: target.info,
                message: "\(endpointName) preserves client IP addresses, so connections reach \(targetName) from the client's own (usually public) address, but its security groups admit TCP 22 and 3389 only from private ranges and other security groups",
                fix: Self.securityGroupFix(placement, targetGroup: targetGroup, terraform: terraform)
                    + (terraform ? " Or set preserve_client_ip = false on the endpoint, so the source is the endpoint's private address." : " Or set PreserveClientIp: false on the endpoint, so the source is the endpoint's private address."),
                variant: weak ? "same-vpc-only" : "preserved-client-ip", key: "preserved-client-ip|\(placement.id)", related: relatedEndpoint)
        case .preservationAcrossVPCs(let vpc):
            report.violation(
                at: placement.endpoint.info,
                message: "\(endpointName) preserves client IP addresses, which works only for instances in its own VPC (\(placement.vpc)), but its security groups send traffic to \(targetName) in VPC \(vpc)",
                fix: terraform
                    ? "Set preserve_client_ip = false (the provider's default is true), or create an endpoint in VPC \(vpc)."
                    : "Set PreserveClientIp: false, or create an endpoint in VPC \(vpc).",
                key: "other-vpc|\(target.id)", related: relatedTarget)
        case .ipv6OnlyTarget:
            report.violation(
                at: placement.endpoint.info,
                message: "\(targetName) runs in an IPv6-only subnet, but the subnet of \(endpointName) (\(placement.subnet.id)) has no IPv6 CIDR, so the endpoint cannot connect to it",
                fix: "Place the endpoint in a dual-stack subnet (an IPv6 CIDR besides the IPv4 one), with client IP preservation off.",
                variant: weakVariant, key: "ipv6-only|\(target.id)", related: relatedTarget)
        }
    }

    /// The fix for every security-group cause: the endpoint-group reference works
    /// with client IP preservation on or off, and endpoint ingress is irrelevant.
    static func securityGroupFix(_ placement: InstanceConnectPlacement, targetGroup: String?, terraform: Bool) -> String {
        let endpointGroup = placement.usesDefaultGroup ? "a security group of its own for the endpoint" : "endpoint group \(placement.groups.map(\.description).joined(separator: ", "))"
        let instanceGroup = targetGroup.map { "security group \($0)" } ?? "the instance's security group"
        let reference = terraform ? "referenced_security_group_id / source_security_group_id" : "SourceSecurityGroupId"
        return "Allow egress TCP 22 (or 3389) from \(endpointGroup) to \(instanceGroup), and ingress on \(instanceGroup) from the endpoint's security group (\(reference)). This works with client IP preservation on or off; inbound rules on the endpoint are not needed."
    }

    private func groupNames(_ placement: InstanceConnectPlacement) -> String {
        if placement.usesDefaultGroup { return "the default security group of VPC \(placement.vpc)" }
        let names = placement.groups.map(\.description)
        return (names.count == 1 ? "security group " : "security groups ") + names.joined(separator: ", ")
    }
}
