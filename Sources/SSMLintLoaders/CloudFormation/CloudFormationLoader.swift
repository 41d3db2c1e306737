import Dispatch
import SSMLintModel
import SSMLintYAML

/// CloudFormation YAML or JSON -> model.
public enum CloudFormationLoader {
    public static func load(root: YAMLNode, file: String, options: LoadOptions) -> LoadedInput {
        // The ignore directives are read from the document alone: on a large
        // template, on a second core while the template's sections are gathered
        // (one core is otherwise idle between the parse and the parallel build).
        let large = (root["Resources"]?.mapping?.count ?? 0) >= CloudFormationModelBuilder.partedBuildThreshold
        nonisolated(unsafe) var template: CloudFormationTemplate?
        nonisolated(unsafe) var ignores: (directives: [IgnoreDirective], warnings: [InputWarning])?
        if large {
            // Each iteration writes only its own variable; concurrentPerform returns once both have.
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 { template = CloudFormationTemplate(root: root) } else { ignores = CloudFormationIgnoreDirectives.read(root: root, file: file) }
            }
        } else {
            template = CloudFormationTemplate(root: root)
            ignores = CloudFormationIgnoreDirectives.read(root: root, file: file)
        }
        var loaded = CloudFormationModelBuilder.build(file: file, template: template!, options: options)
        loaded.model.ignoreDirectives = ignores!.directives
        loaded.warnings += ignores!.warnings
        (loaded.exports, loaded.outputs) = StackExports.values(template: template!, root: root, options: options)
        return loaded
    }
}
