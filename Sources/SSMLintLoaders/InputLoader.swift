import SSMLintModel
import SSMLintYAML

/// Reads one input, recognises its format by content (not by file name) and
/// hands it to the matching loader.
public enum InputLoader {
    public static func load(bytes: [UInt8], file: String, options: LoadOptions) -> Result<LoadedInput, LoadError> {
        let root: YAMLNode
        do {
            guard let document = try YAMLParser.parse(bytes) else {
                return .failure(LoadError(file: file, position: SourcePosition(line: 1, column: 1),
                                          message: "the file is empty; expected a CloudFormation template or a Terraform plan"))
            }
            root = document
        } catch {
            return .failure(LoadError(file: file, position: error.position, message: error.message))
        }
        guard root.mapping != nil else {
            return .failure(LoadError(file: file, position: root.range.start,
                                      message: "the document is \(root.kindName), not a mapping; expected a CloudFormation template or a Terraform plan"))
        }
        if isTerraformPlan(root) {
            return .failure(LoadError(file: file, position: root.range.start,
                                      message: "Terraform plan JSON is not supported by this version"))
        }
        return .success(CloudFormationLoader.load(root: root, file: file, options: options))
    }

    static func isTerraformPlan(_ root: YAMLNode) -> Bool {
        root["format_version"] != nil && (root["planned_values"] != nil || root["terraform_version"] != nil
            || root["resource_changes"] != nil)
    }
}
