import SSMLintKit

/// SSM005: a private target reaches ssm and ssmmessages only through a NAT
/// gateway and its VPC has no Systems Manager endpoint: it works (F7) but the
/// management traffic leaves the VPC, costs NAT processing and depends on the NAT.
public struct NATOnlyPathRule: Rule {
    public let definition: RuleDefinition
    public init(definition: RuleDefinition) { self.definition = definition }

    public func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        for target in analysis.ssmIntendedTargets {
            guard let vpc = analysis.vpcID(of: target) else { continue }
            report.evaluated(target.id)
            guard target.publicIPv4.known == false, analysis.endpoints(in: vpc).isEmpty,
                  case .internet(.natGateway(let nat, let involved)) = analysis.path(of: target, to: .ssm),
                  analysis.path(of: target, to: .ssmmessages).isNAT else { continue }
            let related = involved.compactMap { ConnectivityText.related($0, in: context.model, "on the NAT path") }
            report.violation(
                at: target.id, location: target.info.location,
                message: "\(target.displayName)\(ConnectivityText.condition(target)) in \(ConnectivityText.subnet(target, context.model)) reaches Systems Manager only through NAT gateway \(nat): sessions work, but management traffic leaves VPC \(vpc) for the public endpoints, pays NAT data processing and fails with the NAT. Create interface endpoints for ssm and ssmmessages (and ec2messages for agents before 3.3.40.0) with private DNS; keep the NAT for other egress",
                key: target.key, related: related)
        }
    }
}
