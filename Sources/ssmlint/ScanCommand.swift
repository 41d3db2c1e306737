import ArgumentParser
import Foundation
import SSMLintKit
import SSMLintLoaders
import SSMLintReporters

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan CloudFormation templates (YAML/JSON) and Terraform plan JSON.",
        discussion: """
            Files are recognised by content; directories are searched recursively for .yaml, .yml, \
            .json and .template files; - reads standard input.

            Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 an input \
            could not be read or parsed (the others are still scanned); 64 usage error; 70 internal error.

            Examples:
              ssmlint scan stack.yaml
              ssmlint scan infra/ --format sarif --output ssmlint.sarif --format console
              cat stack.yaml | ssmlint scan - --only SSM006
            """)

    @Argument(help: ArgumentHelp("Files or directories to scan; - for standard input.", valueName: "path"))
    var paths: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("Report format: console, sarif, junit or json. Repeatable; each may be followed by its own --output.", valueName: "format"))
    var format: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("File for the preceding --format (written atomically). Without it the report goes to standard output.", valueName: "file"))
    var output: [String] = []

    @Option(name: .customLong("only"), help: ArgumentHelp("Run only these rules (IDs or slugs, repeatable or comma-separated).", valueName: "rule"))
    var only: [String] = []

    @Option(name: .customLong("enable"), help: ArgumentHelp("Run these rules even if disabled.", valueName: "rule"))
    var enable: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Do not run these rules.", valueName: "rule"))
    var disable: [String] = []

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Lowest level that makes the scan exit 1: error, warning, note or never.", valueName: "level"))
    var failOn: String = "error"

    @Option(name: .customLong("parameter"), help: ArgumentHelp("Override a CloudFormation parameter (repeatable).", valueName: "key=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("Deployment Region (fixes AWS::Region; otherwise it stays symbolic).", valueName: "region"))
    var region: String?

    @Flag(name: .customLong("show-unresolved"), help: "Emit a note for every check that stayed silent because a value is unknown.")
    var showUnresolved = false

    @Flag(name: .customLong("all-instances"), help: "Check connectivity for every instance, also those without an SSM instance profile (accounts using Default Host Management Configuration).")
    var allInstances = false

    @Option(help: ArgumentHelp("Directory that report paths are relative to (default: the current directory).", valueName: "dir"))
    var root: String?

    @Flag(name: .customLong("no-color"), help: "Never colour console output (NO_COLOR is honoured too).")
    var noColor = false

    @Option(name: .customLong("max-input-size"), help: ArgumentHelp("Largest input read, e.g. 64M or 1G; a larger one is an input error.", valueName: "size"))
    var maxInputSize = InputSizeLimit.default

    @OptionGroup var packs: PackOptions

    func validate() throws {
        guard FailureThreshold(rawValue: failOn.lowercased()) != nil else {
            throw ValidationError("--fail-on must be error, warning, note or never")
        }
        for parameter in parameters where !parameter.contains("=") {
            throw ValidationError("--parameter expects KEY=VALUE, got '\(parameter)'")
        }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (standard input) may be given once") }
    }

    func run() throws {
        let catalogue = try packs.catalogue()
        let plan: OutputPlan
        let selected: [RuleDefinition]
        do {
            plan = try OutputPlan.parse(Array(CommandLine.arguments.dropFirst()))
            selected = try RuleSelection(only: only, enable: enable, disable: disable).apply(to: catalogue.definitions)
        } catch {
            throw ValidationError("\(error)")
        }
        let rootDirectory = root.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? FileManager.default.currentDirectoryPath
        let inputs = InputCollector(root: rootDirectory).collect(paths)
        let destinations: ReportDestinations
        do {
            destinations = try ReportDestinations(plan: plan, inputs: inputs)
        } catch {
            FileHandle.standardError.write(Data("ssmlint: error: \(TerminalText.escaped(error.description))\n".utf8))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        defer { destinations.discard() }
        let ids = Set(selected.map(\.id))
        let engine = Engine(rules: catalogue.rules.filter { ids.contains($0.definition.id) },
                            options: Engine.Options(showUnresolved: showUnresolved))
        var overrides: [String: String] = [:]
        for parameter in parameters {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            overrides[String(parts[0])] = String(parts[1])
        }
        let pipeline = ScanPipeline(
            engine: engine, options: LoadOptions(parameters: overrides, region: region),
            analysis: NetworkAnalysis.Options(includeTargetsWithoutPermissions: allInstances), sizeLimit: maxInputSize)
        let stdin = paths.contains("-") ? InputReader.readStandardInput(limit: maxInputSize) : nil
        let outcomes = pipeline.scan(inputs, stdin: stdin)
        if outcomes.isEmpty {
            throw ValidationError("no scannable files found in \(paths.joined(separator: ", "))")
        }

        let run = ScanRun(
            tool: ToolInfo(name: "ssmlint", version: SSMLint.version, informationURI: "https://github.com/ssmlint/ssmlint"),
            rules: selected, inputs: outcomes, failOn: FailureThreshold(rawValue: failOn.lowercased())!)
        let consoleOnStdout = plan.targets.contains { $0.format == .console && $0.path == nil }
        if !consoleOnStdout { reportFailuresOnStandardError(run) }
        let color = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
        for target in plan.targets {
            let reporter = Reporters.make(target.format, color: color && target.path == nil, root: rootDirectory)
            let text: String
            do {
                text = try reporter.render(run)
            } catch {
                FileHandle.standardError.write(Data("ssmlint: error: cannot render the \(target.format.rawValue) report: \(error)\n".utf8))
                throw ExitCode(ExitStatus.internalError.rawValue)
            }
            if let path = target.path {
                do {
                    try destinations.write(text, to: path)
                } catch {
                    FileHandle.standardError.write(Data("ssmlint: error: \(TerminalText.escaped(error.description))\n".utf8))
                    throw ExitCode(ExitStatus.internalError.rawValue)
                }
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
        let status = run.exitStatus
        if status != .success { throw ExitCode(status.rawValue) }
    }

    private func reportFailuresOnStandardError(_ run: ScanRun) {
        var text = ""
        for input in run.inputs {
            guard let failure = input.failure else { continue }
            let position = failure.position.map { ":\($0.line):\($0.column)" } ?? ""
            text += TerminalText.escaped("\(input.path)\(position): error: \(failure.message)") + "\n"
        }
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
