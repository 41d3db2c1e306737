#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
    /// The report root: nested stacks' templates must lie inside it.
    var rootDirectory = "."
    /// The largest input read (`--max-input-size`).
    var sizeLimit = InputSizeLimit.default

    /// Every input's outcome, in input order, and the files a directory scan skipped.
    func scan(_ inputs: [InputCollector.Input], stdin: Result<[UInt8], InputReader.Failure>?) -> (outcomes: [InputOutcome], skipped: [SkippedInput]) {
        let links = linkedStacks(inputs)
        let grouped = Set(links.groups.flatMap { links.members(of: $0) })
        let singles = inputs.indices.filter { !grouped.contains($0) }
        let results = ResultSlots(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: singles.count + links.groups.count) { unit in
            if unit < singles.count {
                results[singles[unit]] = scan(inputs[singles[unit]], stdin: stdin)
            } else {
                for (index, result) in scanLinked(links.groups[unit - singles.count], inputs: inputs, links: links) {
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
        switch load(input, stdin: stdin) {
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
                      adjust: (inout LoadOptions) -> Void = { _ in }) -> Loaded {
        let bytes: [UInt8]
        switch read(input, stdin: stdin) {
        case .success(let contents): bytes = contents
        case .failure(let failure):
            return .done(.scanned(InputOutcome(path: input.displayPath, format: nil, failure: InputFailure(message: failure.message))))
        }
        var options = options(input.displayPath)
        adjust(&options)
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

    /// Reads the exports, imports and nested stacks of the CloudFormation
    /// templates among the inputs and groups the ones that link.
    private func linkedStacks(_ inputs: [InputCollector.Input]) -> StackGroups {
        // Regular files only: a FIFO or process substitution can be read once, by the scan itself.
        let files = inputs.indices.filter { index in
            guard case .file(let path) = inputs[index].source else { return false }
            var status = stat()
            return InputReader.withCString(path, { stat($0, &status) }) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        }
        let dependent = Flags(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { position in
            if case .success(let bytes) = read(inputs[files[position]], stdin: nil), StackInterface.mayDependOnOthers(bytes) {
                dependent.set(files[position])
            }
        }
        guard dependent.any else { return StackGroups(interfaces: []) }
        let interfaces = InterfaceSlots(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { position in
            let input = inputs[files[position]]
            guard case .success(let bytes) = read(input, stdin: nil) else { return }
            interfaces[files[position]] = StackInterface.read(bytes: bytes, options: options(input.displayPath))
        }
        let all = interfaces.values
        guard all.contains(where: { !($0?.imports.isEmpty ?? true) || !($0?.nestedStacks.isEmpty ?? true) }) else {
            return StackGroups(interfaces: [])
        }
        return StackGroups(interfaces: all, children: nestedChildren(inputs, all))
    }

    /// Each template's nested stacks whose local template is also an input.
    /// A TemplateURL is resolved against its template's directory and must
    /// stay inside the report root once links are resolved; a template nested
    /// more than once, or in itself, is not linked (its parameters would differ
    /// per use).
    private func nestedChildren(_ inputs: [InputCollector.Input], _ interfaces: [StackInterface?]) -> [Int: [(logicalID: String, index: Int)]] {
        var byRealPath: [[UInt8]: Int] = [:]
        for (index, input) in inputs.enumerated() {
            if case .file(let path) = input.source, let real = InputCollector.realPath(path) { byRealPath[real] = index }
        }
        guard let root = InputCollector.realPath(Array(rootDirectory.utf8)) else { return [:] }
        var uses: [Int: [(parent: Int, logicalID: String)]] = [:]
        for (index, interface) in interfaces.enumerated() {
            guard let interface, !interface.nestedStacks.isEmpty, case .file(let path) = inputs[index].source,
                  let parentReal = InputCollector.realPath(path) else { continue }
            let directory = Array(parentReal[..<(parentReal.lastIndex(of: UInt8(ascii: "/")) ?? 0)])
            for (logicalID, url) in interface.nestedStacks {
                let written = Array(url.utf8)
                let candidate = written.first == UInt8(ascii: "/") ? written : PathBytes.join(directory, written)
                guard let real = InputCollector.realPath(candidate), PathBytes.hasPrefix(real, directory: root),
                      let child = byRealPath[real] else { continue }
                uses[child, default: []].append((index, logicalID))
            }
        }
        var parentOf: [Int: Int] = [:]
        var children: [Int: [(logicalID: String, index: Int)]] = [:]
        for (child, users) in uses.sorted(by: { $0.key < $1.key }) where users.count == 1 {
            let parent = users[0].parent
            var ancestor: Int? = parent
            var cycle = false
            while let current = ancestor {
                if current == child { cycle = true; break }
                ancestor = parentOf[current]
            }
            if cycle { continue }
            parentOf[child] = parent
            children[parent, default: []].append((users[0].logicalID, child))
        }
        return children
    }

    /// Linked templates loaded in order (exporters before importers, nested
    /// stacks before their parents, with the parameters the parent passes) and
    /// analysed as one model; each finding goes to the template that declares
    /// its resource. A template whose logical IDs clash with the others' is
    /// analysed alone.
    private func scanLinked(_ tops: [Int], inputs: [InputCollector.Input], links: StackGroups) -> [(Int, Scanned)] {
        var imports: [String: PropertyValue] = [:]
        var results: [(Int, Scanned)] = []
        var members: [(index: Int, loaded: LoadedInput)] = []

        /// Loads a template after its nested stacks; nil when it could not be loaded.
        func loadTree(_ index: Int, passed: [String: PropertyValue]) -> LoadedInput? {
            let input = inputs[index]
            var outputs: [String: [String: PropertyValue]] = [:]
            var pending = links.children[index] ?? []
            if !pending.isEmpty, case .success(let parentBytes) = read(input, stdin: nil) {
                var parentOptions = options(input.displayPath)
                parentOptions.imports = imports
                parentOptions.parameterValues = passed
                while !pending.isEmpty {
                    let names = Set(pending.map(\.logicalID))
                    var deferred: [(logicalID: String, index: Int)] = []
                    func parameters(_ kid: (logicalID: String, index: Int)) -> (values: [String: PropertyValue], reads: Set<String>) {
                        parentOptions.stackOutputs = outputs
                        return NestedStacks.parameters(parent: parentBytes, stack: kid.logicalID,
                                                       siblings: names.subtracting([kid.logicalID]), options: parentOptions)
                    }
                    for kid in pending {
                        let passed = parameters(kid)
                        // It reads the outputs of a sibling not loaded yet: next round.
                        if !passed.reads.isEmpty { deferred.append(kid); continue }
                        if let loaded = loadTree(kid.index, passed: passed.values) { outputs[kid.logicalID] = loaded.outputs }
                    }
                    if deferred.count == pending.count {
                        // Siblings that read each other's outputs: load one with what is known.
                        let kid = deferred.removeFirst()
                        if let loaded = loadTree(kid.index, passed: parameters(kid).values) { outputs[kid.logicalID] = loaded.outputs }
                    }
                    pending = deferred
                }
            }
            switch load(input, stdin: nil, adjust: { options in
                options.imports = imports
                options.parameterValues = passed
                options.stackOutputs = outputs
            }) {
            case .done(let scanned):
                results.append((index, scanned))
                return nil
            case .loaded(let loaded):
                imports.merge(loaded.exports.filter { links.uniqueExports.contains($0.key) }) { first, _ in first }
                members.append((index, loaded))
                return loaded
            }
        }
        for top in tops { _ = loadTree(top, passed: [:]) }

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
        guard let model else { return results }
        let linked = Set(linkedFiles)
        let result = engine.run(RuleContext(model: model, analysis: analysis))
        func file(of resource: ResourceID) -> String {
            model.resource(resource)?.info.location.file ?? resource.implicit.flatMap { model.resource($0.owner)?.info.location.file } ?? model.file
        }
        for (index, loaded) in members {
            let input = inputs[index]
            guard linked.contains(loaded.model.file) else {
                let alone = engine.run(RuleContext(model: loaded.model, analysis: analysis))
                let clash = model.sharedIdentities(with: loaded.model).prefix(3).map(\.rawValue).joined(separator: ", ")
                results.append((index, .scanned(outcome(
                    input, loaded, findings: alone.findings, evaluations: alone.evaluations, toolErrors: alone.toolErrors,
                    remarks: ["analysed alone, not with the stacks it is linked to: they declare the same logical IDs (\(clash))"]))))
                continue
            }
            let others = linkedFiles.filter { $0 != loaded.model.file }
            // A finding located in no linked template (none is expected) stays with the first.
            let isFirst = loaded.model.file == model.file
            results.append((index, .scanned(outcome(
                input, loaded,
                findings: result.findings.filter { $0.location.file == loaded.model.file || (isFirst && !linked.contains($0.location.file)) },
                evaluations: result.evaluations.filter { file(of: $0.resource) == loaded.model.file },
                toolErrors: isFirst ? result.toolErrors : [],
                remarks: ["analysed together with \(others.joined(separator: ", ")), which it imports from, exports to, nests or is nested in"]))))
        }
        return results
    }
}

/// Which inputs may import or nest another, written by concurrent workers.
private final class Flags: @unchecked Sendable {
    private var storage: [Bool]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: false, count: count) }

    func set(_ index: Int) { lock.withLock { storage[index] = true } }
    var any: Bool { lock.withLock { storage.contains(true) } }
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
