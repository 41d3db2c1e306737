import SSMLintEngine

/// SSM011: a Session Manager interface endpoint on its VPC's default security
/// group: none given, Terraform associations that keep it (no
/// `replace_default_association`), or the default group listed. A note instead
/// of a warning when every instance using the endpoint is itself in the
/// default group and that group admits its TCP 443.
struct EndpointDefaultSecurityGroupRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        let model = context.model
        for endpoint in model.vpcEndpoints {
            guard case .sessionManager(_, let service) = endpoint.serviceName.known.map(ServiceNameSpelling.init) ?? .unknown,
                  endpoint.endpointType.or(VPCEndpoint.defaultEndpointType).known?.equalsIgnoringASCIICase("Interface") == true
            else { continue }
            report.evaluated(endpoint.id)
            let vpc = endpoint.vpc.known.map { ref in
                guard case .declared(let id) = ref, model.vpcs[id] != nil else { return ref.description }
                return id.rawValue
            } ?? "its VPC"
            let group = "the default security group of VPC \(vpc)"
            let condition = endpoint.info.condition.map { " (created only if condition \($0) holds)" } ?? ""
            var related: [RelatedLocation] = []
            let how: String
            switch analysis.defaultGroupUse(of: endpoint) {
            case .implicit:
                how = "has no security group, so it uses \(group)"
            case .keptBy(let associations):
                how = "keeps \(group) (\(associations.count == 1 ? "association" : "associations") \(associations.map(\.rawValue).joined(separator: ", ")) \(associations.count == 1 ? "adds a group" : "add groups") without replace_default_association = true)"
                related = associations.compactMap { ConnectivityText.related($0, in: model, "association that keeps the default group") }
            case .listed:
                how = "lists \(group) among its security groups"
            case .notUsed:
                continue
            case .unknown(let reason):
                report.unresolved(at: endpoint.info, check: "whether endpoint \(endpoint.id) uses the VPC default security group", reason: reason)
                continue
            }
            let sharedByDesign = reliesOnDefaultGroup(endpoint, service: service, analysis)
            let message = "interface endpoint \(endpoint.id) (\(service.rawValue))\(condition) \(how)"
                + (sharedByDesign
                    ? "; the instances that use it are in that group too, so it works, but the group is shared by everything launched without a group of its own"
                    : "; that group admits only its own members and is shared by everything launched without a group of its own")
            let fix = model.format == .terraformPlan
                ? "Create a dedicated security group allowing TCP 443 from the instance subnets and set security_group_ids on \(endpoint.id) (or set replace_default_association = true on its security group association)."
                : "Create a dedicated security group allowing TCP 443 from the instance subnets and set SecurityGroupIds on \(endpoint.id)."
            report.violation(at: endpoint.info, message: message, fix: fix, variant: sharedByDesign ? "shared-by-design" : nil,
                             key: "default-group", related: related)
        }
    }

    /// True when the severity can be lowered: every instance meant for Session
    /// Manager in the endpoint's VPC also uses the default group and that group
    /// admits its TCP 443 (so the design relies on the group's self rule), or
    /// when that cannot be decided. False when one instance definitely does not
    /// use the group or is not admitted, or when no instance uses the endpoint.
    private func reliesOnDefaultGroup(_ endpoint: VPCEndpoint, service: SSMService, _ analysis: NetworkAnalysis) -> Bool {
        guard case .known(let vpcRef) = endpoint.vpc else { return false }
        let targets = vpcRef.declaredID.map(analysis.ssmIntendedTargets(in:))
            ?? analysis.ssmIntendedTargets.filter { $0.vpc.known == vpcRef }
        guard !targets.isEmpty else { return false }
        let declared = vpcRef.declaredID.flatMap { vpc in analysis.endpoints(in: vpc, for: service).first { $0.endpoint.id == endpoint.id } }
        for target in targets {
            switch target.securityGroups {
            case .known(let refs):
                let inDefault = refs.contains { $0.known.map(analysis.isDefaultSecurityGroup) ?? false }
                let mayBeDefault = refs.contains { ref in ref.known.map { if case .external = $0 { return true } else { return false } } ?? true }
                if !inDefault && !mayBeDefault { return false }
            case .unknown, .absent:
                continue
            }
            if let declared {
                switch analysis.endpointCoverage(declared, for: target) {
                case .none, .partial: return false
                case .full, .unknown: continue
                }
            }
        }
        return true
    }
}
