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
    let options: @Sendable (String) -> LoadOptions
    let analysis: NetworkAnalysis.Options
    let suppressions: SuppressionPolicy
    /// Where the `.tf` files of Terraform plans are, to show findings on their lines.
    var terraformSources: TerraformSourceLocator?
    /// The largest input read (`--max-input-size`).
    var sizeLimit = InputSizeLimit.default

    /// Every input's outcome, in input order, and the files a directory scan skipped.
    func scan(_ inputs: [InputCollector.Input], stdin: Result<[UInt8], InputReader.Failure>?) -> (outcomes: [InputOutcome], skipped: [SkippedInput]) {
        let results = ResultSlots(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            results[index] = scan(inputs[index], stdin: stdin)
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

    enum Scanned: Sendable {
        case scanned(InputOutcome)
        case skipped(SkippedInput)
    }

    func scan(_ input: InputCollector.Input, stdin: Result<[UInt8], InputReader.Failure>?) -> Scanned {
        let read: Result<[UInt8], InputReader.Failure>
        switch input.source {
        case .standardInput: read = stdin ?? .success([])
        case .file(let path): read = InputReader.read(path: path, origin: input.origin, limit: sizeLimit)
        case .problem(let message): read = .failure(InputReader.Failure(message: message))
        }
        let bytes: [UInt8]
        switch read {
        case .success(let contents): bytes = contents
        case .failure(let failure):
            return .scanned(InputOutcome(path: input.displayPath, format: nil, failure: InputFailure(message: failure.message)))
        }
        switch InputLoader.load(bytes: bytes, file: input.displayPath, options: options(input.displayPath), origin: input.origin) {
        case .failed(let error):
            return .scanned(InputOutcome(path: input.displayPath, format: nil,
                                         failure: InputFailure(message: error.message, position: error.position)))
        case .skipped(let reason):
            if input.origin == .discovered { return .skipped(SkippedInput(path: input.displayPath, reason: reason)) }
            return .scanned(InputOutcome(path: input.displayPath, format: nil, failure: InputFailure(
                message: "not a CloudFormation template or Terraform plan: \(reason)", position: SourcePosition(line: 1, column: 1))))
        case .loaded(let loaded):
            let result = engine.run(RuleContext(model: loaded.model, analysis: analysis))
            var outcome = InputOutcome(path: input.displayPath, format: loaded.model.format, findings: result.findings,
                                       evaluations: result.evaluations, remarks: loaded.remarks)
            outcome.toolErrors = result.toolErrors
            outcome.warnings = loaded.warnings
            var directives = loaded.model.ignoreDirectives
            if loaded.model.format == .terraformPlan,
               let map = terraformSources?.map(forPlanAt: input.path, moduleSources: loaded.terraformModuleSources) {
                directives += TerraformSourceRelocation.apply(map, to: &outcome, resources: loaded.model.resources.map(\.info.id))
            }
            suppressions.apply(to: &outcome, directives: directives)
            return .scanned(outcome)
        }
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
