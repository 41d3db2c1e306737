import ArgumentParser
import Foundation
import SSMLintEngine
import SSMLintGraph
import SSMLintLoaders
import SSMLintReporters
import SSMLintRules

/// Draws the network as the reachability analysis sees it, with each compute
/// target's path to ssm, ssmmessages and ec2messages; paths that break are
/// red and name the rule of the `scan` finding about them.
struct GraphCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case dot, mermaid, svg
    }

    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw the network and each instance's path to Systems Manager (DOT, Mermaid or SVG).",
        discussion: """
            VPCs are drawn as boxes holding one box per Availability Zone and one per subnet, \
            with the subnet's route table, its gateways, the Systems Manager endpoints (and \
            whether their name resolves to them) and the compute targets. Each target's path to \
            ssm, ssmmessages and ec2messages is an arrow: green when open, red and labelled with \
            the rule ID of the scan finding when broken, dashed when something on the way is \
            unknown. Findings are those of `ssmlint scan` with the built-in rules and their \
            default settings.

            --format svg needs Graphviz (Debian and Ubuntu: apt-get install graphviz); without it \
            ssmlint says so and writes DOT instead.

            Examples:
              ssmlint graph stack.yaml --format svg --output network.svg
              ssmlint graph plan.json --format mermaid
              ssmlint graph stack.yaml | dot -Tpng -o network.png
            """)

    @Argument(help: ArgumentHelp("CloudFormation templates or Terraform plans; - for standard input.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("dot (default), mermaid or svg.", valueName: "format"))
    var format: Format = .dot

    @Option(help: ArgumentHelp("Write the picture to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup(title: "Model") var analysis: AnalysisOptions

    func validate() throws {
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (standard input) may be given once") }
    }

    func run() throws {
        var raw = RawArguments()
        let paths = files.map { $0 == "-" ? nil : raw.bytes(of: $0) }
        let destination: ReportFile?
        if let output {
            do {
                // Checked and opened before anything is read; never one of the inputs.
                let checked = try OutputPathPolicy.check(output, role: "graph file")
                let inputs = zip(files, paths).compactMap { file, path in
                    (path.map(OutputPathPolicy.identity(ofInput:)) ?? OutputPathPolicy.identityOfStandardInput()).map { (display: file, identity: $0) }
                }
                try OutputPathPolicy.checkNotInput([(output, checked.identity)], inputs: inputs)
                destination = try ReportFile(path: output, target: checked.target)
            } catch {
                throw UsageFailure.exit(ReportText.oneLine("\(error)"))
            }
        } else {
            destination = nil
        }
        defer { destination?.discard() }
        let options = try analysis.loadOptions()
        var graphs: [(title: String, graph: NetworkGraph)] = []
        var failed = false
        for (index, file) in files.enumerated() {
            let read = paths[index].map { InputReader.read(path: $0, origin: .named, limit: .default) }
                ?? InputReader.readStandardInput(limit: .default)
            let bytes: [UInt8]
            switch read {
            case .success(let contents): bytes = contents
            case .failure(let failure):
                FileHandle.standardError.write(Data((ReportText.oneLine("\(file): error: \(failure.message)") + "\n").utf8))
                failed = true
                continue
            }
            switch InputLoader.load(bytes: bytes, file: file, options: options) {
            case .failure(let error):
                FileHandle.standardError.write(Data("\(ReportText.oneLine(error.description))\n".utf8))
                failed = true
            case .success(let loaded):
                let context = RuleContext(model: loaded.model, analysis: analysis.networkOptions)
                let findings = Engine(rules: BuiltInRules.all).run(context).findings
                let builder = NetworkGraphBuilder(analysis: context.analysis, findings: findings,
                                                  rules: BuiltInRules.all.map(\.definition), idPrefix: "i\(index)n")
                graphs.append((file, builder.build()))
            }
        }
        if !graphs.isEmpty {
            let graph = NetworkGraph.combining(graphs)
            var text: String
            switch format {
            case .dot: text = DOTWriter.write(graph)
            case .mermaid: text = MermaidWriter.write(graph)
            case .svg:
                text = DOTWriter.write(graph)
                do {
                    text = try Graphviz.renderSVG([text])[0] + "\n"
                } catch {
                    FileHandle.standardError.write(Data("ssmlint: \(ReportText.oneLine(error.description)); writing DOT instead of SVG\n".utf8))
                }
            }
            if let destination {
                do {
                    try destination.write(text)
                } catch {
                    FileHandle.standardError.write(Data("ssmlint: error: \(ReportText.oneLine(error.description))\n".utf8))
                    throw ExitCode(ExitStatus.internalError.rawValue)
                }
            } else {
                try StandardStreams.writeOutput { $0.append(text) }
            }
        }
        if failed { throw ExitCode(ExitStatus.inputError.rawValue) }
    }
}
