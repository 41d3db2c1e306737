import SSMLintModel
import SSMLintYAML

/// The `manifest.json` of an AWS CDK cloud assembly (`cdk.out`): which
/// template file each stack artifact deploys, and under which stack name
/// (`properties.stackName`, otherwise the artifact ID). The name fixes
/// `AWS::StackName`, so exports named after the stack can be linked.
///
/// Template files are names inside the assembly directory: one that is
/// absolute or climbs out with `..` is refused, never followed.
/// [Cloud assembly schema](https://github.com/aws/aws-cdk-cli/tree/main/packages/%40aws-cdk/cloud-assembly-schema)
public struct CloudAssemblyManifest: Sendable {
    public struct Stack: Sendable {
        /// The artifact's ID (the CDK construct ID of the stack).
        public var artifactID: String
        public var stackName: String
        /// Relative to the assembly directory, as written.
        public var templateFile: String
        /// Artifact IDs it depends on (deployed before it).
        public var dependencies: [String]
        /// Where `templateFile` is written, for errors about the file.
        public var position: SourcePosition
    }

    public var stacks: [Stack] = []

    /// Quick test on the raw bytes before parsing.
    public static func mayBeManifest(_ bytes: [UInt8]) -> Bool {
        StackInterface.contains(bytes, "aws:cloudformation:stack") && StackInterface.contains(bytes, "artifacts")
    }

    private static let artifactType = "aws:cloudformation:stack"

    /// Parses a manifest; the error names the line and column of the first
    /// problem. A manifest with no stack artifact is not one (nil).
    public static func parse(_ bytes: [UInt8], file: String) -> Result<CloudAssemblyManifest, LoadError>? {
        guard mayBeManifest(bytes) else { return nil }
        let root: YAMLNode
        do {
            guard let document = try YAMLParser.parse(bytes, limits: InputLoader.documentLimits) else { return nil }
            root = document
        } catch {
            return .failure(LoadError(file: file, position: error.position, message: "CDK assembly manifest: \(error.message)"))
        }
        func fail(_ node: YAMLNode, _ message: String) -> Result<CloudAssemblyManifest, LoadError> {
            .failure(LoadError(file: file, position: node.range.start, message: "CDK assembly manifest: \(message)"))
        }
        guard let artifacts = root["artifacts"], artifacts.mapping != nil else { return nil }
        var manifest = CloudAssemblyManifest()
        for entry in artifacts.mapping! {
            guard entry.value["type"]?.scalar == artifactType else { continue }
            guard let id = entry.key.scalar, !id.isEmpty else { return fail(entry.key, "an artifact ID must be a string") }
            guard let properties = entry.value["properties"], properties.mapping != nil else {
                return fail(entry.value, "stack artifact \(id) has no properties")
            }
            guard let templateNode = properties["templateFile"] else { return fail(properties, "stack artifact \(id) has no templateFile") }
            guard let templateFile = templateNode.scalar, !templateFile.isEmpty else {
                return fail(templateNode, "stack artifact \(id): templateFile must be a file name")
            }
            guard isInsideAssembly(templateFile) else {
                return fail(templateNode, "stack artifact \(id): templateFile '\(templateFile)' is not a file inside the assembly directory; it is not read")
            }
            var stackName = id
            if let nameNode = properties["stackName"] {
                guard let name = nameNode.scalar, !name.isEmpty else { return fail(nameNode, "stack artifact \(id): stackName must be a string") }
                stackName = name
            }
            var dependencies: [String] = []
            if let node = entry.value["dependencies"] {
                guard let items = node.sequence else { return fail(node, "stack artifact \(id): dependencies must be a list of artifact IDs") }
                for item in items {
                    guard let name = item.scalar else { return fail(item, "stack artifact \(id): dependencies must be a list of artifact IDs") }
                    dependencies.append(name)
                }
            }
            manifest.stacks.append(Stack(artifactID: id, stackName: stackName, templateFile: templateFile,
                                         dependencies: dependencies, position: templateNode.range.start))
        }
        return manifest.stacks.isEmpty ? nil : .success(manifest)
    }

    /// A relative path that stays in the assembly directory: not absolute,
    /// no `..` component, no NUL or backslash.
    public static func isInsideAssembly(_ path: String) -> Bool {
        guard !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }
}
