import SSMLintModel
import SSMLintYAML

/// `AWS::CloudFormation::Stack` resources whose template is a local file:
/// the parameters a parent passes to each, and which sibling stacks' outputs
/// those parameters read (so siblings load in order).
public enum NestedStacks {
    /// A `TemplateURL` that names a local file: not a URL, not an intrinsic.
    /// `aws cloudformation package` uploads these and rewrites them to S3 URLs.
    static func isLocal(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return !url.isEmpty && !lowered.hasPrefix("https://") && !lowered.hasPrefix("http://") && !lowered.hasPrefix("s3://")
    }

    /// The template file of a CDK nested stack, from the resource's
    /// `Metadata` (`aws:asset:path`, with `aws:asset:property: TemplateURL`):
    /// the `TemplateURL` itself points at the asset bucket. Only a relative
    /// path inside the assembly directory is taken.
    static func cdkAssetPath(_ resource: YAMLNode) -> String? {
        guard let metadata = resource["Metadata"], metadata["aws:asset:property"]?.scalar == "TemplateURL",
              let path = metadata["aws:asset:path"]?.scalar, !path.isEmpty,
              CloudAssemblyManifest.isInsideAssembly(path) else { return nil }
        return path
    }

    /// The parameters the parent template (`bytes`) passes to its nested stack
    /// `logicalID`, resolved with what `options` knows (imports, the outputs of
    /// siblings already loaded); and the siblings among `stacks` they read.
    public static func parameters(parent bytes: [UInt8], stack logicalID: String, siblings stacks: Set<String>,
                                  options: LoadOptions) -> (values: [String: PropertyValue], reads: Set<String>) {
        guard let root = try? YAMLParser.parse(bytes, limits: InputLoader.documentLimits) else { return ([:], []) }
        let template = CloudFormationTemplate(root: root)
        guard let node = template.resource(logicalID)?.properties?["Parameters"], let entries = node.mapping else { return ([:], []) }
        let resolver = IntrinsicResolver(template: template, options: options)
        var values: [String: PropertyValue] = [:]
        for entry in entries {
            guard let name = entry.key.scalar, let value = resolver.resolve(entry.value) else { continue }
            values[name] = value
        }
        return (values, reads(node, stacks: stacks))
    }

    /// Names of `stacks` whose outputs a node reads (`!GetAtt Net.Outputs.X`,
    /// `${Net.Outputs.X}` in `Fn::Sub`).
    private static func reads(_ node: YAMLNode, stacks: Set<String>) -> Set<String> {
        var found: Set<String> = []
        var pending = [node]
        while let node = pending.popLast() {
            if let (name, argument) = IntrinsicResolver.functionCall(node) {
                if name == "Fn::GetAtt" {
                    let target = argument.scalar.map { String($0.prefix { $0 != "." }) } ?? argument.sequence?.first?.scalar
                    if let target, stacks.contains(target) { found.insert(target) }
                } else if name == "Fn::Sub" {
                    let text = argument.scalar ?? argument.sequence?.first?.scalar ?? ""
                    for stack in stacks where text.contains("${\(stack).Outputs.") { found.insert(stack) }
                }
            }
            switch node.content {
            case .scalar: break
            case .sequence(let items): pending.append(contentsOf: items)
            case .mapping(let entries): pending.append(contentsOf: entries.map(\.value))
            }
        }
        return found
    }
}
