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
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let gaps = context.analysis.endpointGaps()
        for vpc in gaps.vpcs { report.evaluated(vpc) }
        for item in gaps.undecided {
            report.unresolved(at: item.vpc.info, check: "whether \(item.target.displayName) has every Session Manager endpoint",
                              reason: item.reason, key: item.target.key)
        }
        for gap in gaps.gaps { reportGap(gap, context: context, &report) }
    }

    private func reportGap(_ gap: EndpointGap, context: RuleContext, _ report: inout RuleReport) {
        let model = context.model, vpc = gap.vpc.id, service = gap.service, name = service.rawValue
        let fix = "Create an Interface endpoint \(ConnectivityText.serviceName(service, model)) in \(vpc) with private DNS enabled, a subnet in every AZ that hosts instances, and a security group allowing TCP 443 from the instance subnets."
        let targets = !gap.isolated.isEmpty ? gap.isolated : !gap.uncertain.isEmpty ? gap.uncertain : gap.leaking
        let related = targets.map { ConnectivityText.related($0, "needs \(name)") }
        let names = ConnectivityText.targets(targets) + ConnectivityText.inferredVPC(targets, model)
        let failure = service == .ssm ? "register the nodes" : "open sessions"
        func violation(_ message: String, fix: String = fix, _ variant: String?) {
            report.violation(at: gap.vpc.info, message: message, fix: fix, variant: variant, key: "missing:\(name)", related: related)
        }
        if gap.isolated.isEmpty, let uncertainty = gap.uncertainty {
            let consequence = service == .ec2messages
                ? "older agents fail there unless that path reaches the internet (\(ConnectivityText.ec2messagesNote))"
                : "this is an error if that path does not reach the internet, since Session Manager then cannot \(failure)"
            violation("VPC \(vpc) has Systems Manager endpoints but none for \(name), so the \(name) traffic of \(names) takes an unknown way out (\(uncertainty.reason)); \(consequence)", "unknown-path")
        } else if gap.isolated.isEmpty {
            violation("VPC \(vpc) has Systems Manager endpoints but none for \(name), so the \(name) traffic of \(names) leaves through NAT or the internet gateway",
                      fix: "For a fully private path: " + fix, "internet-path")
        } else if let fips = context.analysis.fipsEndpoint(for: service, in: vpc) {
            violation("VPC \(vpc) has only the FIPS endpoint \(fips.id) for \(name), but SSM Agent uses the standard name \(ConnectivityText.dnsName(service, model)) unless configured for FIPS, so \(names) may not reach \(name)",
                      fix: fix + " Or configure the agents to use the FIPS endpoint.", "fips")
        } else {
            let consequence = service == .ec2messages ? " (\(ConnectivityText.ec2messagesNote))" : ", so Session Manager cannot \(failure)"
            violation("VPC \(vpc) has no \(name) endpoint, but \(names) \(ConnectivityText.verb(gap.isolated, "reaches", "reach")) Systems Manager only through endpoints\(consequence)",
                      service == .ec2messages ? "ec2messages" : nil)
        }
    }
}
