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

    func scan(_ inputs: [InputCollector.Input], stdin: [UInt8]?) -> [InputOutcome] {
        let results = ResultSlots(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            results[index] = scan(inputs[index], stdin: stdin)
        }
        return results.values
    }

    func scan(_ input: InputCollector.Input, stdin: [UInt8]?) -> InputOutcome {
        let bytes: [UInt8]
        if let path = input.path {
            guard let data = FileManager.default.contents(atPath: path) else {
                return InputOutcome(path: input.displayPath, format: nil,
                                    failure: InputFailure(message: "cannot read the file (\(Self.readProblem(path)))"))
            }
            bytes = [UInt8](data)
        } else {
            bytes = stdin ?? []
        }
        switch InputLoader.load(bytes: bytes, file: input.displayPath, options: options(input.displayPath)) {
        case .failure(let error):
            return InputOutcome(path: input.displayPath, format: nil,
                                failure: InputFailure(message: error.message, position: error.position))
        case .success(let loaded):
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
            return outcome
        }
    }

    private static func readProblem(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        return "permission denied or I/O error"
    }
}

/// Per-input result slots written by concurrent workers (each index once).
private final class ResultSlots: @unchecked Sendable {
    private var storage: [InputOutcome?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> InputOutcome? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [InputOutcome] { lock.withLock { storage.compactMap { $0 } } }
}
