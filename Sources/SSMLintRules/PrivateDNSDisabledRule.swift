import SSMLintEngine

/// SSM008: a Session Manager endpoint with private DNS off (CloudFormation's
/// and Terraform's default) and no private hosted zone serving the service
/// name: the agent resolves the public name and never uses the endpoint. An
/// error when the VPC's targets have no internet path, a warning otherwise.
struct PrivateDNSDisabledRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        for (vpc, endpoints) in analysis.ssmEndpoints.sorted(by: { $0.key < $1.key }) {
            let targets = analysis.ssmIntendedTargets(in: vpc)
            for endpoint in endpoints {
                report.evaluated(endpoint.endpoint.id)
                guard case .privateDNSOff = endpoint.dns, endpoint.isInterface.known == true,
                      analysis.placementProblems(of: endpoint.endpoint).isEmpty else { continue }
                // Another endpoint for the service that does resolve makes this one merely redundant.
                if analysis.endpoints(in: vpc, for: endpoint.service).contains(where: { $0.dns.isEffective }) { continue }
                guard !targets.isEmpty else { continue }
                let access = targets.map { analysis.internetAccess(of: $0) }
                let isolated = zip(targets, access).filter { $0.1.isNone }.map(\.0)
                let variant: String?
                if !isolated.isEmpty {
                    variant = endpoint.service == .ec2messages ? "ec2messages" : nil
                } else if access.allSatisfy(\.reachesInternet) {
                    variant = "internet-path"
                } else {
                    let reason = access.lazy.compactMap { if case .unknown(let why) = $0 { return why } else { return nil } }.first
                    report.unresolved(at: endpoint.endpoint.info,
                                      check: "how badly endpoint \(endpoint.endpoint.id) without private DNS affects its VPC",
                                      reason: reason ?? Unresolved("internet access unknown"), key: "dns")
                    continue
                }
                let name = ConnectivityText.dnsName(endpoint.service, context.model)
                let setting = endpoint.endpoint.privateDnsEnabled.isAbsent
                    ? "private DNS is not enabled (CloudFormation and Terraform default to false, unlike the console and the EC2 API)"
                    : "private DNS is disabled"
                var message = "endpoint \(endpoint.endpoint.id) (\(endpoint.service.rawValue)): \(setting) and no private hosted zone in VPC \(vpc) serves \(name), so the agent resolves the public name and never uses the endpoint"
                if !isolated.isEmpty {
                    message += "; \(ConnectivityText.targets(isolated)) \(ConnectivityText.verb(isolated, "has", "have")) no internet path, so \(endpoint.service == .ec2messages ? "older agents fail" : "sessions fail")"
                } else {
                    message += "; the VPC's instances use NAT or the internet gateway instead"
                }
                if endpoint.service == .ec2messages { message += " (\(ConnectivityText.ec2messagesNote))" }
                let related = (isolated.isEmpty ? targets : isolated).prefix(5).map { ConnectivityText.related($0, "resolves \(name) publicly") }
                report.violation(
                    at: endpoint.endpoint.info, message: message,
                    fix: "Set PrivateDnsEnabled: true on \(endpoint.endpoint.id) (Terraform: private_dns_enabled = true), or create a private hosted zone \(name) with an alias A record to the endpoint's regional DNS name and associate it with \(vpc).",
                    variant: variant, key: "dns", related: Array(related))
            }
        }
    }
}
