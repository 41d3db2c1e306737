#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import SSMLintEngine
import SSMLintLoaders

/// Templates of one scan that import from each other or nest each other are
/// loaded in dependency order and analysed as one model (see `StackGroups`).
extension ScanPipeline {
    /// Reads the exports, imports and nested stacks of the CloudFormation
    /// templates among the inputs and groups the ones that link.
    func linkedStacks(_ inputs: [InputCollector.Input]) -> StackGroups {
        // Regular files only: a FIFO or process substitution can be read once, by the scan itself.
        let files = inputs.indices.filter { index in
            guard case .file(let path) = inputs[index].source else { return false }
            var status = stat()
            return InputReader.withCString(path, { stat($0, &status) }) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        }
        // One template links with nothing: a nested stack's template must be scanned too.
        guard files.count > 1 else { return StackGroups(interfaces: []) }
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
                // A CDK asset is a file the assembly wrote next to its parent, never a link.
                if interface.assetStacks.contains(logicalID) && !Self.isPlainFile(written, in: directory) { continue }
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

    /// True when `relative` names a regular file under `directory` with no
    /// symbolic link on the way: every component is looked at, not followed.
    static func isPlainFile(_ relative: [UInt8], in directory: [UInt8]) -> Bool {
        let components = relative.split(separator: UInt8(ascii: "/")).map(Array.init)
        guard !components.isEmpty else { return false }
        var path = directory
        for (position, component) in components.enumerated() {
            path = PathBytes.join(path, component)
            var status = stat()
            guard InputReader.withCString(path, { lstat($0, &status) }) == 0 else { return false }
            let expected = position == components.count - 1 ? S_IFREG : S_IFDIR
            if (status.st_mode & S_IFMT) != expected { return false }
        }
        return true
    }

    /// Linked templates loaded in order (exporters before importers, nested
    /// stacks before their parents, with the parameters the parent passes) and
    /// analysed as one model; each finding goes to the template that declares
    /// its resource. A template whose logical IDs clash with the others' is
    /// analysed alone.
    func scanLinked(_ tops: [Int], inputs: [InputCollector.Input], links: StackGroups) -> [(Int, Scanned)] {
        let group = loadLinked(tops, inputs: inputs, links: links)
        var results = group.results
        let members = group.members
        let linkedFiles = group.linkedFiles
        guard let model = group.model else { return results }
        let linked = Set(linkedFiles)
        let context = RuleContext(model: model, analysis: analysis)
        let result = engine.run(context)
        func file(of resource: ResourceID) -> String {
            model.resource(resource)?.info.location.file ?? resource.implicit.flatMap { model.resource($0.owner)?.info.location.file } ?? model.file
        }
        for (index, loaded) in members {
            let input = inputs[index]
            guard linked.contains(loaded.model.file) else {
                // Loaded again without what the others export: alone, those values name resources it does not have.
                let clash = model.sharedIdentities(with: loaded.model).prefix(3).map(\.rawValue).joined(separator: ", ")
                var alone = scan(input, stdin: nil)
                if case .scanned(var outcome) = alone {
                    outcome.remarks.append("analysed alone, not with the stacks it is linked to: they declare the same logical IDs (\(clash))")
                    alone = .scanned(outcome)
                }
                results.append((index, alone))
                continue
            }
            let others = linkedFiles.filter { $0 != loaded.model.file }
            // A finding located in no linked template (none is expected) stays with the first.
            let isFirst = loaded.model.file == model.file
            results.append((index, .scanned(outcome(
                input, loaded,
                findings: result.findings.filter { $0.location.file == loaded.model.file || (isFirst && !linked.contains($0.location.file)) },
                evaluations: result.evaluations.keeping { file(of: $0.resource) == loaded.model.file },
                toolErrors: isFirst ? result.toolErrors : [],
                remarks: ["analysed together with \(others.joined(separator: ", ")), which it imports from, exports to, nests or is nested in"]))))
        }
        if let observe {
            var findings: [Finding] = []
            var paths: [String] = []
            for (index, loaded) in members where linked.contains(loaded.model.file) {
                paths.append(inputs[index].displayPath)
                if let scanned = results.last(where: { $0.0 == index }), case .scanned(let outcome) = scanned.1 { findings += outcome.findings }
            }
            observe(paths.joined(separator: " + "), context.analysis, findings)
        }
        return results
    }

    /// A group of linked templates, loaded: the outcomes of those that could
    /// not be loaded, every loaded member, and the one model of the members
    /// whose logical IDs do not clash (`linkedFiles`).
    struct LinkedGroup {
        var results: [(Int, Scanned)] = []
        var members: [(index: Int, loaded: LoadedInput)] = []
        var model: InfrastructureModel?
        var linkedFiles: [String] = []
    }

    func loadLinked(_ tops: [Int], inputs: [InputCollector.Input], links: StackGroups) -> LinkedGroup {
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
        return LinkedGroup(results: results, members: members, model: model, linkedFiles: linkedFiles)
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
