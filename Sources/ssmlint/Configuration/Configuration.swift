import Foundation
import SSMLintEngine
import SSMLintYAML

/// `.ssmlint.yaml`: the settings a repository keeps instead of repeating flags
/// in every pipeline. Command-line options win over the file. Paths in the
/// file are relative to the file's directory; `path` globs match input paths
/// as reports show them (relative to the report root). The file can never make
/// ssmlint load code: compiled rule packs come only from `--plugin`.
struct Configuration {
    /// The file as messages and reports name it (relative to the report root).
    var file: String
    /// Its directory on disk, to resolve the relative paths it holds.
    var directory: String

    var only: [String] = []
    var enable: [String] = []
    var disable: [String] = []
    /// Rule ID or slug → level for every finding of that rule.
    var severity: [(rule: String, level: Severity, position: SourcePosition)] = []
    var failOn: FailureThreshold?
    var failOnInputError: Bool?
    var showUnresolved: Bool?
    var allInstances: Bool?
    /// Check resources whose Condition is false only with the parameters' Defaults.
    var includeDefaultOffResources: Bool?
    var region: String?
    var parameters: [String: String] = [:]
    /// Parameter files for every template, read by `readParameterFiles`; `parameters` wins over them.
    var parameterFiles: [FileSetting] = []
    var templates: [TemplateSettings] = []
    var exclude: [Glob] = []
    var suppressions: [SuppressionRule] = []
    var baseline: String?
    var rulePacks: [String] = []
    /// The Terraform configuration of the plans (resolved against the file's directory), and where it is set.
    var terraformSource: (path: String, position: SourcePosition)?

    /// Parameters, Region and stack name for the templates whose path matches `path`.
    struct TemplateSettings {
        var path: Glob
        var parameters: [String: String]
        var parameterFiles: [FileSetting] = []
        var region: String?
        /// The stack the template is deployed as (`AWS::StackName`).
        var stackName: String?
    }

    /// A file the configuration names: resolved against its directory, as written, and where.
    struct FileSetting {
        var path: String
        var written: String
        var position: SourcePosition
    }

    /// A problem with the file: `file:line:col: message`, exit 64.
    struct Invalid: Error, CustomStringConvertible {
        var file: String
        var position: SourcePosition
        var message: String
        var description: String { "\(file):\(position.line):\(position.column): \(message)" }
    }

    static let topLevelKeys = [
        "rules", "failOn", "failOnInputError", "showUnresolved", "allInstances", "includeDefaultOffResources", "region", "parameters", "parameterFiles", "templates",
        "exclude", "suppressions", "baseline", "rulePacks", "terraformSource",
    ]

    /// Parses the file's bytes.
    init(bytes: [UInt8], file path: String, displayName: String) throws(Invalid) {
        let file = displayName
        self.file = file
        self.directory = (path as NSString).deletingLastPathComponent
        let root: YAMLNode
        do {
            guard let document = try YAMLParser.parse(bytes) else { return }   // an empty file sets nothing
            root = document
        } catch {
            throw Invalid(file: file, position: error.position, message: error.message)
        }
        if root.isNull { return }
        let reader = ConfigReader(file: file)
        let entries = try reader.mapping(root, "the configuration", keys: Self.topLevelKeys)
        for (key, node) in entries {
            switch key {
            case "rules":
                let rules = try reader.mapping(node, "rules", keys: ["only", "enable", "disable", "severity"])
                for (ruleKey, value) in rules {
                    switch ruleKey {
                    case "only": only = try reader.strings(value, "rules.only")
                    case "enable": enable = try reader.strings(value, "rules.enable")
                    case "disable": disable = try reader.strings(value, "rules.disable")
                    default:
                        for (rule, levelNode) in try reader.mapping(value, "rules.severity", keys: nil) {
                            guard let text = levelNode.scalar, let level = Severity(rawValue: text) else {
                                throw reader.fail(levelNode, "rules.severity.\(rule) must be error, warning or note")
                            }
                            severity.append((rule, level, levelNode.range.start))
                        }
                    }
                }
            case "failOn":
                guard let text = node.scalar, let value = FailureThreshold(rawValue: text) else {
                    throw reader.fail(node, "failOn must be error, warning, note or never")
                }
                failOn = value
            case "failOnInputError": failOnInputError = try reader.bool(node, key)
            case "showUnresolved": showUnresolved = try reader.bool(node, key)
            case "allInstances": allInstances = try reader.bool(node, key)
            case "includeDefaultOffResources": includeDefaultOffResources = try reader.bool(node, key)
            case "region": region = try reader.string(node, key)
            case "parameters": parameters = try reader.stringMap(node, key)
            case "parameterFiles": parameterFiles = try fileSettings(node, key, reader)
            case "templates":
                guard let items = node.sequence else { throw reader.fail(node, "templates must be a list of {path, parameters, parameterFiles, region, stackName}") }
                for item in items {
                    let fields = try reader.mapping(item, "a templates entry", keys: ["path", "parameters", "parameterFiles", "region", "stackName"])
                    guard let pathNode = fields.first(where: { $0.0 == "path" })?.1 else { throw reader.fail(item, "a templates entry needs a path glob") }
                    var settings = TemplateSettings(path: try reader.glob(pathNode, "templates.path"), parameters: [:])
                    for (field, value) in fields {
                        if field == "parameters" { settings.parameters = try reader.stringMap(value, "templates.parameters") }
                        if field == "region" { settings.region = try reader.string(value, "templates.region") }
                        if field == "stackName" { settings.stackName = try reader.string(value, "templates.stackName") }
                        if field == "parameterFiles" { settings.parameterFiles = try fileSettings(value, "templates.parameterFiles", reader) }
                    }
                    templates.append(settings)
                }
            case "exclude":
                guard let items = node.sequence else { throw reader.fail(node, "exclude must be a list of globs") }
                exclude = try items.map { item throws(Invalid) in try reader.glob(item, "exclude") }
            case "suppressions":
                guard let items = node.sequence else { throw reader.fail(node, "suppressions must be a list of {rule, resource, path, reason, expires}") }
                suppressions = try items.map { item throws(Invalid) in try reader.suppression(item) }
            case "baseline": baseline = resolve(try reader.string(node, key))
            case "rulePacks": rulePacks = try reader.strings(node, key).map(resolve)
            case "terraformSource": terraformSource = (resolve(try reader.string(node, key)), node.range.start)
            default: break
            }
        }
    }

    private func fileSettings(_ node: YAMLNode, _ what: String, _ reader: ConfigReader) throws(Invalid) -> [FileSetting] {
        guard let items = node.sequence else { throw reader.fail(node, "\(what) must be a list of files") }
        return try items.map { item throws(Invalid) in
            let written = try reader.string(item, what)
            return FileSetting(path: resolve(written), written: written, position: item.range.start)
        }
    }

    /// Reads the parameter files the configuration names into the parameter
    /// values of their level (the file's own `parameters` win over them).
    /// They are read only inside the repository the configuration lies in
    /// (or its directory, outside a repository).
    mutating func readParameterFiles(display: (String) -> String) throws {
        let root = RepositoryRoot.find(from: directory.isEmpty ? "." : directory) ?? (directory.isEmpty ? "." : directory)
        func values(_ files: [FileSetting]) throws -> [String: String] {
            var result: [String: String] = [:]
            for file in files {
                let read = try ParameterFiles.read(configured: file.path, inside: root, shown: display(file.path),
                                                   origin: "\(self.file):\(file.position.line):\(file.position.column)")
                result.merge(read) { _, new in new }
            }
            return result
        }
        parameters = try values(parameterFiles).merging(parameters) { _, inline in inline }
        for index in templates.indices {
            templates[index].parameters = try values(templates[index].parameterFiles).merging(templates[index].parameters) { _, inline in inline }
        }
    }

    /// A path written in the file, relative to the file's directory.
    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path))
    }

    /// Parameters and Region for one input path: global values, then every matching `templates` entry in order.
    func settings(for path: String) -> (parameters: [String: String], region: String?, stackName: String?) {
        var parameters = self.parameters
        var region = self.region
        var stackName: String?
        for template in templates where template.path.matches(path) {
            parameters.merge(template.parameters) { _, new in new }
            if let value = template.region { region = value }
            if let value = template.stackName { stackName = value }
        }
        return (parameters, region, stackName)
    }
}

/// Typed reading of configuration nodes, every error located.
private struct ConfigReader {
    let file: String

    func fail(_ node: YAMLNode, _ message: String) -> Configuration.Invalid {
        Configuration.Invalid(file: file, position: node.range.start, message: message)
    }

    /// A mapping's entries; with `keys`, an unknown key is an error.
    func mapping(_ node: YAMLNode, _ what: String, keys: [String]?) throws(Configuration.Invalid) -> [(String, YAMLNode)] {
        guard let entries = node.mapping else { throw fail(node, "\(what) must be a mapping") }
        var result: [(String, YAMLNode)] = []
        for entry in entries {
            guard let key = entry.key.scalar else { throw fail(entry.key, "keys in \(what) must be plain names") }
            if let keys, !keys.contains(key) {
                throw fail(entry.key, "unknown key '\(key)' in \(what); expected one of: \(keys.joined(separator: ", "))")
            }
            result.append((key, entry.value))
        }
        return result
    }

    func string(_ node: YAMLNode, _ what: String) throws(Configuration.Invalid) -> String {
        guard let text = node.scalar, !node.isNull else { throw fail(node, "\(what) must be a string") }
        return text
    }

    func bool(_ node: YAMLNode, _ what: String) throws(Configuration.Invalid) -> Bool {
        switch node.scalar.map({ $0.lowercased() }) {
        case "true"?: return true
        case "false"?: return false
        default: throw fail(node, "\(what) must be true or false")
        }
    }

    func strings(_ node: YAMLNode, _ what: String) throws(Configuration.Invalid) -> [String] {
        guard let items = node.sequence else { throw fail(node, "\(what) must be a list") }
        return try items.map { item throws(Configuration.Invalid) in try string(item, what) }
    }

    func stringMap(_ node: YAMLNode, _ what: String) throws(Configuration.Invalid) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in try mapping(node, what, keys: nil) {
            guard let text = value.scalar, value.sequence == nil else { throw fail(value, "\(what).\(key) must be a scalar value") }
            result[key] = text
        }
        return result
    }

    func glob(_ node: YAMLNode, _ what: String, kind: Glob.Kind = .path) throws(Configuration.Invalid) -> Glob {
        let text = try string(node, what)
        do { return try Glob(text, kind: kind) } catch { throw fail(node, "\(what): \(error.description)") }
    }

    func suppression(_ node: YAMLNode) throws(Configuration.Invalid) -> SuppressionRule {
        let fields = try mapping(node, "a suppression", keys: ["rule", "resource", "path", "reason", "expires"])
        func field(_ name: String) -> YAMLNode? { fields.first { $0.0 == name }?.1 }
        guard let ruleNode = field("rule") else { throw fail(node, "a suppression needs a rule (ID or slug)") }
        guard let reasonNode = field("reason"), let reason = reasonNode.scalar?.trimmingCharacters(in: .whitespacesAndNewlines),
              !reason.isEmpty else {
            throw fail(node, "a suppression needs a reason: say why the finding is accepted")
        }
        var expires: CalendarDay?
        if let node = field("expires") {
            guard let text = node.scalar, let day = CalendarDay(text) else { throw fail(node, "expires must be a date, YYYY-MM-DD") }
            expires = day
        }
        let resource = try field("resource").map { node throws(Configuration.Invalid) in try glob(node, "resource", kind: .resourceName) }
        let path = try field("path").map { node throws(Configuration.Invalid) in try glob(node, "path") }
        return SuppressionRule(
            rule: try string(ruleNode, "rule"), scope: .matching(resource: resource, path: path),
            suppression: Suppression(kind: .external, reason: reason, expires: expires,
                                     origin: "\(file):\(node.range.start.line):\(node.range.start.column)"))
    }
}
