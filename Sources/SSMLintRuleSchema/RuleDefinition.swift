/// Everything a rule's YAML file says: the single source of truth for
/// `ssmlint rules`, `ssmlint explain`, SARIF `tool.driver.rules`, docs/rules.md
/// and the example tests.
public struct RuleDefinition: Sendable, Equatable {
    public var id: String
    public var slug: String
    public var name: String
    public var summary: String
    public var description: String
    public var remediation: String
    /// An explicit help page; built-in rules get their docs/rules.md section
    /// (`ProjectLinks.ruleDocumentation`) from the registry generator, packs may set one.
    public var helpURI: String
    /// The documentation the rule rests on (AWS user guides, resource references):
    /// shown by `explain`, in SARIF `help` and in docs/rules.md.
    public var links: [RuleLink]
    public var severity: Severity
    /// GitHub's 0.0–10.0 score for security rules, as text ("8.1").
    public var securitySeverity: String
    public var tags: [String]
    /// Named levels a rule may report instead of `severity` (e.g. `ec2messages: warning`),
    /// so that rules choose a variant and metadata chooses the level.
    public var severityVariants: [String: Severity]
    /// The Swift type implementing a built-in rule; nil for declarative rules.
    public var implementation: String?
    public var examples: [RuleExample]
    /// Declarative rules: the condition each resource must satisfy, the resource
    /// types it applies to, and the finding's message (`{resource}`, `{type}`, `{path}`).
    public var check: CheckCondition?
    public var resourceTypes: [String]
    public var message: String?

    public init(id: String, slug: String, name: String, summary: String, description: String, remediation: String,
                helpURI: String, links: [RuleLink] = [], severity: Severity, securitySeverity: String, tags: [String],
                severityVariants: [String: Severity] = [:], implementation: String?, examples: [RuleExample],
                check: CheckCondition? = nil, resourceTypes: [String] = [], message: String? = nil) {
        self.check = check
        self.resourceTypes = resourceTypes
        self.message = message
        self.id = id
        self.slug = slug
        self.name = name
        self.summary = summary
        self.description = description
        self.remediation = remediation
        self.helpURI = helpURI
        self.links = links
        self.severity = severity
        self.securitySeverity = securitySeverity
        self.tags = tags
        self.severityVariants = severityVariants
        self.implementation = implementation
        self.examples = examples
    }

    /// Where SARIF `helpUri` points: the explicit help page, else the first link.
    public var helpLink: String? {
        helpURI.isEmpty ? links.first?.url : helpURI
    }

    /// The level for a finding that names `variant` (the default level without one).
    public func level(forVariant variant: String?) -> Severity {
        guard let variant else { return severity }
        return severityVariants[variant] ?? severity
    }
}

/// A page a rule rests on: a title a reader recognises and its URL.
public struct RuleLink: Sendable, Equatable, Hashable {
    public var title: String
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }

    /// `[title](url)`, with the characters that could end or reshape either part
    /// (brackets, code spans, HTML, parentheses) escaped.
    public var markdown: String {
        var label = ""
        for character in title {
            if "\\[]`<>".contains(character) { label.append("\\") }
            label.append(character)
        }
        let target = url.map { $0 == "(" ? "%28" : $0 == ")" ? "%29" : String($0) }.joined()
        return "[\(label)](\(target))"
    }

    /// One non-empty line of text without control characters.
    public static func isValidTitle(_ text: String) -> Bool {
        !text.isEmpty && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// An absolute http(s) URL made only of the characters RFC 3986 allows
    /// (percent-encode the rest), so it is a valid SARIF URI and prints safely.
    public static func isValidURL(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let scheme = ["https://", "http://"].first(where: text.hasPrefix),
              scalars.count > scheme.count, scalars[scheme.count] != "/" else { return false }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "%" {
                guard index + 2 < scalars.count, scalars[index + 1].properties.isASCIIHexDigit,
                      scalars[index + 2].properties.isASCIIHexDigit else { return false }
                index += 3
                continue
            }
            guard scalar.isASCII, uriCharacters.contains(Character(scalar)) else { return false }
            index += 1
        }
        return true
    }

    private static let uriCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=")
}

/// A triggering or non-triggering input with the exact findings it must give.
public struct RuleExample: Sendable, Equatable {
    public enum Format: String, Sendable {
        case cloudFormation = "cloudformation"
        case terraformPlan = "terraform-plan"
    }

    public var name: String
    public var description: String
    public var format: Format
    /// The input text (a template, or plan JSON); for `file` examples the path relative to the rule file.
    public var input: String
    public var file: String?
    public var parameters: [String: String]
    public var region: String?
    public var expected: [ExpectedFinding]

    public init(name: String, description: String, format: Format, input: String, file: String? = nil,
                parameters: [String: String] = [:], region: String? = nil, expected: [ExpectedFinding]) {
        self.name = name
        self.description = description
        self.format = format
        self.input = input
        self.file = file
        self.parameters = parameters
        self.region = region
        self.expected = expected
    }

    public var isTriggering: Bool { !expected.isEmpty }
}

/// One finding an example must produce: on which resource, at which level,
/// and optionally a part of its message and the logical path it is located at.
public struct ExpectedFinding: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var resource: String
    public var level: Severity
    /// Text the finding's message must contain.
    public var message: String?
    /// The logical path the finding must point at (`Resources/Sg/Properties/SecurityGroupIngress/0`).
    public var at: String?

    public init(resource: String, level: Severity, message: String? = nil, at: String? = nil) {
        self.resource = resource
        self.level = level
        self.message = message
        self.at = at
    }

    public var description: String {
        var text = "\(level.rawValue) on \(resource)"
        if let at { text += " at \(at)" }
        if let message { text += " saying \"\(message)\"" }
        return text
    }
}
