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
        let links = linkedStacks(inputs)
        let grouped = Set(links.groups.joined())
        let units: [[Int]] = inputs.indices.filter { !grouped.contains($0) }.map { [$0] } + links.groups
        let results = ResultSlots(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: units.count) { unit in
            let members = units[unit]
            if members.count == 1 {
                results[members[0]] = scan(inputs[members[0]], stdin: stdin)
            } else {
                for (index, result) in zip(members, scanLinked(members.map { inputs[$0] }, exports: links.uniqueExports)) {
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

    enum Scanned: Sendable {
        case scanned(InputOutcome)
        case skipped(SkippedInput)
    }

    func scan(_ input: InputCollector.Input, stdin: Result<[UInt8], InputReader.Failure>?) -> Scanned {
        switch load(input, stdin: stdin, imports: [:]) {
        case .done(let scanned): return scanned
        case .loaded(let loaded):
            let result = engine.run(RuleContext(model: loaded.model, analysis: analysis))
            return .scanned(outcome(input, loaded, findings: result.findings, evaluations: result.evaluations, toolErrors: result.toolErrors))
        }
    }

    private enum Loaded {
        case loaded(LoadedInput)
        case done(Scanned)
    }

    private func read(_ input: InputCollector.Input, stdin: Result<[UInt8], InputReader.Failure>?) -> Result<[UInt8], InputReader.Failure> {
        switch input.source {
        case .standardInput: return stdin ?? .success([])
        case .file(let path): return InputReader.read(path: path, origin: input.origin, limit: sizeLimit)
        case .problem(let message): return .failure(InputReader.Failure(message: message))
        }
    }

    private func load(_ input: InputCollector.Input, stdin: Result<[UInt8], InputReader.Failure>?,
                      imports: [String: PropertyValue]) -> Loaded {
        let bytes: [UInt8]
        switch read(input, stdin: stdin) {
        case .success(let contents): bytes = contents
        case .failure(let failure):
            return .done(.scanned(InputOutcome(path: input.displayPath, format: nil, failure: InputFailure(message: failure.message))))
        }
        var options = options(input.displayPath)
        options.imports = imports
        switch InputLoader.load(bytes: bytes, file: input.displayPath, options: options, origin: input.origin) {
        case .failed(let error):
            return .done(.scanned(InputOutcome(path: input.displayPath, format: nil,
                                               failure: InputFailure(message: error.message, position: error.position))))
        case .skipped(let reason):
            if input.origin == .discovered { return .done(.skipped(SkippedInput(path: input.displayPath, reason: reason))) }
            return .done(.scanned(InputOutcome(path: input.displayPath, format: nil, failure: InputFailure(
                message: "not a CloudFormation template or Terraform plan: \(reason)", position: SourcePosition(line: 1, column: 1)))))
        case .loaded(let loaded):
            return .loaded(loaded)
        }
    }

    /// The outcome of one loaded input with the findings on it, suppressions applied.
    private func outcome(_ input: InputCollector.Input, _ loaded: LoadedInput, findings: [Finding], evaluations: [Evaluation],
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

    // MARK: Linked stacks

    /// Reads the exports and imports of the CloudFormation templates among
    /// the inputs (only when some input imports at all) and groups the ones
    /// that link.
    private func linkedStacks(_ inputs: [InputCollector.Input]) -> StackGroups {
        let interfaces = InterfaceSlots(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            let input = inputs[index]
            guard case .file = input.source, case .success(let bytes) = read(input, stdin: nil) else { return }
            interfaces[index] = StackInterface.read(bytes: bytes, options: options(input.displayPath))
        }
        let all = interfaces.values
        guard all.contains(where: { !($0?.imports.isEmpty ?? true) }) else { return StackGroups(interfaces: []) }
        return StackGroups(interfaces: all)
    }

    /// Templates that import from each other, loaded exporters first and
    /// analysed as one model; each finding goes to the template that declares
    /// its resource. Templates whose logical IDs clash are scanned alone.
    private func scanLinked(_ inputs: [InputCollector.Input], exports: Set<String>) -> [Scanned] {
        var imports: [String: PropertyValue] = [:]
        var results: [Scanned?] = Array(repeating: nil, count: inputs.count)
        var members: [(position: Int, loaded: LoadedInput)] = []
        for (position, input) in inputs.enumerated() {
            switch load(input, stdin: nil, imports: imports) {
            case .done(let scanned): results[position] = scanned
            case .loaded(let loaded):
                imports.merge(loaded.exports.filter { exports.contains($0.key) }) { first, _ in first }
                members.append((position, loaded))
            }
        }
        var model: InfrastructureModel?
        var linkedFiles: [String] = []
        for member in members {
            guard var combined = model else {
                model = member.loaded.model
                linkedFiles.append(member.loaded.model.file)
                continue
            }
            if combined.sharedIdentities(with: member.loaded.model).isEmpty {
                combined.link(member.loaded.model)
                model = combined
                linkedFiles.append(member.loaded.model.file)
            }
        }
        guard let model else { return results.map { $0! } }
        let linked = Set(linkedFiles)
        let result = engine.run(RuleContext(model: model, analysis: analysis))
        func file(of resource: ResourceID) -> String {
            model.resource(resource)?.info.location.file ?? resource.implicit.flatMap { model.resource($0.owner)?.info.location.file } ?? model.file
        }
        for (position, loaded) in members {
            let input = inputs[position]
            guard linked.contains(loaded.model.file) else {
                // Declares a logical ID another linked template declares too: analysed alone.
                let alone = engine.run(RuleContext(model: loaded.model, analysis: analysis))
                let clash = model.sharedIdentities(with: loaded.model).prefix(3).map(\.rawValue).joined(separator: ", ")
                results[position] = .scanned(outcome(input, loaded, findings: alone.findings, evaluations: alone.evaluations,
                                                     toolErrors: alone.toolErrors,
                                                     remarks: ["not analysed together with the stacks it imports from or exports to: they declare the same logical IDs (\(clash))"]))
                continue
            }
            let others = linkedFiles.filter { $0 != loaded.model.file }
            results[position] = .scanned(outcome(
                input, loaded,
                findings: result.findings.filter { $0.location.file == loaded.model.file },
                evaluations: result.evaluations.filter { file(of: $0.resource) == loaded.model.file },
                toolErrors: loaded.model.file == model.file ? result.toolErrors : [],
                remarks: ["analysed together with \(others.joined(separator: ", ")) (exports and Fn::ImportValue link them)"]))
        }
        return results.map { $0! }
    }
}

/// Per-input stack interfaces written by concurrent workers.
private final class InterfaceSlots: @unchecked Sendable {
    private var storage: [StackInterface?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> StackInterface? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [StackInterface?] { lock.withLock { storage } }
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
