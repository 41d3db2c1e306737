import SSMLintModel
import SSMLintYAML

/// Reads one input, recognises its format by content (not by file name) and
/// hands it to the matching loader.
public enum InputLoader {
    /// How a file came to be scanned, which decides what happens to a file
    /// that is not a template or a plan.
    public enum Origin: Sendable {
        /// Named on the command line (or standard input): judged strictly, so
        /// anything that is not a template or a plan is an input error.
        case named
        /// Found under a directory argument: a file that is clearly not a
        /// template or a plan (a Helm chart, a Compose file, package.json) is
        /// skipped; a broken file that clearly is one stays an input error.
        case discovered
    }

    public enum Outcome: Sendable {
        case loaded(LoadedInput)
        case failed(LoadError)
        /// Not a template or plan; the reason is shown with --verbose.
        case skipped(String)
    }

    /// A named input: a template, a plan or an error.
    public static func load(bytes: [UInt8], file: String, options: LoadOptions) -> Result<LoadedInput, LoadError> {
        switch load(bytes: bytes, file: file, options: options, origin: .named) {
        case .loaded(let loaded): return .success(loaded)
        case .failed(let error): return .failure(error)
        case .skipped(let reason):
            return .failure(LoadError(file: file, position: SourcePosition(line: 1, column: 1),
                                      message: "not a CloudFormation template or Terraform plan: \(reason)"))
        }
    }

    /// `bytes` are released once parsed: a caller that passes its last copy
    /// (`consume`) does not hold the input next to the model built from it.
    public static func load(bytes: consuming [UInt8], file: String, options: LoadOptions, origin: Origin) -> Outcome {
        let root: YAMLNode
        do {
            if let problem = leadingText(before: bytes) {
                return .failed(LoadError(file: file, position: SourcePosition(line: 1, column: 1), message: problem))
            }
            guard let document = try YAMLParser.parse(bytes, limits: documentLimits) else {
                if origin == .discovered { return .skipped("the file is empty") }
                return .failed(LoadError(file: file, position: SourcePosition(line: 1, column: 1),
                                         message: "the file is empty; expected a CloudFormation template or a Terraform plan"))
            }
            root = document
        } catch {
            if origin == .discovered && !InputKind.looksLikeTemplateOrPlan(bytes) {
                return .skipped(error.message.contains("more than one YAML document")
                    ? "several YAML documents (a Kubernetes manifest?)"
                    : "not YAML or JSON (\(error.message), line \(error.position.line); a Helm or Jinja template?)")
            }
            var message = error.message
            if message.hasPrefix("did not find expected <document start>") {
                message = "unexpected content after the end of the document (in JSON: an extra closing bracket or brace, or trailing text)"
            }
            return .failed(LoadError(file: file, position: error.position, message: message))
        }
        _ = consume bytes
        switch load(root: consume root, file: file, options: options, origin: origin) {
        case .loaded(var loaded):
            // Once the document's tree is gone: trimming copies each table.
            loaded.model.trimToSize()
            return .loaded(loaded)
        case let other:
            return other
        }
    }

    /// The model of a parsed document, by the format its content shows.
    private static func load(root: consuming YAMLNode, file: String, options: LoadOptions, origin: Origin) -> Outcome {
        switch InputKind.of(root) {
        case .terraformPlan:
            switch TerraformPlanLoader.load(root: root, file: file, options: options) {
            case .success(let loaded): return .loaded(loaded)
            case .failure(let error): return .failed(error)
            }
        case .cloudFormation:
            return .loaded(CloudFormationLoader.load(root: root, file: file, options: options))
        case .serverless(let resources?):
            return .loaded(ServerlessLoader.load(resources: resources, file: file, options: options))
        case .serverless(nil):
            let reason = "a Serverless Framework service without a resources.Resources section of its own"
            if origin == .discovered { return .skipped(reason) }
            var loaded = ServerlessLoader.load(resources: YAMLNode(content: .mapping([]), tag: nil, range: root.range), file: file, options: options)
            loaded.remarks.append("\(reason) (resources may come from other files); nothing in it was checked")
            return .loaded(loaded)
        case .other(let reason):
            if origin == .discovered { return .skipped(reason) }
            if root.mapping == nil {
                return .failed(LoadError(file: file, position: root.range.start,
                                         message: "the document is \(root.kindName), not a mapping; expected a CloudFormation template or a Terraform plan"))
            }
            return .skipped(reason)
        }
    }

    /// A plan preceded by other output (a wrapper's log line, `terraform show`
    /// without -json's banner): say so instead of reporting a syntax error.
    static func leadingText(before bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard let first = bytes[start...].first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
              first != UInt8(ascii: "{") else { return nil }
        // Look for a JSON object that starts a later line and carries a plan's key.
        let limit = min(bytes.count, 1 << 20)
        var index = start
        var line = 1
        while index < limit {
            if bytes[index] == 0x0A {
                line += 1
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                    let window = bytes[(index + 1)..<min(bytes.count, index + 4096)]
                    if String(decoding: window, as: UTF8.self).contains("\"format_version\"") {
                        return "the Terraform plan JSON starts on line \(line), after other output; scan the output of `terraform show -json PLAN` alone"
                    }
                }
            }
            index += 1
        }
        return nil
    }

    /// Parts of a plan ssmlint never reads (the pre-change world and duplicates of
    /// planned_values): parsed for validity, not kept, so large plans stay small in memory.
    static let documentLimits = YAMLLimits(skippedPaths: [
        ["prior_state"], ["resource_drift"], ["relevant_attributes"], ["output_changes"], ["checks"],
        ["resource_changes", "*", "change", "before"], ["resource_changes", "*", "change", "after"],
        ["resource_changes", "*", "change", "before_sensitive"], ["resource_changes", "*", "change", "after_sensitive"],
        ["planned_values", "outputs"],
    ])

}
