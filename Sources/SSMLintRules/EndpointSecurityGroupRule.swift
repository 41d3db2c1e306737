import SSMLintKit

/// SSM003: an endpoint on a target's path whose security groups do not admit
/// TCP 443 from the target (rules unioned over inline and standalone
/// resources, CIDR containment, source groups, self references). Partial
/// coverage of the subnet is a warning. One finding per (endpoint, subnet).
public struct EndpointSecurityGroupRule: Rule {
    public let definition: RuleDefinition
    public init(definition: RuleDefinition) { self.definition = definition }

    public func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        let model = context.model
        struct Group { var endpoint: SSMEndpoint; var subnet: String; var targets: [ComputeTarget]; var partial: String? }
        var groups: [String: Group] = [:]
        var order: [String] = []
        for target in analysis.ssmIntendedTargets {
            for service in SSMService.allCases {
                guard let endpoint = analysis.path(of: target, to: service).endpoint else { continue }
                report.evaluated(endpoint.endpoint.id)
                let partial: String?
                switch analysis.endpointCoverage(endpoint, for: target) {
                case .full: continue
                case .none: partial = nil
                case .partial(let why): partial = why
                case .unknown(let reason):
                    report.unresolved(at: endpoint.endpoint.id, location: endpoint.endpoint.info.location,
                                      check: "whether endpoint \(endpoint.endpoint.id) admits TCP 443 from \(target.displayName)",
                                      reason: reason, key: target.key)
                    continue
                }
                let subnet = target.subnet.known?.description ?? "?"
                let key = "\(endpoint.endpoint.id.rawValue)|\(subnet)|\(partial == nil ? "none" : "partial")"
                if groups[key] == nil {
                    order.append(key)
                    groups[key] = Group(endpoint: endpoint, subnet: subnet, targets: [], partial: partial)
                }
                groups[key]!.targets.append(target)
            }
        }
        for key in order {
            let group = groups[key]!
            let endpoint = group.endpoint
            let target = group.targets[0]
            let sgs = securityGroupNames(endpoint, model: model).map { ConnectivityText.group($0, model) }
            let source = model.subnets[ResourceID(group.subnet)]?.cidrBlock.known ?? "the instance subnet"
            var message = "endpoint \(endpoint.endpoint.id) (\(endpoint.service.rawValue)) is on the path of \(ConnectivityText.targets(group.targets)) in \(ConnectivityText.subnet(target, model)), but its security group\(sgs.count == 1 ? "" : "s") \(sgs.joined(separator: ", "))"
            if let partial = group.partial {
                message += " admit\(sgs.count == 1 ? "s" : "") TCP 443 from only part of the subnet (\(partial)); instances elsewhere in it time out"
            } else {
                message += " admit\(sgs.count == 1 ? "s" : "") no TCP 443 from it, so the TLS connection is dropped and sessions time out"
            }
            if endpoint.service == .ec2messages { message += " (\(ConnectivityText.ec2messagesNote))" }
            let sourceGroup = target.securityGroups.known?.compactMap(\.known).first
                .map { " (or from the instance security group \(ConnectivityText.group($0.description, model)))" } ?? ""
            message += ". Add an ingress rule to \(sgs.first ?? "the endpoint security group"): TCP 443 from \(source)\(sourceGroup)"
            var related: [RelatedLocation] = []
            for name in securityGroupNames(endpoint, model: model) {
                if let location = ConnectivityText.related(ResourceID(name), in: model, "endpoint security group") { related.append(location) }
            }
            if let subnet = ConnectivityText.related(ResourceID(group.subnet), in: model, "instance subnet") { related.append(subnet) }
            related += group.targets.map { ConnectivityText.related($0, "compute target using the endpoint") }
            let variant: String? = group.partial != nil ? "partial" : (endpoint.service == .ec2messages ? "ec2messages" : nil)
            report.violation(at: endpoint.endpoint.id, location: endpoint.endpoint.info.location, message: message,
                             variant: variant, key: "subnet:\(group.subnet)", related: related)
        }
    }

    private func securityGroupNames(_ endpoint: SSMEndpoint, model: InfrastructureModel) -> [String] {
        switch endpoint.endpoint.securityGroups {
        case .known(let refs): return refs.compactMap { $0.known?.description }
        case .absent: return model.vpcs[endpoint.vpc].map { [$0.defaultSecurityGroupID.rawValue] } ?? ["the VPC default security group"]
        case .unknown: return []
        }
    }
}
