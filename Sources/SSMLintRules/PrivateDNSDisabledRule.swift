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
            for endpoint in endpoints { report.evaluated(endpoint.endpoint.id) }
            let targets = analysis.ssmIntendedTargets(in: vpc)
            let unused = analysis.endpointsUnusedForLackOfDNS(in: vpc)
            guard !targets.isEmpty, !unused.isEmpty else { continue }
            let access = analysis.internetAccess(of: targets)
            for endpoint in unused { reportEndpoint(endpoint, in: vpc, access, context.model, &report) }
        }
    }

    private func reportEndpoint(_ endpoint: SSMEndpoint, in vpc: ResourceID, _ access: GroupInternetAccess,
                                _ model: InfrastructureModel, _ report: inout RuleReport) {
        let id = endpoint.endpoint.id, service = endpoint.service, name = ConnectivityText.dnsName(service, model)
        let failure = service == .ec2messages ? "older agents fail" : "sessions fail"
        let setting = endpoint.endpoint.privateDnsEnabled.isAbsent
            ? "private DNS is not enabled (CloudFormation and Terraform default to false, unlike the console and the EC2 API)"
            : "private DNS is disabled"
        var message = "endpoint \(id) (\(service.rawValue)): \(setting) and no private hosted zone in VPC \(vpc) serves \(name), so the agent resolves the public name and never uses the endpoint"
        let variant: String?
        if !access.isolated.isEmpty {
            variant = service == .ec2messages ? "ec2messages" : nil
            message += "; \(ConnectivityText.targets(access.isolated)) \(ConnectivityText.verb(access.isolated, "has", "have")) no internet path, so \(failure)"
        } else if access.allReachInternet {
            variant = "internet-path"
            message += "; the VPC's instances use NAT or the internet gateway instead"
        } else if let reason = access.unknownAccess, !reason.leadsBeyondInput {
            report.unresolved(at: endpoint.endpoint.info, check: "how badly endpoint \(id) without private DNS affects its VPC", reason: reason, key: "dns")
            return
        } else {
            variant = "unknown-path"
            message += "; the way out of \(ConnectivityText.targets(access.uncertain)) is unknown (\(access.unknownAccess?.reason ?? "their way out is not in the input")): this is an error if that way does not reach the internet, since \(failure) then"
        }
        if service == .ec2messages { message += " (\(ConnectivityText.ec2messagesNote))" }
        let related = (access.isolated.isEmpty ? access.targets : access.isolated).prefix(5).map { ConnectivityText.related($0, "resolves \(name) publicly") }
        report.violation(
            at: endpoint.endpoint.info, message: message,
            fix: "Set PrivateDnsEnabled: true on \(id) (Terraform: private_dns_enabled = true), or create a private hosted zone \(name) with an alias A record to the endpoint's regional DNS name and associate it with \(vpc).",
            variant: variant, key: "dns", related: Array(related))
    }
}
