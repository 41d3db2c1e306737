import SSMLintEngine

/// SSM016: an instance Session Manager definitely reaches (instance profile
/// with Systems Manager permissions, a path to ssm and ssmmessages that its
/// security groups let through) still has an SSH key pair and a public IPv4
/// address: a second, exposed way in that Session Manager makes unnecessary.
/// A note; a warning when one of its security groups also opens SSH to the
/// world (what SSM006 reports).
struct SSHKeyAndPublicIPRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        // An auto scaling group is a target per subnet: one finding for the
        // group, from the first of its targets that meets every condition.
        var reported: Set<ResourceID> = []
        let instanceConnect = analysis.instanceConnectGroups()
        for target in analysis.targets where !reported.contains(target.id) {
            report.evaluated(target.id)
            guard case .granted = analysis.permission(of: target) else { continue }
            guard case .known(let key) = target.keyName else {
                if let reason = target.keyName.unresolved { unresolved(target, "has a key pair", reason, &report) }
                continue
            }
            switch target.publicIPv4 {
            case .known(true): break
            case .unknown(let reason): unresolved(target, "has a public IPv4 address", reason, &report); continue
            default: continue
            }
            switch analysis.sessionManagerReaches(target) {
            case .known(true): break
            case .unknown(let reason): unresolved(target, "is reachable with Session Manager", reason, &report); continue
            default: continue
            }
            let exposed = analysis.opensSSHToWorld(target).known == true
            report.violation(
                at: target.info,
                message: "\(ConnectivityText.resource(target))\(ConnectivityText.condition(target, context.model)) is reachable with Session Manager \(route(of: target, analysis)) but still has key pair '\(key)' and a public IPv4 address"
                    + (exposed ? ", and one of its security groups admits SSH (TCP 22) from the whole internet" : ""),
                fix: instanceConnect.linkedTargets.contains(target.id)
                    ? instanceConnectFix(for: target, analysis) : fix(for: target, key: key, analysis),
                variant: exposed ? "ssh-open-to-world" : nil, key: "key-and-public-ip")
            reported.insert(target.id)
        }
    }

    /// "through interface endpoints", "through the internet gateway", …
    private func route(of target: ComputeTarget, _ analysis: NetworkAnalysis) -> String {
        var ways: [String] = []
        for service in [SSMService.ssm, .ssmmessages] {
            let way: String
            switch analysis.path(of: target, to: service) {
            case .endpoint: way = "interface endpoints"
            case .peeredEndpoint(let path): way = "the interface endpoints of \(path.endpoint.vpc)"
            case .internet(.natGateway): way = "a NAT gateway"
            case .internet: way = "the internet gateway"
            case .none, .unknown: continue
            }
            if !ways.contains(way) { ways.append(way) }
        }
        return "through " + ways.joined(separator: " and ")
    }

    private func unresolved(_ target: ComputeTarget, _ what: String, _ reason: Unresolved, _ report: inout RuleReport) {
        report.unresolved(at: target.info, check: "whether \(target.displayName) \(what)", reason: reason, key: "key-and-public-ip|\(target.key)")
    }

    /// A target an EC2 Instance Connect Endpoint serves needs its key pair for
    /// SSH through the endpoint, but not a public address: the endpoint reaches
    /// it privately.
    private func instanceConnectFix(for target: ComputeTarget, _ analysis: NetworkAnalysis) -> String {
        let terraform = analysis.model.format == .terraformPlan
        let address = terraform
            ? "associate_public_ip_address = false, a subnet without map_public_ip_on_launch, no aws_eip"
            : "AssociatePublicIpAddress: false, a subnet without MapPublicIpOnLaunch, no Elastic IP"
        let usesInternetGateway = [SSMService.ssm, .ssmmessages].contains { service in
            if case .internet(.internetGateway) = analysis.path(of: target, to: service) { return true }
            return false
        }
        let before = usesInternetGateway
            ? " Its Systems Manager traffic uses the public address through the internet gateway: add interface endpoints for ssm and ssmmessages (or a NAT gateway route) first."
            : ""
        return "Remove the public IPv4 address (\(address)). Keep the key pair: an EC2 Instance Connect Endpoint serves this instance, and SSH through it needs the key; the endpoint reaches the instance on its private address." + before
    }

    /// What to remove. A target whose Systems Manager traffic leaves through
    /// an internet gateway needs its public address until endpoints or a NAT
    /// gateway replace that path.
    private func fix(for target: ComputeTarget, key: String, _ analysis: NetworkAnalysis) -> String {
        let terraform = analysis.model.format == .terraformPlan
        let ssh = " If SSH itself is needed, tunnel it through Session Manager (document AWS-StartSSHSession)."
        let keyPair = terraform ? "Remove key_name = \"\(key)\"" : "Remove KeyName '\(key)'"
        let usesInternetGateway = [SSMService.ssm, .ssmmessages].contains { service in
            if case .internet(.internetGateway) = analysis.path(of: target, to: service) { return true }
            return false
        }
        if usesInternetGateway {
            return keyPair + " and connect with Session Manager. Its Systems Manager traffic uses the public address through the internet gateway: add interface endpoints for ssm and ssmmessages (or a NAT gateway route) before removing the public IPv4 address." + ssh
        }
        let address = terraform
            ? "associate_public_ip_address = false, a subnet without map_public_ip_on_launch, no aws_eip"
            : "AssociatePublicIpAddress: false, a subnet without MapPublicIpOnLaunch, no Elastic IP"
        return keyPair + " and the public IPv4 address (\(address)), and connect with Session Manager." + ssh
    }
}
