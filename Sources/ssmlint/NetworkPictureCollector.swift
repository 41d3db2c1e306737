import Foundation
import SSMLintEngine
import SSMLintGraph
import SSMLintReporters
import SSMLintRules

/// Draws, for the HTML report, each VPC that has findings, while the scan
/// runs (inputs in parallel): the DOT text is made from the input's analysis
/// as soon as its findings are known, so no model is kept; Graphviz then
/// renders them all in one process.
final class NetworkPictureCollector: @unchecked Sendable {
    /// Drawings beyond this many are left out (most errors first): a nightly
    /// audit of a thousand templates would otherwise make a report of tens of megabytes.
    static let limit = 60

    private struct Entry {
        var input: String
        var vpc: String
        var dot: String
        var errors: Int
        var findings: Int
    }

    private let rules: [RuleDefinition]
    private var entries: [Entry] = []
    private let lock = NSLock()

    init(rules: [RuleDefinition]) { self.rules = rules }

    /// Records the drawings of one input (or linked inputs) from its analysis and findings.
    func record(input: String, analysis: NetworkAnalysis, findings: [Finding]) {
        let builder = NetworkGraphBuilder(analysis: analysis, findings: findings, rules: rules)
        var made: [Entry] = []
        for vpc in builder.vpcsWithFindings() {
            let graph = builder.build(vpcs: [vpc])
            let concerning = findings.filter { $0.suppression == nil && !$0.isUnresolved && builder.concerns($0, vpc: vpc) }
            made.append(Entry(input: input, vpc: vpc.rawValue, dot: DOTWriter.write(graph),
                              errors: concerning.filter { $0.level == .error }.count, findings: concerning.count))
        }
        lock.withLock { entries += made }
    }

    /// The drawings, most errors first, rendered by Graphviz.
    func pictures() -> NetworkPictures {
        let all = lock.withLock { entries }
        if all.isEmpty { return NetworkPictures() }
        guard Graphviz.executable() != nil else { return NetworkPictures(unavailable: Graphviz.missing, leftOut: all.count) }
        let chosen = all.sorted { a, b in
            (a.errors, a.findings) != (b.errors, b.findings) ? (a.errors, a.findings) > (b.errors, b.findings)
                : (a.input, a.vpc) < (b.input, b.vpc)
        }.prefix(Self.limit)
        let svgs: [String]
        do {
            svgs = try Graphviz.renderSVG(chosen.map(\.dot))
        } catch {
            return NetworkPictures(unavailable: error.description, leftOut: all.count)
        }
        var pictures: [NetworkPictures.Picture] = []
        for (entry, svg) in zip(chosen, svgs) where Self.isPlainDrawing(svg) {
            pictures.append(NetworkPictures.Picture(input: entry.input, vpc: entry.vpc, svg: Self.withoutIDs(svg)))
        }
        return NetworkPictures(pictures: pictures, leftOut: all.count - pictures.count)
    }

    /// The drawing without its element ids: Graphviz numbers them the same
    /// way in every drawing (graph0, node1, …), which would repeat ids across
    /// the page, and nothing in a drawing refers to them.
    static func withoutIDs(_ svg: String) -> String {
        svg.replacingOccurrences(of: #" id="[^"]*""#, with: "", options: .regularExpression)
    }

    /// Graphviz's drawing of our DOT has no scripts, links or embedded
    /// documents; one that does is not put in the page.
    static func isPlainDrawing(_ svg: String) -> Bool {
        let lower = svg.lowercased()
        return !["<script", "foreignobject", "href", "javascript:", "<iframe", "<object", "<embed"].contains { lower.contains($0) }
    }
}
