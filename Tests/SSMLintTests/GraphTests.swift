import Foundation
import SSMLintEngine
import SSMLintGraph
import SSMLintRules
import Testing

/// `ssmlint graph`: the picture is the analysis's, and every path drawn as
/// broken carries the rule of a real `scan` finding about it.
@Suite("Network graph")
struct GraphTests {
    struct Drawn {
        var graph: NetworkGraph
        var findings: [Finding]
        var builder: NetworkGraphBuilder

        func node(_ id: String) -> NetworkGraph.Node? { graph.allNodes.first { $0.id == id } }
        func name(_ id: String) -> String { node(id)?.lines.first ?? id }
        /// `instance X -> endpoint Y [ssm] broken SSM019`, one line per edge between named nodes.
        var edges: [String] {
            graph.edges.filter { $0.state != .route }.map { edge in
                "\(name(edge.from)) -> \(name(edge.to)) [\(edge.services.map(\.rawValue).joined(separator: ","))] \(edge.state.rawValue)"
                    + (edge.ruleIDs.isEmpty ? "" : " " + edge.ruleIDs.joined(separator: ","))
            }
        }
    }

    static func draw(_ file: String) throws -> Drawn {
        let url = Paths.fixtures.appendingPathComponent("seeds/\(file)")
        let loaded = try Scan.load(try String(contentsOf: url, encoding: .utf8), file: file)
        let context = RuleContext(model: loaded.model)
        let findings = Engine(rules: BuiltInRules.all).run(context).findings
        let builder = NetworkGraphBuilder(analysis: context.analysis, findings: findings, rules: BuiltInRules.definitions)
        return Drawn(graph: builder.build(), findings: findings, builder: builder)
    }

    /// Every seed fixture, CloudFormation and Terraform: a new design is drawn and checked without being listed here.
    static let seeds: [String] = {
        let directory = Paths.fixtures.appendingPathComponent("seeds")
        let manager = FileManager.default
        let templates = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".yaml") }
        let plans = ((try? manager.contentsOfDirectory(atPath: directory.appendingPathComponent("terraform").path)) ?? [])
            .map { "terraform/\($0)/plan.json" }
            .filter { manager.fileExists(atPath: directory.appendingPathComponent($0).path) }
        return (templates + plans).sorted()
    }()

    @Test("the seed fixtures are all drawn")
    func allSeeds() {
        #expect(Self.seeds.count >= 26)
        #expect(Self.seeds.contains("seed003-eic-endpoint.yaml"))
        #expect(Self.seeds.contains("terraform/seed003-eic-endpoint/plan.json"))
    }

    @Test("an EC2 Instance Connect finding never labels a Session Manager path")
    func instanceConnectFindingsStayOffSessionManagerEdges() throws {
        let seed = Paths.fixtures.appendingPathComponent("seeds/seed003-eic-preserve-on-vpc-cidr.yaml").path
        let scan = try CLI.run(["scan", seed, "--format", "json"])
        #expect(scan.stdout.contains("\"SSM021\""), "the fixture has an SSM021 finding on the instance")
        let dot = try CLI.run(["graph", seed, "--format", "dot"])
        #expect(dot.status == 0)
        #expect(!dot.stdout.contains("SSM021"))
    }

    @Test("every broken or warned path names the rule of a scan finding about that target", arguments: seeds)
    func brokenEdgesMatchFindings(_ file: String) throws {
        let drawn = try Self.draw(file)
        let ids = Set(drawn.graph.allNodes.map(\.id))
        for edge in drawn.graph.edges {
            #expect(ids.contains(edge.from) && ids.contains(edge.to), "dangling edge \(edge.from) -> \(edge.to)")
            guard edge.state == .broken || edge.state == .warned else { continue }
            #expect(!edge.ruleIDs.isEmpty, "\(file): \(drawn.name(edge.from)) -> \(drawn.name(edge.to)) is \(edge.state) without a finding")
            // The target at the start of the path (or before the peering node) is named by the finding.
            let target = drawn.graph.edges.first { $0.to == edge.from && drawn.node($0.from)?.kind == .target }?.from ?? edge.from
            let targetID = ResourceID(String(drawn.name(target).split(separator: " ").last!))
            let vpc = drawn.builder.vpc(of: targetID)
            for rule in edge.ruleIDs {
                let real = drawn.findings.filter { $0.ruleID == rule && !$0.isUnresolved }
                #expect(real.contains { $0.resource == targetID || $0.related.contains { $0.resource == targetID } || $0.resource == vpc },
                        "\(file): \(rule) on a path of \(targetID) but no \(rule) finding is about it")
            }
        }
    }

    @Test("seed 000: the zone without an endpoint is a warned path (SSM004) from that zone's instance only")
    func seed000() throws {
        let drawn = try Self.draw("seed000-three-az-experiment.yaml")
        #expect(drawn.edges.contains("instance InstancePrivateD -> endpoint SSMEndpoint [ssm] warned SSM004"))
        #expect(drawn.edges.contains("instance InstancePrivateA -> endpoint SSMEndpoint [ssm] ok"))
        #expect(!drawn.edges.contains { $0.contains("broken") })
        let zones = drawn.graph.clusters.flatMap(\.clusters).filter { $0.kind == .zone }.map { $0.lines[0] }
        #expect(zones.count >= 3 && zones.allSatisfy { $0.hasPrefix("Availability Zone ") })
    }

    @Test("seed 001: with the hosted zones the spoke reaches the hub's endpoints through the peering; without them SSM009")
    func seed001() throws {
        let peered = try Self.draw("seed001-hub-spoke-peering.yaml")
        #expect(peered.edges.contains("instance UserVPCEC2SubA -> peering SharedUserPeering [ssm,ssmmessages,ec2messages] ok"))
        #expect(peered.edges.contains("peering SharedUserPeering -> endpoint SSMEndpoint [ssm] ok"))
        #expect(!peered.edges.contains { $0.contains("broken") })
        let before = try Self.draw("seed001-hub-spoke-before-phz.yaml")
        let broken = before.edges.filter { $0.hasPrefix("instance UserVPCEC2SubA") && $0.contains("broken") }
        #expect(broken.count == 3 && broken.allSatisfy { $0.hasSuffix("broken SSM009") }, "\(before.edges)")
        let noReturn = try Self.draw("seed001-hub-spoke-missing-return-route.yaml")
        #expect(noReturn.edges.contains("instance UserVPCEC2SubA -> endpoint SSMEndpoint [ssm] broken SSM019"))
        // The hub's own instance is unaffected.
        #expect(noReturn.edges.contains("instance SharedVPCEC2SubA -> endpoint SSMEndpoint [ssm] ok"))
    }

    @Test("seeds 002 and 004: no route out and no endpoint is SSM014; a missing ssmmessages endpoint breaks only that service")
    func seed002and004() throws {
        let minus = try Self.draw("seed002-minus-endpoints.yaml")
        #expect(minus.edges.contains { $0.hasPrefix("instance Instance2 -> ") && $0.hasSuffix("broken SSM014") })
        #expect(minus.edges.contains("instance Instance1 -> internet gateway IGW [ssm,ssmmessages,ec2messages] ok"))
        let noMessages = try Self.draw("seed004-without-ssmmessages.yaml")
        #expect(noMessages.edges.contains { $0.contains("[ssmmessages] broken SSM002") })
        #expect(noMessages.edges.contains("instance Instance -> endpoint SSMEndpoint [ssm] ok"))
    }

    @Test("DOT: VPC, zone and subnet clusters, broken edges red with the rule, unknown dashed; Graphviz reads it")
    func dot() throws {
        let drawn = try Self.draw("seed001-hub-spoke-missing-return-route.yaml")
        let dot = DOTWriter.write(drawn.graph)
        #expect(dot.hasPrefix("digraph ssmlint {"))
        #expect(dot.contains("label=\"VPC SharedVPC\\n172.16.0.0/16\""))
        #expect(dot.contains("label=\"Availability Zone ap-northeast-1a\""))
        let red = dot.split(separator: "\n").filter { $0.contains("color=\"#c00000\"") }
        #expect(red.count == 3 && red.allSatisfy { $0.contains("SSM019") })
        if Graphviz.executable() != nil {
            let svg = try Graphviz.renderSVG([dot])
            #expect(svg.count == 1 && svg[0].hasPrefix("<svg") && svg[0].contains("SSM019"))
        }
        var unknown = NetworkGraph(nodes: [.init(id: "a", kind: .target, lines: ["x"]), .init(id: "b", kind: .service, lines: ["y"])])
        unknown.edges = [.init(from: "a", to: "b", state: .unknown, services: [.ssm])]
        #expect(DOTWriter.write(unknown).contains("a -> b [label=\"ssm: unknown\", style=dashed"))
    }

    @Test("Graphviz draws a graph the same way every time, however many graphs one report draws",
          .enabled(if: Graphviz.executable() != nil, "needs Graphviz (scripts/install-dependencies installs it)"))
    func reproducibleDrawings() throws {
        // Three zones and their subnets: drawn several to one dot process,
        // Graphviz 2.43 put the clusters of all but the first in a different
        // order from run to run.
        let dot = DOTWriter.write(try Self.draw("seed000-three-az-experiment.yaml").graph)
        let alone = try Graphviz.renderSVG([dot])
        let together = try Graphviz.renderSVG(Array(repeating: dot, count: 6))
        #expect(together.count == 6)
        for (index, drawing) in together.enumerated() { #expect(drawing == alone[0], "drawing \(index + 1) of 6") }
        #expect(try Graphviz.renderSVG(Array(repeating: dot, count: 6)) == together)
    }

    @Test("Mermaid: subgraphs close, broken links thick and red with the rule")
    func mermaid() throws {
        let drawn = try Self.draw("seed001-hub-spoke-before-phz.yaml")
        let text = MermaidWriter.write(drawn.graph)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "flowchart LR")
        #expect(lines.filter { $0.hasPrefix("subgraph ") }.count == lines.filter { $0 == "end" }.count)
        let broken = lines.filter { $0.contains(" ==>|") }
        #expect(broken.count == 3 && broken.allSatisfy { $0.contains("SSM009") })
        for line in lines where line.contains(" ==>|") {
            let index = lines.filter { $0.contains("-->") || $0.contains("==>") || $0.contains("-.->") }.firstIndex(of: line)!
            #expect(lines.contains("linkStyle \(index) stroke:#c00000,stroke-width:3px,color:#c00000"))
        }
    }

    static let hostile = "Web\"]] end %% <script>alert(1)</script>\n|x|{y}(z)\\N;#quot;`'&"

    @Test("hostile names cannot break out of a DOT or Mermaid label")
    func escaping() throws {
        var graph = NetworkGraph(clusters: [.init(id: "c1", kind: .vpc, lines: ["VPC " + Self.hostile],
                                                  nodes: [.init(id: "n1", kind: .target, lines: ["instance " + Self.hostile])])],
                                 nodes: [.init(id: "n2", kind: .service, lines: [Self.hostile])])
        graph.edges = [.init(from: "n1", to: "n2", state: .broken, services: [.ssm], ruleIDs: ["SSM014"], detail: Self.hostile)]
        let dot = DOTWriter.write(graph)
        // Each label is one quoted string: the quote is escaped, the line break shown, the backslash doubled.
        #expect(dot.contains(#"Web\"]] end %% <script>alert(1)</script>\\n|x|{y}(z)\\N;#quot;`'&"#))
        #expect(!dot.contains("\n|x|"))
        let mermaid = MermaidWriter.write(graph)
        for line in mermaid.split(separator: "\n") where line.contains("[\"") {
            let label = line[line.range(of: "[\"")!.upperBound...].dropLast(line.hasSuffix("]") ? 2 : 0)
            #expect(!label.contains("]]") && !label.contains("<script") && !label.contains("%%") && !label.contains("|"))
        }
        #expect(mermaid.contains("Web#34;#93;#93; end #37;#37; #60;script#62;"))
        #expect(mermaid.split(separator: "\n").filter { $0.contains("subgraph") }.count == 1)
        if Graphviz.executable() != nil {
            let svg = try Graphviz.renderSVG([dot])[0]
            #expect(!svg.contains("<script"))
            #expect(svg.contains("&lt;script&gt;"))
            #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == 2)
        }
    }

    @Test("hostile logical IDs from a real template stay inside their labels in DOT, Mermaid and SVG")
    func hostileTemplate() throws {
        let directory = try Workspace.make(["stack.yaml": #"""
            Resources:
              VPC:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.0.0.0/16}
              "Sub\"net]] end %% <script>x</script>\n|y|":
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.1.0/24, AvailabilityZone: "a\"z<b>"}
              "Web\"<i>]]\\N":
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-12345678, SubnetId: !Ref "Sub\"net]] end %% <script>x</script>\n|y|"}
            """#])
        let dot = try CLI.run(["graph", "stack.yaml"], directory: directory)
        #expect(dot.status == 0)
        #expect(dot.stdout.contains(#"label="subnet Sub\"net]] end %% <script>x</script>\\n|y|\n10.0.1.0/24""#))
        #expect(dot.stdout.contains(#"[label="instance Web\"<i>]]\\N", fillcolor"#))
        let mermaid = try CLI.run(["graph", "stack.yaml", "--format", "mermaid"], directory: directory)
        #expect(mermaid.stdout.contains("subgraph i0nc3[\"subnet Sub#34;net#93;#93; end #37;#37; #60;script#62;x#60;/script#62;#92;n#124;y#124;<br/>10.0.1.0/24\"]"))
        #expect(mermaid.stdout.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces) == "end" }.count == 3)
        if Graphviz.executable() != nil {
            let svg = try CLI.run(["graph", "stack.yaml", "--format", "svg"], directory: directory)
            #expect(svg.status == 0 && svg.stdout.hasPrefix("<svg") && !svg.stdout.contains("<script") && !svg.stdout.contains("<i>"))
        }
    }

    @Test("ssmlint graph: DOT by default, one line per unreadable input and exit 2, DOT with a note when Graphviz is missing")
    func command() throws {
        let seed = Paths.fixtures.appendingPathComponent("seeds/seed002-minus-endpoints.yaml").path
        let dot = try CLI.run(["graph", seed])
        #expect(dot.status == 0 && dot.stdout.hasPrefix("digraph ssmlint {") && dot.stdout.contains("SSM014"))
        let missing = try CLI.run(["graph", seed, "/nonexistent/stack.yaml"])
        #expect(missing.status == 2 && missing.stdout.contains("SSM014"))
        #expect(missing.stderr.split(separator: "\n").count == 1 && missing.stderr.contains("/nonexistent/stack.yaml"))
        let empty = try CLI.temporaryDirectory()
        let noGraphviz = try CLI.run(["graph", seed, "--format", "svg"], environment: ["PATH": empty.path])
        #expect(noGraphviz.status == 0 && noGraphviz.stdout.hasPrefix("digraph ssmlint {"))
        #expect(noGraphviz.stderr.contains("Graphviz is not installed") && noGraphviz.stderr.contains("writing DOT instead"))
        let mermaid = try CLI.run(["graph", seed, "--format", "mermaid"])
        #expect(mermaid.status == 0 && mermaid.stdout.hasPrefix("flowchart LR"))
        let directory = try Workspace.make(["stack.yaml": try String(contentsOfFile: seed, encoding: .utf8)])
        let written = try CLI.run(["graph", "stack.yaml", "--output", "network.dot"], directory: directory)
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOf: directory.appendingPathComponent("network.dot"), encoding: .utf8).contains("SSM014"))
        let overwrite = try CLI.run(["graph", "stack.yaml", "--output", "stack.yaml"], directory: directory)
        #expect(overwrite.status == 64 && overwrite.stderr.contains("is also an input"))
        #expect(try String(contentsOf: directory.appendingPathComponent("stack.yaml"), encoding: .utf8).hasPrefix(try String(contentsOfFile: seed, encoding: .utf8)))
    }
}
