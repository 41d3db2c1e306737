import SSMLintModel
import SSMLintYAML

/// The parts of `terraform show -json` output ssmlint reads (docs/how-it-decides.md),
/// indexed: planned resource instances, their changes, and the configuration
/// that tells where unknown values come from.
struct TerraformPlan {
    /// One resource instance from `planned_values` (root or child modules).
    struct Instance {
        var address: String
        /// `module.net.aws_subnet.priv` for `module.net.aws_subnet.priv[1]`.
        var base: String
        /// `module.net` or "" for the root module.
        var module: String
        var type: String
        var index: Index?
        var values: YAMLNode
        var node: YAMLNode
    }

    enum Index: Hashable {
        case number(Int)
        case key(String)

        var description: String {
            switch self {
            case .number(let value): return "[\(value)]"
            case .key(let value): return "[\"\(value)\"]"
            }
        }
    }

    /// A module's configuration: its resources' expressions, its outputs, and
    /// how its parent calls it.
    final class ModuleConfig {
        let path: String
        var resources: [String: YAMLNode] = [:]
        var outputs: [String: YAMLNode] = [:]
        var calls: [String: (inputs: YAMLNode?, module: ModuleConfig)] = [:]
        weak var parent: ModuleConfig?
        /// The inputs this module's parent passes (`module_calls.<name>.expressions`).
        var inputs: YAMLNode?
        /// The call's `source` as written (`./modules/net`, `terraform-aws-modules/vpc/aws`).
        var source: String?

        init(path: String) { self.path = path }
    }

    var formatVersion: String
    var instances: [Instance] = []
    var instancesByBase: [String: [Int]] = [:]
    var instanceIndex: [String: Int] = [:]
    /// The `aws_vpc` and `aws_default_vpc` instances each module instance
    /// (`module.a[0]`, "" for the root) plans.
    var vpcsByModule: [String: [Int]] = [:]
    var afterUnknown: [String: YAMLNode] = [:]
    var actions: [String: [String]] = [:]
    var rootVariables: YAMLNode?
    var root = ModuleConfig(path: "")
    var modules: [String: ModuleConfig] = [:]
    var region: YAMLNode?
    /// `provider_config` entries of the aws provider (`aws`, `aws.west`,
    /// `module.net:aws`): their `region` expression, nil when not set.
    var awsProviderRegions: [String: YAMLNode?] = [:]

    static func supportedMajor(_ version: String) -> Bool {
        let major = version.split(separator: ".").first.map(String.init) ?? version
        return major == "0" || major == "1"
    }

    init(root document: YAMLNode) {
        formatVersion = document["format_version"]?.scalar ?? ""
        rootVariables = document["variables"]
        if let planned = document["planned_values"]?["root_module"] { collect(planned) }
        for change in document["resource_changes"]?.sequence ?? [] {
            guard let address = change["address"]?.scalar, change["deposed"] == nil else { continue }
            if let unknown = change["change"]?["after_unknown"] { afterUnknown[address] = unknown }
            actions[address] = change["change"]?["actions"]?.sequence?.compactMap(\.scalar) ?? []
        }
        modules[""] = root
        if let configuration = document["configuration"] {
            load(configuration["root_module"], into: root)
            region = configuration["provider_config"]?["aws"]?["expressions"]?["region"]
            for entry in configuration["provider_config"]?.mapping ?? [] {
                guard let key = entry.key.scalar, entry.value["name"]?.scalar == "aws" else { continue }
                awsProviderRegions[key] = entry.value["expressions"]?["region"]
            }
        }
    }

    private mutating func collect(_ module: YAMLNode) {
        for resource in module["resources"]?.sequence ?? [] {
            guard resource["mode"]?.scalar == "managed", let address = resource["address"]?.scalar,
                  let type = resource["type"]?.scalar else { continue }
            // Terraform omits `values` when every attribute is unknown.
            let values = resource["values"] ?? YAMLNode(content: .mapping([]), tag: nil, range: resource.range)
            let index: Index? = resource["index"].flatMap { node in
                guard let text = node.scalar, !node.isNull else { return nil }
                if case .scalar(_, .doubleQuoted) = node.content { return .key(text) }
                return Int(text).map { .number($0) } ?? .key(text)
            }
            let base = index.map { address.hasSuffix($0.description) ? String(address.dropLast($0.description.count)) : address } ?? address
            let module = Self.modulePath(of: base)
            instanceIndex[address] = instances.count
            if type == "aws_vpc" || type == "aws_default_vpc" { vpcsByModule[module, default: []].append(instances.count) }
            instancesByBase[base, default: []].append(instances.count)
            instances.append(Instance(address: address, base: base, module: module, type: type, index: index,
                                      values: values, node: resource))
        }
        for child in module["child_modules"]?.sequence ?? [] { collect(child) }
    }

    /// `module.a.module.b.aws_x.y` -> `module.a.module.b`.
    static func modulePath(of address: String) -> String {
        var parts: [Substring] = []
        var rest = Substring(address)
        while rest.hasPrefix("module.") {
            let afterPrefix = rest.dropFirst("module.".count)
            guard let dot = afterPrefix.firstIndex(of: ".") else { break }
            parts.append(rest[..<dot])
            rest = afterPrefix[afterPrefix.index(after: dot)...]
        }
        return parts.joined(separator: ".")
    }

    private mutating func load(_ node: YAMLNode?, into module: ModuleConfig) {
        guard let node else { return }
        for resource in node["resources"]?.sequence ?? [] {
            guard let address = resource["address"]?.scalar, resource["mode"]?.scalar != "data" else { continue }
            module.resources[address] = resource
        }
        for entry in node["outputs"]?.mapping ?? [] {
            if let name = entry.key.scalar, let expression = entry.value["expression"] { module.outputs[name] = expression }
        }
        for entry in node["module_calls"]?.mapping ?? [] {
            guard let name = entry.key.scalar else { continue }
            let path = module.path.isEmpty ? "module.\(name)" : "\(module.path).module.\(name)"
            let child = ModuleConfig(path: path)
            child.parent = module
            child.inputs = entry.value["expressions"]
            child.source = entry.value["source"]?.scalar
            modules[path] = child
            module.calls[name] = (entry.value["expressions"], child)
            load(entry.value["module"], into: child)
        }
    }

    /// The configuration block of an instance's resource (module-relative address, no index).
    func configuration(of instance: Instance) -> YAMLNode? {
        let relative = instance.module.isEmpty ? instance.base : String(instance.base.dropFirst(instance.module.count + 1))
        return modules[TerraformValueBuilder.stripIndexes(instance.module)]?.resources[relative]
    }

    /// Every called module's path (`module.a.module.b`) -> its `source` as written.
    var moduleSources: [String: String] {
        var result: [String: String] = [:]
        for (path, module) in modules where !path.isEmpty {
            result[path] = module.source ?? ""
        }
        return result
    }

    func instances(ofBase base: String) -> [Instance] {
        (instancesByBase[base] ?? []).map { instances[$0] }
    }
}
