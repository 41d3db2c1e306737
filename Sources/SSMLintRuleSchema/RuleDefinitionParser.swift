import Foundation
import SSMLintYAML

/// Reads one rule file (`rules/<ID>.yaml` or a pack rule) into a `RuleDefinition`.
public struct RuleDefinitionParser {
    /// Reads the file an example names with `file:` (relative to the rule file).
    public typealias FileReader = (String) -> String?

    public let file: String
    private let readFile: FileReader

    public init(file: String, readFile: @escaping FileReader = { _ in nil }) {
        self.file = file
        self.readFile = readFile
    }

    public static let knownKeys: Set<String> = [
        "id", "slug", "name", "summary", "description", "remediation", "helpUri", "links", "severity",
        "securitySeverity", "tags", "severityVariants", "implementation", "examples", "check", "resources", "message",
    ]

    /// Parses `bytes`; `extraKeys` are accepted at top level (a pack's `check`, `message`, …).
    public func parse(_ bytes: [UInt8], extraKeys: Set<String> = []) throws(RuleDefinitionError) -> (RuleDefinition, YAMLNode) {
        let root: YAMLNode
        do {
            guard let node = try YAMLParser.parse(bytes) else {
                throw RuleDefinitionError(file: file, position: SourcePosition(line: 1, column: 1), message: "the rule file is empty")
            }
            root = node
        } catch let error as YAMLError {
            throw RuleDefinitionError(file: file, position: error.position, message: error.message)
        } catch let error as RuleDefinitionError {
            throw error
        } catch {
            throw RuleDefinitionError(file: file, position: SourcePosition(line: 1, column: 1), message: "\(error)")
        }
        return (try definition(from: root, extraKeys: extraKeys), root)
    }

    public func definition(from root: YAMLNode, extraKeys: Set<String> = []) throws(RuleDefinitionError) -> RuleDefinition {
        guard let entries = root.mapping else { throw fail(root, "a rule file must be a mapping, found \(root.kindName)") }
        for entry in entries {
            guard let key = entry.key.scalar else { throw fail(entry.key, "keys must be plain strings") }
            if !Self.knownKeys.contains(key) && !extraKeys.contains(key) {
                throw fail(entry.key, "unknown key '\(key)'; expected one of \((Self.knownKeys.union(extraKeys)).sorted().joined(separator: ", "))")
            }
        }
        let id = try requiredString(root, "id")
        guard id.range(of: "^[A-Z][A-Z0-9]*[0-9]{3}$", options: .regularExpression) != nil else {
            throw fail(root["id"]!, "rule id '\(id)' must be letters followed by three digits, like SSM006 or ACME001")
        }
        let slug = try optionalString(root, "slug") ?? id.lowercased()
        guard slug.range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) != nil else {
            throw fail(root["slug"]!, "slug '\(slug)' must be lower-case words joined by '-'")
        }
        let severityNode = root["severity"]
        let severity = try severityValue(severityNode, default: nil, context: "severity")
        var variants: [String: Severity] = [:]
        if let node = root["severityVariants"] {
            guard let items = node.mapping else { throw fail(node, "severityVariants must map variant names to levels") }
            for item in items {
                guard let name = item.key.scalar else { throw fail(item.key, "variant names must be strings") }
                variants[name] = try severityValue(item.value, default: nil, context: "severityVariants.\(name)")
            }
        }
        let securitySeverity = try optionalString(root, "securitySeverity") ?? Self.defaultSecuritySeverity(severity)
        if let score = Double(securitySeverity), score > 0, score <= 10 {} else {
            throw fail(root["securitySeverity"] ?? root, "securitySeverity must be a number in (0, 10], found '\(securitySeverity)'")
        }
        let name = try requiredString(root, "name")
        var check: CheckCondition?
        if let node = root["check"] { check = try DeclarativeCheckParser(file: file).parse(node) }
        let resourceTypes = try stringList(root["resources"], context: "resources")
        let implementation = try optionalString(root, "implementation")
        if check != nil && implementation != nil {
            throw fail(root["check"]!, "a rule has either an implementation or a check, not both")
        }
        if check != nil && resourceTypes.isEmpty {
            throw fail(root["check"]!, "a declarative rule needs 'resources': the resource types it checks (e.g. [AWS::EC2::Instance, aws_instance])")
        }
        if let check, let stray = Self.pathTypes(check).first(where: { !resourceTypes.contains($0) }) {
            throw fail(root["check"]!, "the check has a path for \(stray), which is not in 'resources' (\(resourceTypes.joined(separator: ", ")))")
        }
        return RuleDefinition(
            id: id, slug: slug, name: name,
            summary: try optionalString(root, "summary") ?? name,
            description: try optionalString(root, "description") ?? name,
            remediation: try optionalString(root, "remediation") ?? "",
            helpURI: try helpURI(root),
            links: try links(root["links"]),
            severity: severity,
            securitySeverity: securitySeverity,
            tags: try stringList(root["tags"], context: "tags"),
            severityVariants: variants,
            implementation: implementation,
            examples: try examples(root["examples"], defaultSeverity: severity, variants: variants),
            check: check, resourceTypes: resourceTypes, message: try optionalString(root, "message"))
    }

    private func helpURI(_ root: YAMLNode) throws(RuleDefinitionError) -> String {
        guard let text = try optionalString(root, "helpUri") else { return "" }
        guard RuleLink.isValidURL(text) else {
            throw fail(root["helpUri"]!, "helpUri must be an absolute http(s) URL without spaces or other characters URLs do not allow (percent-encode them)")
        }
        return text
    }

    /// `links:` a list of `{title, url}`: the documentation a rule rests on.
    private func links(_ node: YAMLNode?) throws(RuleDefinitionError) -> [RuleLink] {
        guard let node else { return [] }
        guard let items = node.sequence else { throw fail(node, "links must be a list of {title, url} mappings") }
        var result: [RuleLink] = []
        for item in items {
            guard let entries = item.mapping else { throw fail(item, "each link must be a mapping with 'title' and 'url'") }
            for entry in entries where !["title", "url"].contains(entry.key.scalar ?? "") {
                throw fail(entry.key, "unknown link key '\(entry.key.scalar ?? "?")'; expected title, url")
            }
            let title = try requiredString(item, "title")
            guard RuleLink.isValidTitle(title) else {
                throw fail(item["title"]!, "a link title must be one non-empty line of text")
            }
            let url = try requiredString(item, "url")
            guard RuleLink.isValidURL(url) else {
                throw fail(item["url"]!, "a link url must be an absolute http(s) URL without spaces or other characters URLs do not allow (percent-encode them)")
            }
            if result.contains(where: { $0.url == url }) { throw fail(item["url"]!, "duplicate link url '\(url)'") }
            result.append(RuleLink(title: title, url: url))
        }
        return result
    }

    /// The resource types named by per-type paths anywhere in a check.
    static func pathTypes(_ condition: CheckCondition) -> [String] {
        switch condition {
        case .test(let path, _): return path.byType.keys.sorted()
        case .not(let inner): return pathTypes(inner)
        case .all(let items), .any(let items): return items.flatMap(pathTypes)
        }
    }

    private static func defaultSecuritySeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "7.0"
        case .warning: return "4.0"
        case .note: return "1.0"
        }
    }

    private func examples(_ node: YAMLNode?, defaultSeverity: Severity, variants: [String: Severity]) throws(RuleDefinitionError) -> [RuleExample] {
        guard let node else { return [] }
        guard let items = node.sequence else { throw fail(node, "examples must be a list") }
        var result: [RuleExample] = []
        var names: Set<String> = []
        for item in items {
            guard item.mapping != nil else { throw fail(item, "each example must be a mapping") }
            let known: Set<String> = ["name", "description", "format", "template", "file", "parameters", "region", "expect"]
            for entry in item.mapping! where !known.contains(entry.key.scalar ?? "") {
                throw fail(entry.key, "unknown example key '\(entry.key.scalar ?? "?")'; expected one of \(known.sorted().joined(separator: ", "))")
            }
            let name = try requiredString(item, "name")
            if !names.insert(name).inserted { throw fail(item["name"]!, "duplicate example name '\(name)'") }
            let formatText = try optionalString(item, "format") ?? RuleExample.Format.cloudFormation.rawValue
            guard let format = RuleExample.Format(rawValue: formatText) else {
                throw fail(item["format"]!, "format must be cloudformation or terraform-plan")
            }
            var input: String
            let path = try optionalString(item, "file")
            if let text = try optionalString(item, "template") {
                input = text
            } else if let path {
                guard let contents = readFile(path) else { throw fail(item["file"]!, "cannot read example file '\(path)'") }
                input = contents
            } else {
                throw fail(item, "example '\(name)' needs a template or a file")
            }
            if input.isEmpty { input = "" }
            var parameters: [String: String] = [:]
            if let params = item["parameters"] {
                guard let entries = params.mapping else { throw fail(params, "parameters must be a mapping") }
                for entry in entries {
                    guard let key = entry.key.scalar, let value = entry.value.scalar else {
                        throw fail(entry.key, "parameters must map names to scalar values")
                    }
                    parameters[key] = value
                }
            }
            guard let expectNode = item["expect"] else {
                throw fail(item, "example '\(name)' must list its expected findings under 'expect' ([] for none)")
            }
            guard let expectItems = expectNode.sequence else { throw fail(expectNode, "expect must be a list") }
            var expected: [ExpectedFinding] = []
            for finding in expectItems {
                let resource: String
                var level = defaultSeverity
                var message: String?
                var at: String?
                if let text = finding.scalar {
                    resource = text
                } else {
                    guard let entries = finding.mapping else { throw fail(finding, "each expected finding is a resource name or a mapping") }
                    let knownKeys: Set<String> = ["resource", "variant", "level", "message", "at"]
                    for entry in entries where !knownKeys.contains(entry.key.scalar ?? "") {
                        throw fail(entry.key, "unknown expected-finding key '\(entry.key.scalar ?? "?")'; expected one of \(knownKeys.sorted().joined(separator: ", "))")
                    }
                    resource = try requiredString(finding, "resource")
                    message = try optionalString(finding, "message")
                    at = try optionalString(finding, "at")
                    if let variant = try optionalString(finding, "variant") {
                        guard let variantLevel = variants[variant] else {
                            throw fail(finding["variant"]!, "unknown severity variant '\(variant)'")
                        }
                        level = variantLevel
                    }
                    if finding["level"] != nil {
                        level = try severityValue(finding["level"], default: defaultSeverity, context: "level")
                    }
                }
                expected.append(ExpectedFinding(resource: resource, level: level, message: message, at: at))
            }
            result.append(RuleExample(
                name: name, description: try optionalString(item, "description") ?? "", format: format,
                input: input, file: path, parameters: parameters, region: try optionalString(item, "region"),
                expected: expected))
        }
        return result
    }

    private func severityValue(_ node: YAMLNode?, default fallback: Severity?, context: String) throws(RuleDefinitionError) -> Severity {
        guard let node else {
            if let fallback { return fallback }
            throw RuleDefinitionError(file: file, position: SourcePosition(line: 1, column: 1), message: "missing required key '\(context)'")
        }
        guard let text = node.scalar, let severity = Severity(rawValue: text) else {
            throw fail(node, "\(context) must be error, warning or note")
        }
        return severity
    }

    private func requiredString(_ node: YAMLNode, _ key: String) throws(RuleDefinitionError) -> String {
        guard let value = try optionalString(node, key) else {
            throw fail(node, "missing required key '\(key)'")
        }
        return value
    }

    private func optionalString(_ node: YAMLNode, _ key: String) throws(RuleDefinitionError) -> String? {
        guard let value = node[key] else { return nil }
        guard let text = value.scalar, !value.isNull else { throw fail(value, "'\(key)' must be a string") }
        return text
    }

    private func stringList(_ node: YAMLNode?, context: String) throws(RuleDefinitionError) -> [String] {
        guard let node else { return [] }
        guard let items = node.sequence else { throw fail(node, "\(context) must be a list of strings") }
        var result: [String] = []
        for item in items {
            guard let text = item.scalar else { throw fail(item, "\(context) must be a list of strings") }
            result.append(text)
        }
        return result
    }

    private func fail(_ node: YAMLNode, _ message: String) -> RuleDefinitionError {
        RuleDefinitionError(file: file, position: node.range.start, message: message)
    }
}
