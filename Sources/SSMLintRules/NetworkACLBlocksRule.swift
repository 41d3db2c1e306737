import SSMLintEngine

/// SSM020: a network ACL on an instance's subnet or on an endpoint's subnet
/// definitely drops SSM Agent's HTTPS connections: the request (TCP 443) on
/// its way out or in, or the reply to the instance's ephemeral port (network
/// ACLs are stateless). Only definite denies are reported; an entry that
/// cannot be resolved and could match first keeps the rule silent. One
/// finding per (network ACL, subnet, direction, other end).
struct NetworkACLBlocksRule: Rule {
    private struct Group {
        var block: NetworkACLBlock
        var targets: [ComputeTarget] = []
        var services: Set<SSMService> = []
        var endpoints: [ResourceID] = []
    }

    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        // Without a network ACL, entry or association in the input, every subnet uses its
        // VPC's untouched default ACL: nothing to check, and nothing worth a note.
        let model = context.model
        guard !model.networkACLAssociations.isEmpty || !model.unattachedNetworkACLEntries.isEmpty
                || model.networkACLs.contains(where: { $0.id.implicit == nil || $0.entries.contains { !$0.isImplicit } }) else { return }
        var groups: [String: Group] = [:]
        var order: [String] = []
        var cache: [String: (blocks: [NetworkACLBlock], unresolved: [Unresolved])] = [:]
        for target in analysis.ssmIntendedTargets {
            guard case .known(.declared(let subnet)) = target.subnet, context.model.subnets[subnet] != nil else { continue }
            report.evaluated(target.id)
            let address = analysis.clientAddress(of: target)
            var pending: Unresolved?
            for service in SSMService.allCases {
                let path = analysis.path(of: target, to: service)
                guard case .known(let servers) = analysis.agentServers(for: path) else { continue }
                for server in servers {
                    let cacheKey = "\(subnet)|\(address)|\(server)"
                    let result = cache[cacheKey] ?? analysis.networkACLBlocks(client: subnet, address: address, server: server)
                    cache[cacheKey] = result
                    pending = pending ?? result.unresolved.first
                    for block in result.blocks {
                        let key = "\(block.leg.rawValue):\(block.subnet):\(block.peerSubnet?.rawValue ?? "internet")"
                        if groups[key] == nil { order.append(key); groups[key] = Group(block: block) }
                        if !groups[key]!.targets.contains(where: { $0.key == target.key }) { groups[key]!.targets.append(target) }
                        groups[key]!.services.insert(service)
                        if let endpoint = path.endpoint?.endpoint.id, !groups[key]!.endpoints.contains(endpoint) {
                            groups[key]!.endpoints.append(endpoint)
                        }
                    }
                }
            }
            if let pending {
                report.unresolved(at: target.info, check: "whether network ACLs let \(target.displayName) reach Systems Manager",
                                  reason: pending, key: "acl:" + target.key)
            }
        }
        for key in order { reportGroup(groups[key]!, key: key, context.model, &report) }
    }

    private func reportGroup(_ group: Group, key: String, _ model: InfrastructureModel, _ report: inout RuleReport) {
        let block = group.block, acl = block.acl
        let name = aclName(acl)
        let subnet = subnetText(block.subnet, model)
        let endpointSide = block.leg == .requestIn || block.leg == .replyOut
        // "network ACL X of subnet S (cidr)", or for the default ACL "…, which subnet S (cidr) uses,".
        let acting = acl.id.implicit != nil
            ? "\(name), which \(endpointSide ? "endpoint " : "")\(subnet) uses,"
            : "\(name) of \(endpointSide ? "endpoint " : "")\(subnet)"
        let peer = block.peerSubnet.map { subnetText($0, model) } ?? "the internet"
        let peerCIDR = block.peerSubnet.flatMap { model.subnets[$0]?.cidrBlock.known } ?? (block.peerSubnet == nil ? "0.0.0.0/0" : block.peer.description)
        let targets = ConnectivityText.targets(group.targets)
        let services = ConnectivityText.services(Array(group.services))
        let endpoints = (group.endpoints.count > 1 ? "endpoints " : "endpoint ") + group.endpoints.map(\.rawValue).joined(separator: ", ")
        let ports = block.denied.map { $0.ports.lowerBound == $0.ports.upperBound ? "\($0.ports.lowerBound)" : "\($0.ports.lowerBound)-\($0.ports.upperBound)" }
            .joined(separator: ", ")
        let why = reason(block.denied)
        let below = block.denied.compactMap { $0.entry?.ruleNumber.known }.min().map { " with a rule number below \($0)" } ?? ""
        let stateless = "network ACLs are stateless, so replies need rules of their own"
        let message: String, fix: String
        switch block.leg {
        case .requestOut:
            if block.peerSubnet == nil {
                message = "\(acting) denies outbound TCP 443 to the internet (\(why)), so \(targets) cannot reach \(services) "
                    + "at the public Systems Manager endpoints"
            } else {
                message = "\(acting) denies outbound TCP 443 to \(peer) (\(why)), where \(endpoints) "
                    + "\(group.endpoints.count > 1 ? "have" : "has") network interfaces, so \(targets) cannot reach \(services) there"
            }
            fix = "Add an outbound rule to \(name) allowing TCP 443 to \(peerCIDR)\(below)."
        case .requestIn:
            message = "\(acting) denies inbound TCP 443 from \(peer) (\(why)), so \(endpoints) cannot accept "
                + "the \(services) connections of \(targets) there"
            fix = "Add an inbound rule to \(name) allowing TCP 443 from \(peerCIDR)\(below)."
        case .replyOut:
            message = "\(acting) denies outbound TCP \(ports) to \(peer) (\(why)): \(stateless), and the replies of "
                + "\(endpoints) to the \(services) connections of \(targets) go to those ephemeral ports"
            fix = "Add an outbound rule to \(name) allowing TCP 1024-65535 to \(peerCIDR)\(below)."
        case .replyIn:
            let from = block.peerSubnet == nil ? "the public Systems Manager endpoints" : endpoints
            message = "\(acting) denies inbound TCP \(ports) from \(peer) (\(why)): \(stateless), and the replies from \(from) "
                + "to the \(services) connections of \(targets) arrive on those ephemeral ports"
            fix = "Add an inbound rule to \(name) allowing TCP 1024-65535 from \(peerCIDR)\(below)."
        }
        var related = group.targets.map { ConnectivityText.related($0, "its Session Manager traffic crosses this network ACL") }
        related += group.endpoints.compactMap { ConnectivityText.related($0, in: model, "endpoint behind the network ACL") }
        for case let entry? in block.denied.map(\.entry) where !entry.isImplicit {
            related.append(RelatedLocation(resource: entry.carrier, location: entry.location, message: "\(entry.name) denies the traffic"))
        }
        // The default network ACL of a CloudFormation VPC has no declaration: point at the entry that denies.
        var location = acl.info.location
        if acl.info.id.implicit != nil, let entry = block.denied.lazy.compactMap(\.entry).first(where: { !$0.isImplicit }) {
            location = entry.location
        }
        report.violation(at: acl.id, location: location, message: message, fix: fix, key: key, related: related)
    }

    private func aclName(_ acl: NetworkACL) -> String {
        if let implicit = acl.id.implicit { return "the default network ACL of VPC \(implicit.owner)" }
        return acl.isVPCDefault ? "default network ACL \(acl.id)" : "network ACL \(acl.id)"
    }

    private func subnetText(_ id: ResourceID, _ model: InfrastructureModel) -> String {
        model.subnets[id]?.cidrBlock.known.map { "subnet \(id) (\($0))" } ?? "subnet \(id)"
    }

    /// Which entries deny: "rule 90 denies it", "no rule allows it, so the final * rule denies it".
    private func reason(_ denied: [(ports: ClosedRange<Int>, entry: NetworkACLEntry?)]) -> String {
        let byEntry = denied.map(\.entry?.name)
        if Set(byEntry).count == 1 {
            return byEntry[0].map { "its \($0) denies it" } ?? "no rule allows it, so the final * rule denies it"
        }
        return denied.map { item in
            let ports = item.ports.lowerBound == item.ports.upperBound ? "port \(item.ports.lowerBound)" : "ports \(item.ports.lowerBound)-\(item.ports.upperBound)"
            return "\(ports) by \(item.entry?.name ?? "the final * rule")"
        }.joined(separator: ", ")
    }
}
