import SSMLintEngine

/// SSM002: targets that rely on endpoints (no internet path) have endpoints
/// for some Session Manager services but not for all: ssm and ssmmessages are
/// errors, ec2messages a warning (only agents before 3.3.40.0 need it). Also a
/// warning when targets with a NAT/IGW path get some services privately and
/// send the rest through the internet, and when their way out leads beyond
/// the input (a transit gateway, a firewall): the endpoint is missing for sure,
/// only whether sessions fail depends on that path. One finding per (VPC,
/// missing service).
struct MissingEndpointRule: Rule {
    private struct Gap {
        var isolated: [ComputeTarget] = [], leaking: [ComputeTarget] = []
        /// Targets whose way out is unknown, with the first reason.
        var uncertain: [ComputeTarget] = [], uncertainty: Unresolved?
    }

    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        var gaps: [ResourceID: [SSMService: Gap]] = [:]
        var order: [ResourceID] = []
        for target in analysis.ssmIntendedTargets {
            guard let vpc = analysis.vpcID(of: target) else { continue }
            report.evaluated(vpc)
            let paths = SSMService.allCases.map { analysis.path(of: target, to: $0) }
            // Written only when reported: most targets are not.
            func checkText() -> String { "whether \(target.displayName) has every Session Manager endpoint" }
            guard paths.contains(where: { $0.servingEndpoint != nil }) else {   // no endpoint path at all: SSM014 / SSM005
                if let reason = paths.lazy.compactMap(\.unresolved).first {
                    report.unresolved(at: context.model.vpcs[vpc]!.info, check: checkText(), reason: reason, key: target.key)
                }
                continue
            }
            for (service, path) in zip(SSMService.allCases, paths) where path.servingEndpoint == nil {
                // A declared endpoint for the service that is not usable is SSM013/SSM008/SSM001's finding;
                // one in another VPC that DNS or routes fail to reach is SSM009/SSM019's.
                guard analysis.endpoints(in: vpc, for: service).isEmpty, !analysis.reliesOnRemoteEndpoint(target, for: service) else { continue }
                if case .unknown(let reason) = path {
                    // Absence-based: anything undecided keeps the rule silent, except a known default route
                    // to somewhere beyond the input while the name resolves publicly: the gap is certain
                    // then, and where the route leads decides only its severity.
                    guard reason.leadsBeyondInput, analysis.resolvesPublicly(service, in: vpc) else {
                        report.unresolved(at: context.model.vpcs[vpc]!.info, check: checkText(), reason: reason, key: target.key)
                        continue
                    }
                    if gaps[vpc] == nil { order.append(vpc) }
                    gaps[vpc, default: [:]][service, default: Gap()].uncertain.append(target)
                    if gaps[vpc]![service]!.uncertainty == nil { gaps[vpc]![service]!.uncertainty = reason }
                    continue
                }
                if gaps[vpc] == nil { order.append(vpc) }
                if path.isNone { gaps[vpc, default: [:]][service, default: Gap()].isolated.append(target) }
                if path.isInternet { gaps[vpc, default: [:]][service, default: Gap()].leaking.append(target) }
            }
        }
        for vpc in order.compactMap({ context.model.vpcs[$0] }) {
            for (service, gap) in gaps[vpc.id]!.sorted(by: { $0.key < $1.key }) { reportGap(service, gap, in: vpc, context: context, &report) }
        }
    }

    private func reportGap(_ service: SSMService, _ gap: Gap, in vpc: VPC, context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        let fix = "Create an Interface endpoint \(ConnectivityText.serviceName(service, model)) in \(vpc.id) with private DNS enabled, a subnet in every AZ that hosts instances, and a security group allowing TCP 443 from the instance subnets."
        let targets = !gap.isolated.isEmpty ? gap.isolated : !gap.uncertain.isEmpty ? gap.uncertain : gap.leaking
        let related = targets.map { ConnectivityText.related($0, "needs \(service.rawValue)") }
        let names = ConnectivityText.targets(targets) + ConnectivityText.inferredVPC(targets, model)
        let key = "missing:\(service.rawValue)"
        if gap.isolated.isEmpty, let uncertainty = gap.uncertainty {
            let consequence = service == .ec2messages
                ? "older agents fail there unless that path reaches the internet (\(ConnectivityText.ec2messagesNote))"
                : "this is an error if that path does not reach the internet, since Session Manager then cannot \(service == .ssm ? "register the nodes" : "open sessions")"
            report.violation(
                at: vpc.info,
                message: "VPC \(vpc.id) has Systems Manager endpoints but none for \(service.rawValue), so the \(service.rawValue) traffic of \(names) takes an unknown way out (\(uncertainty.reason)); \(consequence)",
                fix: fix, variant: "unknown-path", key: key, related: related)
            return
        }
        if gap.isolated.isEmpty {
            report.violation(
                at: vpc.info,
                message: "VPC \(vpc.id) has Systems Manager endpoints but none for \(service.rawValue), so the \(service.rawValue) traffic of \(names) leaves through NAT or the internet gateway",
                fix: "For a fully private path: " + fix, variant: "internet-path", key: key, related: related)
            return
        }
        let fips = context.analysis.endpointsByVPC[vpc.id]?.first { endpoint in
            endpoint.serviceName.known.flatMap(EndpointServiceName.init)?.service == service.rawValue + "-fips"
        }
        if let fips {
            report.violation(
                at: vpc.info,
                message: "VPC \(vpc.id) has only the FIPS endpoint \(fips.id) for \(service.rawValue), but SSM Agent uses the standard name \(ConnectivityText.dnsName(service, model)) unless configured for FIPS, so \(names) may not reach \(service.rawValue)",
                fix: fix + " Or configure the agents to use the FIPS endpoint.", variant: "fips", key: key, related: related)
            return
        }
        let consequence = service == .ec2messages
            ? " (\(ConnectivityText.ec2messagesNote))"
            : ", so Session Manager cannot \(service == .ssm ? "register the nodes" : "open sessions")"
        report.violation(
            at: vpc.info,
            message: "VPC \(vpc.id) has no \(service.rawValue) endpoint, but \(names) \(ConnectivityText.verb(gap.isolated, "reaches", "reach")) Systems Manager only through endpoints\(consequence)",
            fix: fix, variant: service == .ec2messages ? "ec2messages" : nil, key: key, related: related)
    }
}
