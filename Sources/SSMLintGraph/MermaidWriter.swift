import SSMLintEngine
import SSMLintReporters

/// Writes a `NetworkGraph` as a Mermaid flowchart (GitHub and GitLab render it
/// in Markdown). Broken paths are thick red links naming the rule, unknown
/// ones dotted grey.
public enum MermaidWriter {
    public static func write(_ graph: NetworkGraph) -> String {
        var out = "flowchart LR\n"
        for cluster in graph.clusters { write(cluster, indent: "  ", into: &out) }
        for node in graph.nodes { out += "  \(node.id)[\(quoted(node.lines))]:::\(node.flagged ? "flagged" : node.kind.rawValue)\n" }
        var styles: [String] = []
        for (index, edge) in graph.edges.enumerated() {
            let arrow: String
            switch edge.state {
            case .ok, .warned: arrow = "-->"
            case .broken: arrow = "==>"
            case .unknown, .unchecked, .route: arrow = "-.->"
            }
            let label = edge.label
            out += "  \(edge.from) \(arrow)\(label.isEmpty ? "" : "|\(quoted([label]))|") \(edge.to)\n"
            switch edge.state {
            case .ok: styles.append("  linkStyle \(index) stroke:#2e7d32\n")
            case .warned: styles.append("  linkStyle \(index) stroke:#b26a00,color:#8a5100\n")
            case .broken: styles.append("  linkStyle \(index) stroke:#c00000,stroke-width:3px,color:#c00000\n")
            case .unknown: styles.append("  linkStyle \(index) stroke:#5f5f5f,stroke-dasharray:6 4\n")
            case .unchecked: styles.append("  linkStyle \(index) stroke:#7f7f7f,stroke-dasharray:2 3\n")
            case .route: styles.append("  linkStyle \(index) stroke:#a6a6a6\n")
            }
        }
        out += styles.joined()
        out += """
              classDef target fill:#fff4d6,stroke:#5b6b7b
              classDef endpoint fill:#e6f2e0,stroke:#5b6b7b
              classDef flagged fill:#fde9e1,stroke:#c55a11,stroke-width:2px
              classDef internetGateway fill:#dce9f5,stroke:#5b6b7b
              classDef natGateway fill:#dce9f5,stroke:#5b6b7b
              classDef peering fill:#e4dff0,stroke:#5b6b7b
              classDef transitGateway fill:#e4dff0,stroke:#5b6b7b
              classDef service fill:#ececec,stroke:#5b6b7b
              classDef routes fill:#fafafa,stroke:#b0b0b0,font-size:10px

            """
        return out
    }

    private static func write(_ cluster: NetworkGraph.Cluster, indent: String, into out: inout String) {
        out += "\(indent)subgraph \(cluster.id)[\(quoted(cluster.lines))]\n"
        for child in cluster.clusters { write(child, indent: indent + "  ", into: &out) }
        for node in cluster.nodes {
            out += "\(indent)  \(node.id)[\(quoted(node.lines))]:::\(node.flagged ? "flagged" : node.kind.rawValue)\n"
        }
        out += "\(indent)end\n"
    }

    /// A Mermaid quoted label: every character that is not a letter, digit,
    /// space or plain punctuation becomes an entity code (`#34;`), so input text
    /// cannot close the label, open a link, comment or subgraph, or inject
    /// markup; lines joined with `<br/>`.
    static func quoted(_ lines: [String]) -> String {
        let escaped = lines.map { line in
            var text = ""
            for scalar in ReportText.oneLine(line).unicodeScalars {
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", " ", ".", ",", "-", "_", ":", "/", "=", "+", "*", "?", "!", "@", "'":
                    text.unicodeScalars.append(scalar)
                default:
                    text += "#\(scalar.value);"
                }
            }
            return text
        }
        return "\"" + escaped.joined(separator: "<br/>") + "\""
    }
}
