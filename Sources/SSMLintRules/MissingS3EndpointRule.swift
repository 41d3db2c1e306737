import SSMLintEngine

/// SSM015: targets reach Systems Manager only through interface endpoints and
/// nothing serves Amazon S3 for them: no gateway endpoint on their route table,
/// no S3 interface endpoint, no internet path. Sessions work; SSM Agent
/// updates, Patch Manager, S3 session logs and downloads from S3 do not. One
/// note per VPC, listing the targets.
struct MissingS3EndpointRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis, model = context.model
        var affected: [ResourceID: [(target: ComputeTarget, routeTable: ResourceID?, unassociated: [ResourceID], peered: [ResourceID])]] = [:]
        var order: [ResourceID] = []
        for target in analysis.ssmIntendedTargets {
            guard let vpcID = analysis.vpcID(of: target), let vpc = model.vpcs[vpcID] else { continue }
            report.evaluated(vpcID)
            switch analysis.reachesSystemsManagerOnlyThroughEndpoints(target) {
            case .known(true): break
            case .unknown(let reason):
                report.unresolved(at: vpc.info, check: "whether \(target.displayName) reaches Systems Manager only through endpoints",
                                  reason: reason, key: "private:" + target.key)
                continue
            default: continue
            }
            switch analysis.s3Access(of: target) {
            case .none(let table, let unassociated, let peered):
                if affected[vpcID] == nil { order.append(vpcID) }
                affected[vpcID, default: []].append((target, table, unassociated, peered))
            case .unknown(let reason):
                report.unresolved(at: vpc.info, check: "whether \(target.displayName) reaches Amazon S3", reason: reason, key: "s3:" + target.key)
            default:
                continue
            }
        }
        for vpc in order.compactMap({ model.vpcs[$0] }) { reportVPC(vpc, affected[vpc.id]!, context, &report) }
    }

    private func reportVPC(_ vpc: VPC, _ items: [(target: ComputeTarget, routeTable: ResourceID?, unassociated: [ResourceID], peered: [ResourceID])],
                           _ context: RuleContext, _ report: inout RuleReport) {
        let targets = items.map(\.target)
        var tables: [ResourceID] = [], gateways: [ResourceID] = [], peered: [ResourceID] = []
        var mainTableSubnets: [String] = []
        for item in items {
            if let table = item.routeTable {
                if !tables.contains(table) { tables.append(table) }
            } else if let subnet = item.target.subnet.known?.description, !mainTableSubnets.contains(subnet) {
                mainTableSubnets.append(subnet)
            }
            for gateway in item.unassociated where !gateways.contains(gateway) { gateways.append(gateway) }
            for gateway in item.peered where !peered.contains(gateway) { peered.append(gateway) }
        }
        var message = "VPC \(vpc.id) has no S3 endpoint that serves \(ConnectivityText.targets(targets)), which "
            + "\(ConnectivityText.verb(targets, "reaches", "reach")) Systems Manager only through interface endpoints and "
            + "\(ConnectivityText.verb(targets, "has", "have")) no internet path, so SSM Agent self-updates, Patch Manager, "
            + "session logs to S3 and documents that download from S3 fail there"
        if !gateways.isEmpty {
            message += "; gateway endpoint \(gateways.map(\.rawValue).joined(separator: ", ")) is not associated with "
                + (tables.isEmpty ? "their route table" : "route table \(tables.map(\.rawValue).joined(separator: ", "))")
                + " (a gateway endpoint serves only the route tables it is associated with)"
        }
        if !peered.isEmpty {
            message += "; gateway endpoint \(peered.map(\.rawValue).joined(separator: ", ")) of a peered VPC cannot serve \(ConnectivityText.verb(targets, "it", "them")) "
                + "(gateway endpoints do not work across a peering connection)"
        }
        let s3 = "com.amazonaws.\(context.model.region ?? "${AWS::Region}").s3"
        let endpoint = gateways.first.map { "gateway endpoint \($0)" } ?? "the new endpoint"
        var steps: [String] = []
        if gateways.isEmpty { steps.append("Add a gateway endpoint \(s3) to VPC \(vpc.id)") }
        if !tables.isEmpty {
            steps.append("List route table \(tables.map(\.rawValue).joined(separator: ", ")) in RouteTableIds of \(endpoint) "
                + "(Terraform: route_table_ids or aws_vpc_endpoint_route_table_association)")
        }
        if !mainTableSubnets.isEmpty {
            steps.append("Subnet \(mainTableSubnets.joined(separator: ", ")) uses the VPC's main route table: associate it with a route table "
                + "of its own and list that table in RouteTableIds of \(endpoint) (CloudFormation cannot name the main route table; "
                + "Terraform can list the VPC's main_route_table_id)")
        }
        var fix = steps.joined(separator: ". ")
        fix += ". Allow the S3 prefix list in security group egress rules that restrict outbound traffic."
        var related = targets.map { ConnectivityText.related($0, "reaches Systems Manager only through endpoints") }
        related += gateways.compactMap { ConnectivityText.related($0, in: context.model, "S3 gateway endpoint not on the route table") }
        related += peered.compactMap { ConnectivityText.related($0, in: context.model, "S3 gateway endpoint of a peered VPC") }
        report.violation(at: vpc.info, message: message, fix: fix, key: "s3", related: related)
    }
}
