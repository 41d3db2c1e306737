import Dispatch
import Foundation
import SSMLintEngine
import SSMLintLoaders

/// Loads every input and runs the engine on it, inputs in parallel; one bad
/// input never stops the others.
struct ScanPipeline {
    let engine: Engine
    let options: LoadOptions
    let analysis: NetworkAnalysis.Options

    func scan(_ inputs: [InputCollector.Input], stdin: [UInt8]?) -> [InputOutcome] {
        let results = ResultSlots(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            results[index] = scan(inputs[index], stdin: stdin)
        }
        return results.values
    }

    func scan(_ input: InputCollector.Input, stdin: [UInt8]?) -> InputOutcome {
        let loaded: Result<LoadedInput, LoadError>
        do {
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
            loaded = InputLoader.load(bytes: bytes, file: input.displayPath, options: options)
        }   // the file's bytes are freed here, before the rules run
        switch loaded {
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
