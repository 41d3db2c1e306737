import Dispatch
import Foundation
import SSMLintKit
import SSMLintLoaders

/// Loads every input and runs the engine on it, inputs in parallel; one bad
/// input never stops the others.
struct ScanPipeline {
    let engine: Engine
    let options: LoadOptions
    let analysis: NetworkAnalysis.Options
    let sizeLimit: InputSizeLimit

    func scan(_ inputs: [InputCollector.Input], stdin: Result<[UInt8], InputReader.Failure>?) -> [InputOutcome] {
        let results = ResultSlots(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            results[index] = scan(inputs[index], stdin: stdin)
        }
        return results.values
    }

    func scan(_ input: InputCollector.Input, stdin: Result<[UInt8], InputReader.Failure>?) -> InputOutcome {
        let read: Result<[UInt8], InputReader.Failure>
        switch input.source {
        case .standardInput: read = stdin ?? .success([])
        case .file(let path, let origin): read = InputReader.read(path: path, origin: origin, limit: sizeLimit)
        case .problem(let message): read = .failure(InputReader.Failure(message: message))
        }
        let bytes: [UInt8]
        switch read {
        case .success(let contents): bytes = contents
        case .failure(let failure):
            return InputOutcome(path: input.displayPath, format: nil, failure: InputFailure(message: failure.message))
        }
        switch InputLoader.load(bytes: bytes, file: input.displayPath, options: options) {
        case .failure(let error):
            return InputOutcome(path: input.displayPath, format: nil,
                                failure: InputFailure(message: error.message, position: error.position))
        case .success(let loaded):
            let result = engine.run(RuleContext(model: loaded.model, analysis: analysis))
            var outcome = InputOutcome(path: input.displayPath, format: loaded.model.format, findings: result.findings,
                                       evaluations: result.evaluations, remarks: loaded.remarks)
            outcome.toolErrors = result.toolErrors
            return outcome
        }
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
