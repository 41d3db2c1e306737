import SSMLintModel
import SSMLintYAML

/// CloudFormation YAML or JSON -> model.
public enum CloudFormationLoader {
    public static func load(root: YAMLNode, file: String, options: LoadOptions) -> LoadedInput {
        let template = CloudFormationTemplate(root: root)
        var loaded = CloudFormationModelBuilder.build(file: file, template: template, options: options)
        let ignores = CloudFormationIgnoreDirectives.read(root: root, file: file)
        loaded.model.ignoreDirectives = ignores.directives
        loaded.warnings += ignores.warnings
        (loaded.exports, loaded.outputs) = StackExports.values(template: template, root: root, options: options)
        return loaded
    }
}
