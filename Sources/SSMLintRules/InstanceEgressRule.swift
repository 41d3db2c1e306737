import SSMLintEngine

/// SSM010: the target's own security groups let no TCP 443 out to where its
/// Systems Manager traffic goes: the endpoint subnets (or the endpoint's
/// groups) on an endpoint path, 0.0.0.0/0 on a NAT or internet path. Terraform
/// groups have no egress unless declared; CloudFormation groups allow all
/// until egress rules are declared.
struct InstanceEgressRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        let model = context.model
        for target in analysis.ssmIntendedTargets {
            report.evaluated(target.id)
            var blocked: [(service: SSMService, destination: String)] = []
            var onlyStandalone = true
            var related: [RelatedLocation] = []
            for service in SSMService.allCases {
                let path = analysis.path(of: target, to: service)
                let destination: String
                switch path {
                case .endpoint, .peeredEndpoint:
                    guard let endpoint = path.servingEndpoint else { continue }
                    destination = "endpoint \(endpoint.endpoint.id)'s subnets" + (path.peered.map { " in \(endpoint.vpc) (through \($0.connection.resource))" } ?? "")
                    if !related.contains(where: { $0.resource == endpoint.endpoint.id }) {
                        related.append(RelatedLocation(resource: endpoint.endpoint.id, location: endpoint.endpoint.info.location, message: "endpoint on the path"))
                    }
                case .internet: destination = "0.0.0.0/0 (the public Systems Manager endpoints)"
                case .none, .unknown: continue
                }
                switch analysis.egressVerdict(of: target, along: path) {
                case .allowed: continue
                case .blocked(let standalone):
                    blocked.append((service, destination))
                    onlyStandalone = onlyStandalone && standalone
                case .unknown(let reason):
                    report.unresolved(at: target.info, check: "whether \(target.displayName) may send TCP 443 to \(destination)",
                                      reason: reason, key: "\(target.key)|\(service.rawValue)")
                }
            }
            guard !blocked.isEmpty else { continue }
            let groupRefs = target.securityGroups.known?.compactMap(\.known) ?? []
            let groups = groupRefs.map(ConnectivityText.group)
            related += groupRefs.compactMap(\.declaredID).compactMap { ConnectivityText.related($0, in: model, "instance security group") }
            let destinations = Dictionary(grouping: blocked, by: \.destination)
                .map { "\(ConnectivityText.services($0.value.map(\.service))) to \($0.key)" }.sorted()
            var message = "\(target.displayName)\(ConnectivityText.condition(target, context.model)): security group\(groups.count == 1 ? "" : "s") \(groups.joined(separator: ", ")) allow\(groups.count == 1 ? "s" : "") no outbound TCP 443 for \(destinations.joined(separator: "; ")), so SSM Agent cannot open its TLS connections"
            if onlyStandalone {
                message += " (the group's only egress rules are standalone AWS::EC2::SecurityGroupEgress resources, which replace EC2's default allow-all rule: reported behaviour, not documented)"
            } else if model.format == .terraformPlan {
                message += " (Terraform removes AWS's default allow-all egress from every aws_security_group)"
            }
            report.violation(
                at: target.info, message: message,
                fix: "Allow outbound TCP 443 from \(groups.first ?? "the instance security group") to the endpoint subnets or the VPC CIDR (or to 0.0.0.0/0 when the path is NAT).",
                variant: onlyStandalone ? "standalone-egress" : nil, key: target.key, related: related)
        }
    }
}
