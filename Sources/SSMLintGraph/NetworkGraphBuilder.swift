import SSMLintEngine

/// Draws one input's network from its `NetworkAnalysis`, the same analysis the
/// rules use, and labels each target's path with the findings of `scan` that
/// concern it (`EdgeFindings`). It decides nothing itself: every edge state is
/// a fact the analysis states.
public struct NetworkGraphBuilder {
    public let analysis: NetworkAnalysis
    private let matcher: EdgeFindings
    private let findings: [Finding]
    private let prefix: String
    private let targetVPCs: [ResourceID: ResourceID]

    /// `findings`: the findings `scan` reports for this input; `rules`: their
    /// definitions (which rules are about reachability); `idPrefix` keeps node
    /// identifiers apart when several inputs share one picture.
    public init(analysis: NetworkAnalysis, findings: [Finding], rules: [RuleDefinition], idPrefix: String = "n") {
        self.analysis = analysis
        self.findings = findings
        matcher = EdgeFindings(findings: findings, rules: rules, analysis: analysis)
        prefix = idPrefix
        var vpcs: [ResourceID: ResourceID] = [:]
        for target in analysis.targets { if let vpc = analysis.vpcID(of: target) { vpcs[target.id] = vpc } }
        targetVPCs = vpcs
    }

    private var model: InfrastructureModel { analysis.model }

    /// The declared VPCs that findings (not suppressed, not unresolved notes)
    /// concern, in document order.
    public func vpcsWithFindings() -> [ResourceID] {
        var touched: Set<ResourceID> = []
        for finding in findings where finding.suppression == nil && !finding.isUnresolved {
            if let vpc = vpc(of: finding.resource) {
                touched.insert(vpc)
            } else {
                for related in finding.related { if let vpc = vpc(of: related.resource) { touched.insert(vpc) } }
            }
            // The instances a finding names are where the broken path starts
            // (a hub's route table breaks a spoke's path): their VPCs too.
            for related in finding.related { if let vpc = targetVPCs[related.resource] { touched.insert(vpc) } }
        }
        return model.vpcs.map(\.id).filter(touched.contains)
    }

    /// Whether a finding is about the VPC: its resource, or one of the
    /// instances it names, is in it (or, for a resource in no VPC, one of its related resources).
    public func concerns(_ finding: Finding, vpc: ResourceID) -> Bool {
        if finding.related.contains(where: { targetVPCs[$0.resource] == vpc }) { return true }
        if let own = self.vpc(of: finding.resource) { return own == vpc }
        return finding.related.contains { self.vpc(of: $0.resource) == vpc }
    }

    /// The VPC a resource belongs to, when the input says so.
    public func vpc(of id: ResourceID) -> ResourceID? {
        func declared(_ value: Value<ResourceRef>) -> ResourceID? {
            guard case .known(.declared(let vpc)) = value, model.vpcs[vpc] != nil else { return nil }
            return vpc
        }
        if model.vpcs[id] != nil { return id }
        if let subnet = model.subnets[id] { return declared(subnet.vpc) }
        if let table = model.routeTables[id] { return declared(table.vpc) }
        if let group = model.securityGroups[id] { return declared(group.vpc) }
        if let endpoint = model.vpcEndpoints[id] { return declared(endpoint.vpc) }
        if let acl = model.networkACLs[id] { return declared(acl.vpc) }
        if let nat = model.natGateways[id], case .known(.declared(let subnet)) = nat.subnet { return vpc(of: subnet) }
        if let peering = model.peeringConnections[id] { return declared(peering.vpc) }
        if let vpc = targetVPCs[id] { return vpc }
        return nil
    }

    /// The picture of the given VPCs (all declared VPCs when nil): their
    /// subnets by zone, gateways, endpoints and targets, and whatever other
    /// VPC's endpoints those targets reach. With nil, targets outside any
    /// declared VPC are drawn too.
    public func build(vpcs only: [ResourceID]? = nil) -> NetworkGraph {
        var drawing = Drawing(prefix: prefix)
        let drawn = only ?? model.vpcs.map(\.id)
        let drawnSet = Set(drawn)
        for vpc in drawn { drawVPC(vpc, into: &drawing) }
        for target in analysis.targets {
            let vpc = analysis.vpcID(of: target)
            if let vpc, !drawnSet.contains(vpc) { continue }
            if vpc == nil && only != nil { continue }
            drawPaths(of: target, vpc: vpc, into: &drawing)
        }
        return drawing.graph(vpcLabels: { vpcLines($0) }, drawn: drawn)
    }

    // MARK: The VPC

    private func vpcLines(_ vpc: ResourceID) -> [String] {
        var lines = ["VPC \(vpc)"]
        if let cidr = model.vpcs[vpc]?.cidrBlock.known { lines.append(cidr) }
        return lines
    }

    private func drawVPC(_ vpc: ResourceID, into drawing: inout Drawing) {
        drawing.vpcs.insert(vpc)
        for subnet in model.subnets where subnet.vpc.known?.declaredID == vpc {
            let zone: String
            switch subnet.availabilityZone {
            case .known(let known): zone = "Availability Zone \(known)"
            case .unknown: zone = "Availability Zone unknown"
            case .absent: zone = "Availability Zone not set"
            }
            var lines = ["subnet \(subnet.id)"]
            if let cidr = subnet.cidrBlock.known { lines.append(cidr) }
            drawing.subnets.append(.init(id: subnet.id, vpc: vpc, zone: zone, lines: lines))
            let routes = drawing.node(.routes, key: "routes:\(subnet.id)", home: .subnet(subnet.id), lines: routeLines(subnet.id))
            if case .known(.some(let table)) = analysis.routeTableInEffect(forSubnet: subnet.id) {
                for route in table.routes { drawRoute(route, from: routes, vpc: vpc, into: &drawing) }
            }
        }
        for attachment in model.gatewayAttachments where attachment.vpc.known?.declaredID == vpc {
            if case .known(.declared(let gateway)) = attachment.internetGateway {
                _ = drawing.node(.internetGateway, key: "gw:\(gateway)", home: .vpc(vpc), lines: ["internet gateway \(gateway)"])
            }
        }
        for endpoint in analysis.endpoints(in: vpc) { _ = endpointNode(endpoint, into: &drawing) }
    }

    private func routeLines(_ subnet: ResourceID) -> [String] {
        switch analysis.routeTableInEffect(forSubnet: subnet) {
        case .known(.some(let table)):
            var lines = ["route table \(table.id)"]
            let shown = table.routes.prefix(6)
            for route in shown { lines.append("\(destination(route.destination)) → \(target(route.target))") }
            if table.routes.count > shown.count { lines.append("and \(table.routes.count - shown.count) more routes") }
            return lines
        case .known(.none): return ["main route table (local route only)"]
        case .unknown(let reason): return ["route table unknown: \(reason.reason)"]
        case .absent: return ["no route table"]
        }
    }

    private func destination(_ destination: RouteDestination) -> String {
        switch destination {
        case .ipv4(let cidr), .ipv6(let cidr): return cidr.known ?? "unknown CIDR"
        case .prefixList(let list): return "prefix list \(list.known.map { "\($0)" } ?? "unknown")"
        case .unknown: return "unknown destination"
        }
    }

    private func target(_ target: RouteTarget) -> String {
        "\(target.kind.rawValue)\(target.resource.known.map { " \($0)" } ?? "")"
    }

    /// An edge from a subnet's routes to the gateway, peering connection or transit gateway a route names.
    private func drawRoute(_ route: Route, from routes: String, vpc: ResourceID, into drawing: inout Drawing) {
        guard case .known(let ref) = route.target.resource else { return }
        let node: String
        switch route.target.kind {
        case .gateway:
            let isInternet = ref.declaredID.map { model.internetGateways[$0] != nil } ?? false
            node = drawing.node(.internetGateway, key: "gw:\(ref)", home: .vpc(vpc),
                                lines: [(isInternet ? "internet gateway " : "gateway ") + "\(ref)"])
        case .natGateway:
            node = natNode(ref, vpc: vpc, into: &drawing)
        case .peeringConnection:
            node = peeringNode(ref, into: &drawing)
        case .transitGateway:
            node = drawing.node(.transitGateway, key: "tgw:\(ref)", home: .top, lines: ["transit gateway \(ref)"])
        default:
            return
        }
        drawing.addEdge(NetworkGraph.Edge(from: routes, to: node, state: .route, detail: destination(route.destination)))
    }

    private func natNode(_ ref: ResourceRef, vpc: ResourceID, into drawing: inout Drawing) -> String {
        var home = Drawing.Home.vpc(vpc)
        var lines = ["NAT gateway \(ref)"]
        if let id = ref.declaredID, let nat = model.natGateways[id] {
            if case .known(.declared(let subnet)) = nat.subnet, drawing.vpcs.contains(vpc),
               model.subnets[subnet]?.vpc.known?.declaredID == vpc { home = .subnet(subnet) }
            if nat.connectivityType.known?.lowercased() == "private" { lines.append("private") }
        }
        return drawing.node(.natGateway, key: "nat:\(ref)", home: home, lines: lines)
    }

    private func peeringNode(_ ref: ResourceRef, into drawing: inout Drawing) -> String {
        var lines = ["peering \(ref)"]
        if let id = ref.declaredID, let peering = model.peeringConnections[id] {
            let ends = [peering.vpc, peering.peerVpc].map { $0.known.map { "\($0)" } ?? "unknown VPC" }
            lines.append(ends.joined(separator: " ↔ "))
        }
        return drawing.node(.peering, key: "pcx:\(ref)", home: .top, lines: lines)
    }

    private func endpointNode(_ endpoint: SSMEndpoint, into drawing: inout Drawing) -> String {
        var lines = ["endpoint \(endpoint.endpoint.id)", "\(endpoint.service.rawValue)"]
        switch endpoint.dns {
        case .effective(.privateDNS): lines.append("private DNS on")
        case .effective(.hostedZone(let zone)): lines.append("name from private hosted zone \(zone)")
        case .privateDNSOff: lines.append("private DNS off")
        case .vpcAttributesOff(let attribute): lines.append("private DNS defeated: \(attribute)")
        case .unknown: lines.append("private DNS unknown")
        }
        if case .known(let subnets) = analysis.endpointSubnets(endpoint) {
            lines.append("subnets " + subnets.map { $0.known.map { "\($0)" } ?? "unknown" }.joined(separator: ", "))
        }
        return drawing.node(.endpoint, key: "vpce:\(endpoint.endpoint.id)", home: .vpc(endpoint.vpc), lines: lines,
                            flagged: !endpoint.dns.isEffective)
    }

    private func serviceNode(_ service: SSMService, into drawing: inout Drawing) -> String {
        drawing.node(.service, key: "svc:\(service.rawValue)", home: .top,
                     lines: ["\(service.rawValue).\(model.region ?? "<region>").amazonaws.com", "public service endpoint"])
    }

    // MARK: Paths

    private func drawPaths(of target: ComputeTarget, vpc: ResourceID?, into drawing: inout Drawing) {
        var home = Drawing.Home.top
        if case .known(.declared(let subnet)) = target.subnet, let vpc, model.subnets[subnet]?.vpc.known?.declaredID == vpc {
            home = .subnet(subnet)
        } else if let vpc {
            home = .vpc(vpc)
        }
        var lines = [target.displayName]
        if target.publicIPv4.known == true { lines.append("public IPv4") }
        if vpc == nil { lines.append("VPC \(target.vpc.known.map { "\($0)" } ?? "unknown")") }
        let node = drawing.node(.target, key: "target:\(target.key)", home: home, lines: lines)
        let intended = analysis.permission(of: target).isSSMIntended || analysis.options.includeTargetsWithoutPermissions
        for service in SSMService.allCases {
            let path = analysis.path(of: target, to: service)
            var (state, detail) = pathState(target, service, path)
            let matched = matcher.matching(target: target, vpc: vpc, service: service)
            let ruleIDs = Array(Set(matched.map(\.ruleID))).sorted()
            if matched.contains(where: { $0.level == .error }) {
                state = .broken
            } else if state == .ok && !matched.isEmpty {
                state = .warned
            }
            if state == .broken && !intended && matched.isEmpty { state = .unchecked }
            let shownRules = (state == .broken || state == .warned) ? ruleIDs : []
            for hop in hops(from: node, path, service, targetVPC: vpc, into: &drawing) {
                drawing.addEdge(NetworkGraph.Edge(from: hop.from, to: hop.to, state: state, services: [service],
                                                  ruleIDs: shownRules, detail: detail))
            }
        }
    }

    /// The analysis's verdict on one path, and its reason when it is not plainly open.
    private func pathState(_ target: ComputeTarget, _ service: SSMService, _ path: ServicePath) -> (NetworkGraph.EdgeState, String?) {
        switch path {
        case .none(let reason, _): return (.broken, reason)
        case .unknown(let reason): return (.unknown, reason.reason)
        case .endpoint, .peeredEndpoint, .internet:
            if let endpoint = path.servingEndpoint {
                let acrossTransitGateway = path.peered?.connection.isTransitGateway ?? false
                switch analysis.endpointCoverage(endpoint, for: target, acrossTransitGateway: acrossTransitGateway) {
                case .full: break
                case .none: return (.broken, "the security groups of endpoint \(endpoint.endpoint.id) admit no TCP 443 from the target")
                case .partial(let cidr): return (.unknown, "endpoint \(endpoint.endpoint.id) admits TCP 443 only from \(cidr), part of the target's subnet")
                case .unknown(let reason): return (.unknown, reason.reason)
                }
            }
            switch analysis.egressVerdict(of: target, along: path) {
            case .allowed: return (.ok, nil)
            case .blocked: return (.broken, "the target's security groups let no TCP 443 out")
            case .unknown(let reason): return (.unknown, reason.reason)
            }
        }
    }

    /// The edges one path is drawn as: through a peering connection or transit
    /// gateway to another VPC's endpoint, through a gateway to the public
    /// service, or straight to what the path ends at.
    private func hops(from target: String, _ path: ServicePath, _ service: SSMService, targetVPC: ResourceID?,
                      into drawing: inout Drawing) -> [(from: String, to: String)] {
        switch path {
        case .endpoint(let endpoint):
            return [(target, endpointNode(endpoint, into: &drawing))]
        case .peeredEndpoint(let peered):
            let connection: String
            switch peered.connection {
            case .peering(let id): connection = peeringNode(.declared(id), into: &drawing)
            case .transitGateway(let id, _, _):
                connection = drawing.node(.transitGateway, key: "tgw:\(ResourceRef.declared(id))", home: .top, lines: ["transit gateway \(id)"])
            }
            return [(target, connection), (connection, endpointNode(peered.endpoint, into: &drawing))]
        case .internet(let access):
            let gateway: String
            switch access {
            case .internetGateway(let ref, _):
                let gatewayVPC = targetVPC ?? ref.declaredID.flatMap { vpc(of: $0) }
                gateway = drawing.node(.internetGateway, key: "gw:\(ref)", home: gatewayVPC.map { .vpc($0) } ?? .top,
                                       lines: ["internet gateway \(ref)"])
            case .natGateway(let id, _):
                if let natVPC = vpc(of: id) {
                    gateway = natNode(.declared(id), vpc: natVPC, into: &drawing)
                } else {
                    gateway = drawing.node(.natGateway, key: "nat:\(ResourceRef.declared(id))", home: .top, lines: ["NAT gateway \(id)"])
                }
            case .none, .unknown:
                return [(target, serviceNode(service, into: &drawing))]
            }
            return [(target, gateway), (gateway, serviceNode(service, into: &drawing))]
        case .none(_, let involved):
            // Where the path breaks: the endpoint it was meant to use, else the public service.
            for id in involved {
                if let endpoint = analysis.ssmEndpoints.values.lazy.flatMap({ $0 }).first(where: { $0.endpoint.id == id && $0.service == service }) {
                    return [(target, endpointNode(endpoint, into: &drawing))]
                }
            }
            return [(target, serviceNode(service, into: &drawing))]
        case .unknown:
            return [(target, serviceNode(service, into: &drawing))]
        }
    }
}

/// The graph under construction: nodes by where they are drawn, edges merged
/// when they join the same nodes in the same state.
struct Drawing {
    enum Home: Hashable {
        case top, vpc(ResourceID), subnet(ResourceID)
    }

    struct SubnetEntry {
        var id: ResourceID
        var vpc: ResourceID
        var zone: String
        var lines: [String]
    }

    let prefix: String
    var counter = 0
    var ids: [String: String] = [:]
    var nodes: [Home: [NetworkGraph.Node]] = [:]
    var vpcs: Set<ResourceID> = []
    var subnets: [SubnetEntry] = []
    var edges: [NetworkGraph.Edge] = []
    private var edgeIndex: [String: Int] = [:]

    init(prefix: String) { self.prefix = prefix }

    mutating func node(_ kind: NetworkGraph.NodeKind, key: String, home: Home, lines: [String], flagged: Bool = false) -> String {
        if let id = ids[key] { return id }
        counter += 1
        let id = "\(prefix)\(counter)"
        ids[key] = id
        nodes[home, default: []].append(NetworkGraph.Node(id: id, kind: kind, lines: lines, flagged: flagged))
        return id
    }

    /// Adds an edge, or the edge's services to one that joins the same nodes in the same state.
    mutating func addEdge(_ edge: NetworkGraph.Edge) {
        let key = [edge.from, edge.to, edge.state.rawValue, edge.ruleIDs.joined(separator: ","), edge.state == .route ? (edge.detail ?? "") : ""]
            .joined(separator: "\u{1F}")
        if let index = edgeIndex[key] {
            for service in edge.services where !edges[index].services.contains(service) { edges[index].services.append(service) }
            if edges[index].detail == nil { edges[index].detail = edge.detail }
            return
        }
        edgeIndex[key] = edges.count
        edges.append(edge)
    }

    /// The finished graph: each VPC a cluster of zone clusters of subnet clusters.
    func graph(vpcLabels: (ResourceID) -> [String], drawn: [ResourceID]) -> NetworkGraph {
        var graph = NetworkGraph(nodes: nodes[.top] ?? [], edges: edges)
        let subnetIDs = Set(subnets.map(\.id))
        for case .subnet(let subnet) in nodes.keys where !subnetIDs.contains(subnet) { graph.nodes += nodes[.subnet(subnet)] ?? [] }
        // VPCs drawn, then VPCs that only hold a remote endpoint some path reaches.
        var order = drawn
        for case .vpc(let vpc) in nodes.keys where !order.contains(vpc) { order.append(vpc) }
        let remote = order.filter { !drawn.contains($0) }.sorted()
        order = drawn + remote
        var clusterCount = 0
        func clusterID() -> String {
            clusterCount += 1
            return "\(prefix)c\(clusterCount)"
        }
        for vpc in order {
            var cluster = NetworkGraph.Cluster(id: clusterID(), kind: .vpc, lines: vpcLabels(vpc), nodes: nodes[.vpc(vpc)] ?? [])
            if !drawn.contains(vpc) { cluster.lines.append("(only what the paths reach)") }
            var zones: [String] = []
            for subnet in subnets where subnet.vpc == vpc && !zones.contains(subnet.zone) { zones.append(subnet.zone) }
            for zone in zones.sorted() {
                var zoneCluster = NetworkGraph.Cluster(id: clusterID(), kind: .zone, lines: [zone])
                for subnet in subnets where subnet.vpc == vpc && subnet.zone == zone {
                    zoneCluster.clusters.append(NetworkGraph.Cluster(id: clusterID(), kind: .subnet, lines: subnet.lines,
                                                                    nodes: nodes[.subnet(subnet.id)] ?? []))
                }
                cluster.clusters.append(zoneCluster)
            }
            graph.clusters.append(cluster)
        }
        return graph
    }
}
