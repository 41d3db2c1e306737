import SSMLintModel
import SSMLintYAML

/// CloudFormation YAML or JSON -> model.
public enum CloudFormationLoader {
    public static func load(root: YAMLNode, file: String, options: LoadOptions) -> LoadedInput {
        let template = CloudFormationTemplate(root: root)
        var builder = CloudFormationModelBuilder(file: file, template: template, options: options)
        return builder.build()
    }
}
