import SSMLintEngine

/// SSM008: a Session Manager endpoint with private DNS off (CloudFormation's
/// and Terraform's default) and no private hosted zone serving the service
/// name: the agent resolves the public name and never uses the endpoint. An
/// error when the VPC's targets have no internet path, a warning when they
/// have one or when their way out leads beyond the input (a transit gateway, a
/// firewall): the missing DNS is certain, only its consequence is not.
struct PrivateDNSDisabledRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        for (vpc, endpoints) in analysis.ssmEndpoints.sorted(by: { $0.key < $1.key }) {
            let targets = analysis.ssmIntendedTargets(in: vpc)
            // Another endpoint for the service that does resolve makes one without DNS merely redundant.
            let resolved = Set(endpoints.filter { $0.dns.isEffective }.map(\.service))
            var impact: Impact?
            for endpoint in endpoints {
                report.evaluated(endpoint.endpoint.id)
                guard case .privateDNSOff = endpoint.dns, endpoint.isInterface.known == true,
                      analysis.placementProblems(of: endpoint.endpoint).isEmpty else { continue }
                if resolved.contains(endpoint.service) { continue }
                guard !targets.isEmpty else { continue }
                // The same for every endpoint of the VPC: worked out once.
                if impact == nil { impact = Impact(targets, analysis) }
                let impact = impact!
                let variant: String?
                if !impact.isolated.isEmpty {
                    variant = endpoint.service == .ec2messages ? "ec2messages" : nil
                } else if impact.allReachInternet {
                    variant = "internet-path"
                } else if let reason = impact.unknownAccess, !reason.leadsBeyondInput {
                    report.unresolved(at: endpoint.endpoint.info,
                                      check: "how badly endpoint \(endpoint.endpoint.id) without private DNS affects its VPC",
                                      reason: reason, key: "dns")
                    continue
                } else {
                    variant = "unknown-path"
                }
                let name = ConnectivityText.dnsName(endpoint.service, context.model)
                let setting = endpoint.endpoint.privateDnsEnabled.isAbsent
                    ? "private DNS is not enabled (CloudFormation and Terraform default to false, unlike the console and the EC2 API)"
                    : "private DNS is disabled"
                var message = "endpoint \(endpoint.endpoint.id) (\(endpoint.service.rawValue)): \(setting) and no private hosted zone in VPC \(vpc) serves \(name), so the agent resolves the public name and never uses the endpoint"
                if !impact.isolated.isEmpty {
                    message += "; \(impact.isolatedNames) \(impact.isolatedVerb) no internet path, so \(endpoint.service == .ec2messages ? "older agents fail" : "sessions fail")"
                } else if impact.allReachInternet {
                    message += "; the VPC's instances use NAT or the internet gateway instead"
                } else {
                    let reason = impact.unknownAccess?.reason ?? "their way out is not in the input"
                    message += "; the way out of \(impact.uncertainNames) is unknown (\(reason)): this is an error if that way does not reach the internet, since \(endpoint.service == .ec2messages ? "older agents fail" : "sessions fail") then"
                }
                if endpoint.service == .ec2messages { message += " (\(ConnectivityText.ec2messagesNote))" }
                let related = (impact.isolated.isEmpty ? targets : impact.isolated).prefix(5).map { ConnectivityText.related($0, "resolves \(name) publicly") }
                report.violation(
                    at: endpoint.endpoint.info, message: message,
                    fix: "Set PrivateDnsEnabled: true on \(endpoint.endpoint.id) (Terraform: private_dns_enabled = true), or create a private hosted zone \(name) with an alias A record to the endpoint's regional DNS name and associate it with \(vpc).",
                    variant: variant, key: "dns", related: Array(related))
            }
        }
    }

    /// How the VPC's targets fare without the endpoint: those with no internet path.
    private struct Impact {
        var isolated: [ComputeTarget]
        var allReachInternet: Bool
        var unknownAccess: Unresolved?
        var isolatedNames: String
        var isolatedVerb: String
        /// The targets whose way out is unknown.
        var uncertainNames: String

        init(_ targets: [ComputeTarget], _ analysis: NetworkAnalysis) {
            let access = targets.map { analysis.internetAccess(of: $0) }
            isolated = zip(targets, access).filter { $0.1.isNone }.map(\.0)
            allReachInternet = access.allSatisfy(\.reachesInternet)
            // A reason that is not a route beyond the input comes first: it keeps the rule silent.
            let reasons = access.compactMap { if case .unknown(let why) = $0 { return why } else { return nil } }
            unknownAccess = reasons.first { !$0.leadsBeyondInput } ?? reasons.first
            isolatedNames = ConnectivityText.targets(isolated)
            isolatedVerb = ConnectivityText.verb(isolated, "has", "have")
            uncertainNames = ConnectivityText.targets(zip(targets, access).filter { if case .unknown = $0.1 { return true } else { return false } }.map(\.0))
        }
    }
}
