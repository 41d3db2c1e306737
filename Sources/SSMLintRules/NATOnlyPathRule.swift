import SSMLintEngine

/// SSM005: a private target reaches ssm and ssmmessages only through a NAT
/// gateway and its VPC has no Systems Manager endpoint: sessions work, but the
/// management traffic leaves the VPC, costs NAT processing and depends on the NAT.
struct NATOnlyPathRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        for target in analysis.ssmIntendedTargets {
            guard let vpc = analysis.vpcID(of: target) else { continue }
            report.evaluated(target.id)
            guard target.publicIPv4.known == false, analysis.endpoints(in: vpc).isEmpty,
                  case .internet(.natGateway(let nat, let involved)) = analysis.path(of: target, to: .ssm),
                  analysis.path(of: target, to: .ssmmessages).isNAT,
                  // Endpoints of a peered VPC without a private hosted zone are SSM009's finding.
                  !analysis.reliesOnRemoteEndpoint(target, for: .ssm), !analysis.reliesOnRemoteEndpoint(target, for: .ssmmessages) else { continue }
            report.violation(
                at: target.info,
                message: "\(target.displayName)\(ConnectivityText.condition(target, context.model)) in \(ConnectivityText.subnet(target, context.model)) reaches Systems Manager only through NAT gateway \(nat), so its management traffic leaves VPC \(vpc) for the public endpoints, pays NAT data processing and fails with the NAT",
                fix: "Create interface endpoints for ssm and ssmmessages (and ec2messages for agents before 3.3.40.0) with private DNS in \(vpc); keep the NAT for other egress.",
                key: target.key, related: involved.compactMap { ConnectivityText.related($0, in: context.model, "on the NAT path") })
        }
    }
}
