/// The files of an output plan, checked against each other and against the
/// inputs, and opened, before anything is scanned: a report that cannot be
/// written is a usage error up front (exit 64), not a lost scan.
struct ReportDestinations {
    private var files: [String: ReportFile] = [:]

    /// `baseline`: the baseline file `--write-baseline` writes, checked like a report.
    init(plan: OutputPlan, inputs: [InputCollector.Input], baseline: String? = nil) throws(OutputPathPolicy.Refusal) {
        var outputs: [(path: String, identity: OutputPathPolicy.Identity, target: OutputPathPolicy.Target)] = []
        let named = plan.targets.compactMap(\.path).map { ($0, "report file") } + (baseline.map { [($0, "baseline file")] } ?? [])
        for (path, role) in named {
            let checked = try OutputPathPolicy.check(path, role: role)
            outputs.append((path, checked.identity, checked.target))
        }
        let identities = outputs.map { (path: $0.path, identity: $0.identity) }
        try OutputPathPolicy.checkDistinct(identities, standardOutputUsed: plan.targets.contains { $0.path == nil })
        var scanned: [(display: String, identity: OutputPathPolicy.Identity)] = []
        for input in inputs {
            switch input.source {
            case .file(let path):
                if let identity = OutputPathPolicy.identity(ofInput: path) { scanned.append((input.displayPath, identity)) }
            case .standardInput:
                if let identity = OutputPathPolicy.identityOfStandardInput() { scanned.append(("standard input", identity)) }
            case .problem:
                continue
            }
        }
        try OutputPathPolicy.checkNotInput(identities, inputs: scanned)
        for output in outputs {
            do {
                files[output.path] = try ReportFile(path: output.path, target: output.target)
            } catch {
                throw OutputPathPolicy.Refusal(description: error.description)
            }
        }
    }

    /// Writes the report of `path` as `produce` hands out its bytes, and puts it in place.
    func write(to path: String, _ produce: (inout ReportFile.Writer) -> Void) throws(ReportFile.Failure) {
        guard let file = files[path] else { throw ReportFile.Failure(description: "cannot write \(path): it was not prepared") }
        try file.write(produce)
    }

    /// Removes every temporary file not yet put in place.
    func discard() {
        for file in files.values { file.discard() }
    }
}
