import Dispatch
import Foundation
import SSMLintEngine
import SSMLintLoaders
import SSMLintScan

/// Loads every input and runs the engine on it, inputs in parallel; one bad
/// input never stops the others.
struct ScanPipeline {
    let engine: Engine
    /// Parameters and Region for an input, by its displayed path (the config file may set them per template).
    var options: @Sendable (String) -> LoadOptions
    let analysis: NetworkAnalysis.Options
    let suppressions: SuppressionPolicy
    /// Where the `.tf` files of Terraform plans are, to show findings on their lines.
    var terraformSources: TerraformSourceLocator?
    /// The report root: nested stacks' templates must lie inside it.
    var rootDirectory = "."
    /// The largest input read (`--max-input-size`).
    var sizeLimit = InputSizeLimit.default
    /// Called with each scanned input's analysis and findings (suppressions
    /// applied), from the scanning threads: the HTML report draws its VPCs.
    var observe: (@Sendable (_ input: String, _ analysis: NetworkAnalysis, _ findings: [Finding]) -> Void)?
    /// Set when one input is scanned: its model and analysis are then never
    /// freed, since the process exits once the report is written (a scan of
    /// several inputs frees each as it goes, for the next one to reuse).
    var keepsModelsUntilExit = false

    /// Every input's outcome, in input order, and the files a directory scan skipped.
    func scan(_ inputs: [InputCollector.Input], stdin: Result<[UInt8], InputReader.Failure>?) -> (outcomes: [InputOutcome], skipped: [SkippedInput]) {
        let assemblies = cloudAssemblies(inputs)
        return naming(assemblies).scan(inputs, stdin: stdin, manifests: assemblies.manifests)
    }

    private func scan(_ inputs: [InputCollector.Input], stdin: Result<[UInt8], InputReader.Failure>?,
                      manifests: [Int: Scanned]) -> (outcomes: [InputOutcome], skipped: [SkippedInput]) {
        let links = linkedStacks(inputs)
        let grouped = Set(links.groups.flatMap { links.members(of: $0) })
        let singles = inputs.indices.filter { !grouped.contains($0) && manifests[$0] == nil }
        let results = ResultSlots(count: inputs.count)
        let pipeline = keepingModelsUntilExit(singles.count + links.groups.count == 1)
        for (index, manifest) in manifests { results[index] = manifest }
        DispatchQueue.concurrentPerform(iterations: singles.count + links.groups.count) { unit in
            if unit < singles.count {
                results[singles[unit]] = pipeline.scan(inputs[singles[unit]], stdin: stdin)
            } else {
                for (index, result) in pipeline.scanLinked(links.groups[unit - singles.count], inputs: inputs, links: links) {
                    results[index] = result
                }
            }
        }
        var outcomes: [InputOutcome] = []
        var skipped: [SkippedInput] = []
        for result in results.values {
            switch result {
            case .scanned(let outcome): outcomes.append(outcome)
            case .skipped(let file): skipped.append(file)
            }
        }
        return (outcomes, skipped)
    }

    private func keepingModelsUntilExit(_ keep: Bool) -> ScanPipeline {
        var pipeline = self
        pipeline.keepsModelsUntilExit = keep
        return pipeline
    }

    enum Scanned: Sendable {
        case scanned(InputOutcome)
        case skipped(SkippedInput)
    }

    func scan(_ input: InputCollector.Input, stdin: Result<[UInt8], InputReader.Failure>?) -> Scanned {
        switch load(input, stdin: stdin) {
        case .done(let scanned): return scanned
        case .loaded(let loaded):
            let context = RuleContext(model: loaded.model, analysis: analysis)
            let result = engine.run(context)
            let scanned = outcome(input, loaded, findings: result.findings, evaluations: result.evaluations, toolErrors: result.toolErrors)
            observe?(input.displayPath, context.analysis, scanned.findings)
            if keepsModelsUntilExit {
                KeptUntilExit.keep(context)
                KeptUntilExit.keep(loaded)
            }
            return .scanned(scanned)
        }
    }

    enum Loaded {
        case loaded(LoadedInput)
        case done(Scanned)
    }

    func read(_ input: InputCollector.Input, stdin: Result<[UInt8], InputReader.Failure>?) -> Result<[UInt8], InputReader.Failure> {
        switch input.source {
        case .standardInput: return stdin ?? .success([])
        case .file(let path): return InputReader.read(path: path, origin: input.origin, limit: sizeLimit)
        case .problem(let message): return .failure(InputReader.Failure(message: message))
        }
    }

    func load(_ input: InputCollector.Input, stdin: Result<[UInt8], InputReader.Failure>?,
                      adjust: (inout LoadOptions) -> Void = { _ in }) -> Loaded {
        let bytes: [UInt8]
        switch read(input, stdin: stdin) {
        case .success(let contents): bytes = contents
        case .failure(let failure):
            return .done(.scanned(InputOutcome(path: input.displayPath, format: nil, failure: InputFailure(message: failure.message))))
        }
        var options = options(input.displayPath)
        adjust(&options)
        let size = bytes.count
        switch InputLoader.load(bytes: consume bytes, file: input.displayPath, options: options, origin: input.origin) {
        case .failed(let error):
            return .done(.scanned(InputOutcome(path: input.displayPath, format: nil,
                                               failure: InputFailure(message: error.message, position: error.position))))
        case .skipped(let reason):
            if input.origin == .discovered { return .done(.skipped(SkippedInput(path: input.displayPath, reason: reason))) }
            return .done(.scanned(InputOutcome(path: input.displayPath, format: nil, failure: InputFailure(
                message: "not a CloudFormation template or Terraform plan: \(reason)", position: SourcePosition(line: 1, column: 1)))))
        case .loaded(let loaded):
            // A large input's document tree, and the parts its model was
            // built in, have just been freed.
            if size >= AllocatorTuning.largeInput { AllocatorTuning.returnFreePages() }
            return .loaded(loaded)
        }
    }

    /// The outcome of one loaded input with the findings on it, suppressions applied.
    func outcome(_ input: InputCollector.Input, _ loaded: LoadedInput, findings: [Finding], evaluations: Evaluations,
                         toolErrors: [String], remarks: [String] = []) -> InputOutcome {
        var outcome = InputOutcome(path: input.displayPath, format: loaded.model.format, findings: findings,
                                   evaluations: evaluations, remarks: loaded.remarks + remarks)
        outcome.toolErrors = toolErrors
        outcome.warnings = loaded.warnings
        var directives = loaded.model.ignoreDirectives
        if loaded.model.format == .terraformPlan,
           let map = terraformSources?.map(forPlanAt: input.path, moduleSources: loaded.terraformModuleSources) {
            directives += TerraformSourceRelocation.apply(map, to: &outcome, resources: loaded.model.resources.map(\.info.id))
        }
        suppressions.apply(to: &outcome, directives: directives)
        return outcome
    }
}

/// Per-input result slots written by concurrent workers (each index once).
private final class ResultSlots: @unchecked Sendable {
    private var storage: [ScanPipeline.Scanned?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> ScanPipeline.Scanned? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [ScanPipeline.Scanned] { lock.withLock { storage.compactMap { $0 } } }
}
