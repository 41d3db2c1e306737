import SSMLintModel
import SSMLintYAML

/// The sections of a CloudFormation template, indexed for the resolver.
/// Only the document's shape is checked here; semantic oddities (a resource
/// without Type, Properties that are not a mapping) become remarks, because
/// templates that parse must load.
struct CloudFormationTemplate {
    struct Parameter {
        var name: String
        var type: String
        var defaultValue: YAMLNode?
        var node: YAMLNode
    }

    struct ResourceDeclaration {
        var id: String
        var keyRange: SourceRange
        var node: YAMLNode
        var type: String?
        var properties: YAMLNode?
        var condition: String?
    }

    var parameters: [String: Parameter] = [:]
    var mappings: YAMLNode?
    var conditions: [String: YAMLNode] = [:]
    var resources: [ResourceDeclaration] = []
    var resourceIndex: [String: Int] = [:]
    var transforms: [String] = []
    /// Output values, for the resolver to read the resources they name: other
    /// stacks (through Export or a parent stack) may extend those resources.
    var outputValues: [YAMLNode] = []
    var remarks: [String] = []

    init(root: YAMLNode) {
        if let node = root["Parameters"], let entries = node.mapping {
            for entry in entries {
                guard let name = entry.key.scalar else { continue }
                parameters[name] = Parameter(
                    name: name, type: entry.value["Type"]?.scalar ?? "String",
                    defaultValue: entry.value["Default"], node: entry.value)
            }
        }
        mappings = root["Mappings"]
        if let node = root["Conditions"], let entries = node.mapping {
            for entry in entries {
                if let name = entry.key.scalar { conditions[name] = entry.value }
            }
        }
        for entry in root["Outputs"]?.mapping ?? [] {
            if let value = entry.value["Value"] { outputValues.append(value) }
        }
        if let transform = root["Transform"] {
            if let name = transform.scalar {
                transforms = [name]
            } else if let items = transform.sequence {
                transforms = items.compactMap { $0.scalar ?? $0["Name"]?.scalar }
            }
        }
        guard let resourcesNode = root["Resources"] else { return }
        guard let entries = resourcesNode.mapping else {
            remarks.append("line \(resourcesNode.range.start.line): Resources is \(resourcesNode.kindName), not a mapping; no resource was checked")
            return
        }
        // Sized once: on a large template the declarations are held next to
        // the model built from them, and regrowing would leave up to half unused.
        resources.reserveCapacity(entries.count)
        resourceIndex.reserveCapacity(entries.count)
        for entry in entries {
            guard let id = entry.key.scalar else { continue }
            if id.hasPrefix("Fn::ForEach::") {
                remarks.append("line \(entry.key.range.start.line): \(id) (AWS::LanguageExtensions) is not expanded; the resources it declares are not checked")
                continue
            }
            guard entry.value.mapping != nil else {
                remarks.append("line \(entry.value.range.start.line): resource \(id) is \(entry.value.kindName), not a mapping; skipped")
                continue
            }
            let type = entry.value["Type"]?.scalar
            if type == nil {
                remarks.append("line \(entry.value.range.start.line): resource \(id) has no Type; skipped")
            }
            var properties = entry.value["Properties"]
            if let node = properties, node.mapping == nil, !node.isNull {
                remarks.append("line \(node.range.start.line): Properties of \(id) is \(node.kindName), not a mapping; ignored")
                properties = nil
            }
            resourceIndex[id] = resources.count
            resources.append(ResourceDeclaration(
                id: id, keyRange: entry.key.range, node: entry.value, type: type,
                properties: properties, condition: entry.value["Condition"]?.scalar))
        }
    }

    func resource(_ id: String) -> ResourceDeclaration? {
        resourceIndex[id].map { resources[$0] }
    }

    /// Whether `id` is declared, without copying its declaration.
    func declares(_ id: String) -> Bool { resourceIndex[id] != nil }
}
