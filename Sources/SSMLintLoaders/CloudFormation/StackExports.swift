import SSMLintModel
import SSMLintYAML

/// What a CloudFormation template exchanges with other stacks through
/// `Outputs.*.Export.Name` and `Fn::ImportValue`, as far as the names are
/// known as text (a literal, or `!Sub "${AWS::StackName}-X"` once the stack's
/// name is known). A scan links templates whose names match.
public struct StackInterface: Sendable {
    /// Export names the template declares.
    public var exports: [String] = []
    /// Export names the template imports.
    public var imports: [String] = []
    /// `AWS::CloudFormation::Stack` resources whose `TemplateURL` is a local
    /// file (a template before `aws cloudformation package`), as written.
    public var nestedStacks: [(logicalID: String, templateURL: String)] = []
    /// The nested stacks among `nestedStacks` whose template is a CDK asset
    /// (`Metadata` `aws:asset:path`, a file of the cloud assembly next to
    /// this template): a planted link there is not followed.
    public var assetStacks: Set<String> = []

    /// Quick test on the raw bytes: only a template that mentions an export
    /// or an import is parsed for its interface.
    static func mayLink(_ bytes: [UInt8]) -> Bool {
        contains(bytes, "Export") || mayDependOnOthers(bytes)
    }

    /// Quick test on the raw bytes: whether the template may import or nest
    /// another; when no input of a scan does, nothing is linked or parsed twice.
    public static func mayDependOnOthers(_ bytes: [UInt8]) -> Bool {
        contains(bytes, "ImportValue") || contains(bytes, "AWS::CloudFormation::Stack")
    }

    static func contains(_ bytes: [UInt8], _ word: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        var index = 0
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == first && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }

    /// The interface of a CloudFormation template; nil for anything else, or
    /// a template that mentions neither exports, imports nor nested stacks.
    public static func read(bytes: [UInt8], options: LoadOptions) -> StackInterface? {
        guard mayLink(bytes), let root = try? YAMLParser.parse(bytes, limits: InputLoader.documentLimits) else { return nil }
        return read(root: root, options: options)
    }

    static func read(root: YAMLNode, options: LoadOptions) -> StackInterface? {
        guard case .cloudFormation = InputKind.of(root) else { return nil }
        let template = CloudFormationTemplate(root: root)
        let resolver = IntrinsicResolver(template: template, options: options)
        var interface = StackInterface()
        interface.exports = StackExports.names(root: root, resolver: resolver)
        for declaration in template.resources where declaration.type == "AWS::CloudFormation::Stack" {
            if let url = declaration.properties?["TemplateURL"]?.scalar, NestedStacks.isLocal(url) {
                interface.nestedStacks.append((declaration.id, url))
            } else if let path = NestedStacks.cdkAssetPath(declaration.node) {
                interface.nestedStacks.append((declaration.id, path))
                interface.assetStacks.insert(declaration.id)
            }
        }
        var pending: [YAMLNode] = [root]
        while let node = pending.popLast() {
            if let (name, argument) = IntrinsicResolver.functionCall(node), name == "Fn::ImportValue" {
                if let text = resolver.resolve(argument)?.scalar { interface.imports.append(text) }
                continue
            }
            switch node.content {
            case .scalar: break
            case .sequence(let items): pending.append(contentsOf: items)
            case .mapping(let entries): pending.append(contentsOf: entries.map(\.value))
            }
        }
        return interface
    }
}

/// The values a template exports and outputs, resolved as the rest of the template is.
enum StackExports {
    static func values(template: CloudFormationTemplate, root: YAMLNode, options: LoadOptions)
        -> (exports: [String: PropertyValue], outputs: [String: PropertyValue]) {
        guard let entries = root["Outputs"]?.mapping, !entries.isEmpty else { return ([:], [:]) }
        let resolver = IntrinsicResolver(template: template, options: options)
        var exports: [String: PropertyValue] = [:]
        for (name, output) in exported(root: root, resolver: resolver) {
            if let node = output["Value"], let value = resolver.resolve(node) { exports[name] = value }
        }
        var outputs: [String: PropertyValue] = [:]
        for entry in entries {
            guard let name = entry.key.scalar, let node = entry.value["Value"] else { continue }
            if let condition = entry.value["Condition"]?.scalar, resolver.condition(named: condition).known == false { continue }
            if let value = resolver.resolve(node) { outputs[name] = value }
        }
        return (exports, outputs)
    }

    static func names(root: YAMLNode, resolver: IntrinsicResolver) -> [String] {
        exported(root: root, resolver: resolver).map(\.name)
    }

    /// Outputs whose export name resolves to text, skipping outputs whose
    /// Condition is false.
    private static func exported(root: YAMLNode, resolver: IntrinsicResolver) -> [(name: String, output: YAMLNode)] {
        var result: [(String, YAMLNode)] = []
        for entry in root["Outputs"]?.mapping ?? [] {
            let output = entry.value
            guard let nameNode = output["Export"]?["Name"], let name = resolver.resolve(nameNode)?.scalar, !name.isEmpty else { continue }
            if let condition = output["Condition"]?.scalar, resolver.condition(named: condition).known == false { continue }
            result.append((name, output))
        }
        return result
    }
}
