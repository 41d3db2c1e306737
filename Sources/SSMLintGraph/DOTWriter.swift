import SSMLintEngine
import SSMLintReporters

/// Writes a `NetworkGraph` in Graphviz's DOT language. Left to right, each VPC
/// a cluster holding one cluster per Availability Zone and one per subnet, so
/// that twenty subnets stack as rows of zones rather than one long line.
/// Broken paths are red and name the rule, unknown ones dashed.
public enum DOTWriter {
    public static func write(_ graph: NetworkGraph, name: String = "ssmlint") -> String {
        var out = "digraph \(name) {\n"
        out += "  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", fontsize=12, nodesep=0.25, ranksep=0.7, labeljust=l];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#5b6b7b\"];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#2e7d32\", fontcolor=\"#1b5e20\"];\n"
        for cluster in graph.clusters { write(cluster, indent: "  ", into: &out) }
        for node in graph.nodes { write(node, indent: "  ", into: &out) }
        for edge in graph.edges {
            var attributes: [String] = []
            let label = edge.label
            if !label.isEmpty { attributes.append("label=\(quoted([label]))") }
            if let detail = edge.detail { attributes.append("tooltip=\(quoted([detail]))") }
            switch edge.state {
            case .ok: break
            case .warned: attributes += ["color=\"#b26a00\"", "fontcolor=\"#8a5100\""]
            case .broken: attributes += ["color=\"#c00000\"", "fontcolor=\"#c00000\"", "penwidth=2"]
            case .unknown: attributes += ["style=dashed", "color=\"#5f5f5f\"", "fontcolor=\"#404040\""]
            case .unchecked: attributes += ["style=dotted", "color=\"#7f7f7f\"", "fontcolor=\"#595959\""]
            case .route: attributes += ["color=\"#a6a6a6\"", "arrowsize=0.6", "weight=0"]
            }
            out += "  \(edge.from) -> \(edge.to) [\(attributes.joined(separator: ", "))];\n"
        }
        out += "}\n"
        return out
    }

    private static func write(_ cluster: NetworkGraph.Cluster, indent: String, into out: inout String) {
        out += "\(indent)subgraph cluster_\(cluster.id) {\n"
        let style: String
        switch cluster.kind {
        case .input: style = "style=\"rounded\"; color=\"#404040\"; fontsize=13"
        case .vpc: style = "style=\"rounded,filled\"; fillcolor=\"#eef4fa\"; color=\"#1f4e79\"; penwidth=1.5; fontsize=12"
        case .zone: style = "style=\"dashed,filled\"; fillcolor=\"#f7f9fc\"; color=\"#7f8c99\"; fontsize=11"
        case .subnet: style = "style=\"rounded,filled\"; fillcolor=\"#ffffff\"; color=\"#8fb0cf\"; fontsize=10"
        }
        out += "\(indent)  label=\(quoted(cluster.lines)); \(style);\n"
        for child in cluster.clusters { write(child, indent: indent + "  ", into: &out) }
        for node in cluster.nodes { write(node, indent: indent + "  ", into: &out) }
        // An empty cluster is not drawn; a subnet without targets still is.
        if cluster.nodes.isEmpty && cluster.clusters.isEmpty {
            out += "\(indent)  \(cluster.id)_empty [label=\"\", shape=point, style=invis];\n"
        }
        out += "\(indent)}\n"
    }

    private static func write(_ node: NetworkGraph.Node, indent: String, into out: inout String) {
        var attributes = ["label=\(quoted(node.lines))"]
        switch node.kind {
        case .target: attributes.append("fillcolor=\"#fff4d6\"")
        case .endpoint:
            attributes += node.flagged ? ["fillcolor=\"#fde9e1\"", "color=\"#c55a11\"", "penwidth=2"] : ["fillcolor=\"#e6f2e0\""]
        case .internetGateway, .natGateway: attributes += ["shape=box", "style=filled", "fillcolor=\"#dce9f5\""]
        case .peering, .transitGateway: attributes += ["shape=box", "style=filled", "fillcolor=\"#e4dff0\""]
        case .service: attributes += ["shape=ellipse", "style=filled", "fillcolor=\"#ececec\""]
        case .routes: attributes += ["shape=note", "style=filled", "fillcolor=\"#fafafa\"", "fontsize=8", "color=\"#b0b0b0\""]
        }
        out += "\(indent)\(node.id) [\(attributes.joined(separator: ", "))];\n"
    }

    /// A DOT string of text lines: control characters shown as escapes (no
    /// line of input text becomes two), backslashes and quotes escaped so no
    /// label can end its string or use DOT's `\N`-style substitutions; lines
    /// joined with DOT's own line break.
    static func quoted(_ lines: [String]) -> String {
        let escaped = lines.map { line in
            var text = ""
            for character in ReportText.oneLine(line) {
                switch character {
                case "\\": text += "\\\\"
                case "\"": text += "\\\""
                default: text.append(character)
                }
            }
            return text
        }
        return "\"" + escaped.joined(separator: "\\n") + "\""
    }
}
