import SSMLintModel
import SSMLintYAML

/// Reads one input, recognises its format by content (not by file name) and
/// hands it to the matching loader.
public enum InputLoader {
    public static func load(bytes: [UInt8], file: String, options: LoadOptions) -> Result<LoadedInput, LoadError> {
        let root: YAMLNode
        do {
            if let problem = leadingText(before: bytes) {
                return .failure(LoadError(file: file, position: SourcePosition(line: 1, column: 1), message: problem))
            }
            guard let document = try YAMLParser.parse(bytes, limits: documentLimits) else {
                return .failure(LoadError(file: file, position: SourcePosition(line: 1, column: 1),
                                          message: "the file is empty; expected a CloudFormation template or a Terraform plan"))
            }
            root = document
        } catch {
            var message = error.message
            if message.hasPrefix("did not find expected <document start>") {
                message = "unexpected content after the end of the document (in JSON: an extra closing bracket or brace, or trailing text)"
            }
            return .failure(LoadError(file: file, position: error.position, message: message))
        }
        guard root.mapping != nil else {
            return .failure(LoadError(file: file, position: root.range.start,
                                      message: "the document is \(root.kindName), not a mapping; expected a CloudFormation template or a Terraform plan"))
        }
        if isTerraformPlan(root) {
            return TerraformPlanLoader.load(root: root, file: file, options: options)
        }
        return .success(CloudFormationLoader.load(root: root, file: file, options: options))
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

    static func isTerraformPlan(_ root: YAMLNode) -> Bool {
        root["format_version"] != nil && (root["planned_values"] != nil || root["terraform_version"] != nil
            || root["resource_changes"] != nil)
    }
}
