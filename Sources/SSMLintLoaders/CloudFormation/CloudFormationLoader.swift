import SSMLintModel
import SSMLintYAML

/// CloudFormation YAML or JSON -> model.
public enum CloudFormationLoader {
    public static func load(root: YAMLNode, file: String, options: LoadOptions) -> LoadedInput {
        // The ignore directives are read from the document alone: on a large
        // template, on a second core while the template's sections are gathered
        // (one core is otherwise idle between the parse and the parallel build).
        let large = (root["Resources"]?.mapping?.count ?? 0) >= CloudFormationModelBuilder.partedBuildThreshold
        let (template, ignores) = bothAtOnce(concurrently: large,
                                             { CloudFormationTemplate(root: root) },
                                             { CloudFormationIgnoreDirectives.read(root: root, file: file) })
        var loaded = CloudFormationModelBuilder.build(file: file, template: template, options: options)
        loaded.model.ignoreDirectives = ignores.directives
        loaded.warnings += ignores.warnings
        (loaded.exports, loaded.outputs) = StackExports.values(template: template, root: root, options: options)
        return loaded
    }
}
