import ArgumentParser
import Foundation
import SSMLintEngine
import SSMLintPacks
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
              ssmlint scan infra/ --format console --format sarif=ssmlint.sarif
              ssmlint scan infra/ --format github --format markdown="$GITHUB_STEP_SUMMARY"
              cat stack.yaml | ssmlint scan - --only SSM006
            """)

    @Argument(help: ArgumentHelp("Files or directories to scan; - for standard input.", valueName: "path"))
    var paths: [String]

    @OptionGroup(title: "Reports") var reports: ReportOptions
    @OptionGroup(title: "Rules") var selection: RuleSelectionOptions
    @OptionGroup(title: "Model") var analysis: AnalysisOptions
    @OptionGroup(title: "Baseline") var baseline: BaselineOptions
    @OptionGroup(title: "Configuration") var configuration: ConfigurationOptions

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out files and directories matching this glob, relative to the report root (repeatable; ** crosses directories).", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .customLong("terraform-source"), help: ArgumentHelp("The Terraform configuration the plans were made from: findings are shown on the lines of its .tf files (default: a plan's own directory when it holds .tf files).", valueName: "dir"))
    var terraformSource: String?

    @Option(name: .customLong("stack-name"), help: ArgumentHelp("The CloudFormation stack name a template is deployed as (fixes AWS::StackName, so that exports named with it link to the templates importing them; repeatable).", valueName: "file=name"))
    var stackNames: [ParameterAssignment] = []

    @Flag(name: .customLong("skip-non-templates"), help: "Skip files named on the command line that are not templates or plans, as a directory scan does, instead of reporting them as input errors (for pre-commit and tools that pass every changed file).")
    var skipNonTemplates = false

    @Flag(name: .customLong("show-unresolved"), help: "Emit a note for every check that stayed silent because a value is unknown.")
    var showUnresolved = false

    @Option(help: ArgumentHelp("Directory that report paths are relative to (default: the git repository root of the first input, else the current directory).", valueName: "dir"))
    var root: String?

    @Option(name: .customLong("max-input-size"), help: ArgumentHelp("Largest input read, e.g. 64M or 1G; a larger one is an input error.", valueName: "size"))
    var maxInputSize = InputSizeLimit.default

    @OptionGroup(title: "Rule packs") var packs: PackOptions

    func validate() throws {
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (standard input) may be given once") }
        for pattern in exclude {
            do { _ = try Glob(pattern) } catch { throw ValidationError("--exclude \(error.description)") }
        }
    }

    func run() throws {
        let rootDirectory = root.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? paths.first(where: { $0 != "-" }).flatMap(RepositoryRoot.find) ?? FileManager.default.currentDirectoryPath
        var collector = InputCollector(root: rootDirectory)
        let config = try configuration.load(display: collector.display)
        let catalogue = try packs.catalogue(extraDirectories: config?.rulePacks ?? [])
        let plan = try reports.plan()
        let selected = try ScanSettings.selectRules(selection, config: config, catalogue: catalogue)
        collector.excludes = try exclude.map { try Glob($0) } + (config?.exclude ?? [])
        var inputs = collector.collect(paths)
        if skipNonTemplates {
            for index in inputs.indices where inputs[index].path != nil { inputs[index].origin = .discovered }
        }
        // Every file written is checked and opened before anything is scanned.
        let destinations: ReportDestinations
        do {
            destinations = try ReportDestinations(plan: plan, inputs: inputs, baseline: baseline.write)
        } catch {
            throw UsageFailure.exit(ReportText.oneLine(error.description))
        }
        defer { destinations.discard() }
        let ids = Set(selected.map(\.id))
        let engine = Engine(rules: catalogue.rules.filter { ids.contains($0.id) }.map(ScanSettings.overriding(selected)),
                            options: Engine.Options(showUnresolved: showUnresolved || config?.showUnresolved == true))
        var networkOptions = analysis.networkOptions
        if config?.allInstances == true { networkOptions.includeTargetsWithoutPermissions = true }
        var commandLine = try analysis.loadOptions()
        commandLine.keepsResourceProperties = engine.readsResourceProperties
        let cli = commandLine
        let shown = collector
        let stackNames = Dictionary(stackNames.map { (shown.display($0.key), $0.value) }) { _, later in later }
        var pipeline = ScanPipeline(
            engine: engine,
            options: { path in ScanSettings.loadOptions(for: path, cli: cli, stackName: stackNames[path], config: config) },
            analysis: networkOptions,
            suppressions: SuppressionPolicy(configured: try ScanSettings.checkedSuppressions(config, catalogue: catalogue),
                                            rules: catalogue.definitions),
            terraformSources: TerraformSourceLocator(
                directory: try ScanSettings.terraformSource(option: terraformSource, config: config),
                root: rootDirectory, display: { shown.display($0) }),
            rootDirectory: rootDirectory, sizeLimit: maxInputSize)
        var drawings: NetworkPictureCollector?
        if plan.targets.contains(where: { $0.format == .html }) {
            let collector = NetworkPictureCollector(rules: catalogue.definitions)
            pipeline.observe = { collector.record(input: $0, analysis: $1, findings: $2) }
            drawings = collector
        }
        let stdin = paths.contains("-") ? InputReader.readStandardInput(limit: maxInputSize) : nil
        let (outcomes, skipped) = pipeline.scan(inputs, stdin: stdin)
        if outcomes.isEmpty && skipped.isEmpty {
            throw ValidationError("no scannable files found in \(paths.joined(separator: ", "))")
        }

        var run = ScanRun(
            tool: ToolInfo(name: "ssmlint", version: SSMLint.version, informationURI: ProjectLinks.repository),
            rules: selected, inputs: outcomes, failOn: reports.failOn ?? config?.failOn ?? .error,
            failOnInputError: reports.failOnInputError ?? config?.failOnInputError ?? true, skipped: skipped)
        if let file = baseline.read ?? config?.baseline {
            run.baselineAbsent = try ScanSettings.readBaseline(file).compare(&run)
        }
        if let file = baseline.compare {
            var comparison = try ScanSettings.readComparison(file, display: file)
            comparison.compare(&run)
            run.comparison = comparison
        }
        if let file = baseline.write {
            try write(Baseline(run: run).serialized(), to: file, through: destinations)
        }
        // The github format prints the console report after its annotations.
        let consoleOnStdout = plan.targets.contains { [.console, .github].contains($0.format) && $0.path == nil }
        if !consoleOnStdout { reportFailuresOnStandardError(run) }
        let pictures = drawings?.pictures()
        let color = !reports.noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
        for target in plan.targets {
            let settings = ReportSettings(
                color: color && target.path == nil, root: rootDirectory, showSuppressed: reports.showSuppressed,
                verbose: reports.verbose, sarifIncludeSuppressed: reports.sarifIncludeSuppressed,
                sarifCategory: reports.sarifCategory, quiet: reports.quiet, networkPictures: pictures)
            let reporter = Reporters.make(target.format, settings: settings)
            let produce: (inout ReportFile.Writer) -> Void
            do {
                if let reporter = reporter as? any StreamingReporter {
                    // Written as it is made; a failure part-way leaves no report in place.
                    let format = target.format.rawValue
                    produce = { output in
                        do {
                            try reporter.write(run, to: &output)
                        } catch {
                            output.abandon("cannot render the \(format) report: \(error)")
                        }
                    }
                } else if let reporter = reporter as? any JSONDocumentReporter {
                    // Serialised straight into its destination: the report is never held whole.
                    let document = try reporter.document(run)
                    KeptUntilExit.keep(document)
                    produce = { document.write(to: &$0) }
                } else {
                    let text = try reporter.render(run)
                    produce = { $0.append(text) }
                }
            } catch {
                FileHandle.standardError.write(Data("ssmlint: error: cannot render the \(target.format.rawValue) report: \(error)\n".utf8))
                throw ExitCode(ExitStatus.internalError.rawValue)
            }
            if let path = target.path {
                try write(to: path, through: destinations, produce)
            } else {
                try StandardStreams.writeOutput(produce)
            }
        }
        let status = run.exitStatus
        KeptUntilExit.keep(run)
        KeptUntilExit.keep(outcomes)
        if status != .success { throw ExitCode(status.rawValue) }
    }

    private func write(_ text: String, to path: String, through destinations: ReportDestinations) throws {
        try write(to: path, through: destinations) { $0.append(text) }
    }

    private func write(to path: String, through destinations: ReportDestinations, _ produce: (inout ReportFile.Writer) -> Void) throws {
        do {
            try destinations.write(to: path, produce)
        } catch {
            FileHandle.standardError.write(Data("ssmlint: error: \(ReportText.oneLine(error.description))\n".utf8))
            throw ExitCode(ExitStatus.internalError.rawValue)
        }
    }

    private func reportFailuresOnStandardError(_ run: ScanRun) {
        var text = ""
        for input in run.inputs {
            guard let failure = input.failure else { continue }
            let position = failure.position.map { ":\($0.line):\($0.column)" } ?? ""
            text += ReportText.oneLine("\(input.path)\(position): error: \(failure.message)") + "\n"
        }
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
