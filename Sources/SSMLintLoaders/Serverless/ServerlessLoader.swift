import SSMLintModel
import SSMLintYAML

/// A Serverless Framework service (`serverless.yml`): its `resources` section
/// (`Resources`, `Outputs`, `Conditions`) is raw CloudFormation that the
/// framework merges into the stack it generates. ssmlint scans that section
/// as a template, with the framework's own variables as unknown values. The
/// resources the framework generates itself (functions, their roles) are not
/// in the file and are not checked.
enum ServerlessLoader {
    static func load(resources: YAMLNode, file: String, options: LoadOptions) -> LoadedInput {
        var loaded = CloudFormationLoader.load(root: ServerlessVariables.mark(resources), file: file, options: options)
        if let section = resources["Resources"], section.mapping == nil {
            let detail = section.scalar.flatMap(ServerlessVariables.variable(in:)).map { " (\($0))" } ?? ""
            loaded.remarks.removeAll { $0.hasPrefix("line \(section.range.start.line): Resources is") }
            loaded.remarks.append("line \(section.range.start.line): resources.Resources comes from elsewhere\(detail); its resources are not checked")
        }
        return loaded
    }
}
