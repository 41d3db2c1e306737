import SSMLintEngine

/// The network of one or more inputs as the reachability analysis sees it:
/// VPCs holding their Availability Zones, subnets, gateways and endpoints;
/// the compute targets in their subnets; and each target's path to the
/// Systems Manager services, with the findings of `scan` on the edges that
/// break. Labels are plain text from the input; the writers escape them.
public struct NetworkGraph: Sendable {
    public enum NodeKind: String, Sendable {
        case target, endpoint, internetGateway, natGateway, peering, transitGateway, service, routes
    }

    public struct Node: Sendable {
        /// A synthetic identifier (`n12`): input text never becomes a DOT or Mermaid identifier.
        public var id: String
        public var kind: NodeKind
        public var lines: [String]
        /// Drawn as needing attention (an endpoint whose name does not resolve to it).
        public var flagged: Bool

        public init(id: String, kind: NodeKind, lines: [String], flagged: Bool = false) {
            self.id = id
            self.kind = kind
            self.lines = lines
            self.flagged = flagged
        }
    }

    public struct Cluster: Sendable {
        public enum Kind: String, Sendable { case input, vpc, zone, subnet }

        public var id: String
        public var kind: Kind
        public var lines: [String]
        public var nodes: [Node]
        public var clusters: [Cluster]

        public init(id: String, kind: Kind, lines: [String], nodes: [Node] = [], clusters: [Cluster] = []) {
            self.id = id
            self.kind = kind
            self.lines = lines
            self.nodes = nodes
            self.clusters = clusters
        }

        public var allNodes: [Node] { nodes + clusters.flatMap(\.allNodes) }
    }

    public enum EdgeState: String, Sendable {
        /// The analysis finds the path.
        case ok
        /// The path exists, and a warning of `scan` concerns it (another zone's endpoint, NAT only).
        case warned
        /// The analysis finds no path, or the endpoint or the target's egress blocks it.
        case broken
        /// Something on the way is unknown (a parameter, an undeclared resource).
        case unknown
        /// No path, but the target has no Systems Manager permissions, so the rules do not look at it.
        case unchecked
        /// A subnet's route to a gateway, peering connection or transit gateway.
        case route
    }

    public struct Edge: Sendable {
        public var from: String
        public var to: String
        public var state: EdgeState
        public var services: [SSMService]
        /// The rules of the `scan` findings about this edge.
        public var ruleIDs: [String]
        /// Why, for a tooltip: the analysis's reason for a broken or unknown path.
        public var detail: String?

        public init(from: String, to: String, state: EdgeState, services: [SSMService] = [], ruleIDs: [String] = [], detail: String? = nil) {
            self.from = from
            self.to = to
            self.state = state
            self.services = services
            self.ruleIDs = ruleIDs
            self.detail = detail
        }

        /// `ssm, ssmmessages: SSM014`.
        public var label: String {
            var text = services.map(\.rawValue).joined(separator: ", ")
            switch state {
            case .ok, .route: break
            case .warned, .broken:
                if !ruleIDs.isEmpty { text += (text.isEmpty ? "" : ": ") + ruleIDs.joined(separator: ", ") }
                else if state == .broken { text += (text.isEmpty ? "" : ": ") + "no path" }
            case .unknown: text += (text.isEmpty ? "" : ": ") + "unknown"
            case .unchecked: text += (text.isEmpty ? "" : ": ") + "no path (not checked: no Systems Manager permissions)"
            }
            return text
        }
    }

    public var clusters: [Cluster]
    /// Nodes outside every VPC: the public services, peering connections, transit gateways.
    public var nodes: [Node]
    public var edges: [Edge]

    public init(clusters: [Cluster] = [], nodes: [Node] = [], edges: [Edge] = []) {
        self.clusters = clusters
        self.nodes = nodes
        self.edges = edges
    }

    public var allNodes: [Node] { nodes + clusters.flatMap(\.allNodes) }

    /// Several inputs' graphs as one, each in a cluster named by its file.
    public static func combining(_ graphs: [(title: String, graph: NetworkGraph)], idPrefix: String = "f") -> NetworkGraph {
        if graphs.count == 1 { return graphs[0].graph }
        var combined = NetworkGraph()
        for (index, entry) in graphs.enumerated() {
            combined.clusters.append(Cluster(id: "\(idPrefix)\(index)", kind: .input, lines: [entry.title],
                                             nodes: entry.graph.nodes, clusters: entry.graph.clusters))
            combined.edges += entry.graph.edges
        }
        return combined
    }
}
