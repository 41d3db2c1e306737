import SSMLintEngine
import SSMLintLoaders

/// The models a scan analyses, without running rules: what `ssmlint paths`
/// prints, linked exactly as `scan` links them (CDK stack names, imports and
/// exports, nested stacks).
extension ScanPipeline {
    struct ModelUnit {
        /// The inputs analysed as this model (several when linked).
        var paths: [String]
        var model: InfrastructureModel?
        /// Why the input could not be loaded (`file:line:col: error: message`).
        var failure: String?
    }

    func models(_ inputs: [InputCollector.Input], stdin: Result<[UInt8], InputReader.Failure>?) -> [ModelUnit] {
        let assemblies = cloudAssemblies(inputs)
        let pipeline = naming(assemblies)
        let links = pipeline.linkedStacks(inputs)
        let grouped = Set(links.groups.flatMap { links.members(of: $0) })
        var units: [(order: Int, unit: ModelUnit)] = []
        func failed(_ index: Int, _ scanned: Scanned) {
            guard case .scanned(let outcome) = scanned, let failure = outcome.failure else { return }
            let position = failure.position.map { ":\($0.line):\($0.column)" } ?? ""
            units.append((index, ModelUnit(paths: [outcome.path], failure: "\(outcome.path)\(position): error: \(failure.message)")))
        }
        for (index, manifest) in assemblies.manifests { failed(index, manifest) }
        for index in inputs.indices where !grouped.contains(index) && assemblies.manifests[index] == nil {
            switch pipeline.load(inputs[index], stdin: stdin) {
            case .loaded(let loaded): units.append((index, ModelUnit(paths: [inputs[index].displayPath], model: loaded.model)))
            case .done(let scanned): failed(index, scanned)
            }
        }
        for group in links.groups {
            let linked = pipeline.loadLinked(group, inputs: inputs, links: links)
            for (index, scanned) in linked.results { failed(index, scanned) }
            if let model = linked.model {
                units.append((linked.members.map(\.index).min() ?? 0, ModelUnit(paths: linked.linkedFiles, model: model)))
            }
            // Templates whose logical IDs clash with the group's are analysed alone, as scan does.
            for (index, loaded) in linked.members where !linked.linkedFiles.contains(loaded.model.file) {
                if case .loaded(let alone) = pipeline.load(inputs[index], stdin: nil) {
                    units.append((index, ModelUnit(paths: [inputs[index].displayPath], model: alone.model)))
                }
            }
        }
        return units.sorted { $0.order < $1.order }.map(\.unit)
    }
}
