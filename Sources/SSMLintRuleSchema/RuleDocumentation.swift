/// docs/rules.md, rendered from the rule definitions (`swift package generate-rule-docs`).
public enum RuleDocumentation {
    public static func markdown(_ rules: [RuleDefinition]) -> String {
        var text = """
            # ssmlint rules

            Generated from `rules/*.yaml` by `swift package generate-rule-docs`; do not edit by hand.
            `ssmlint explain <ID>` prints the same text. [How ssmlint decides](how-it-decides.md)
            explains the model every rule shares: which instances are checked, the paths to Systems
            Manager, DNS, unknown values, and the CloudFormation and Terraform defaults.

            | ID | slug | level | name |
            |---|---|---|---|

            """
        for rule in rules {
            text += "| [\(rule.id)](#\(rule.id.lowercased())) | `\(rule.slug)` | \(levels(rule)) | \(escape(rule.name)) |\n"
        }
        for rule in rules {
            text += "\n## \(rule.id)\n\n"
            text += "**\(escape(rule.name))** — `\(rule.slug)`, \(levels(rule)), security severity \(rule.securitySeverity)"
            if !rule.tags.isEmpty { text += ", tags: " + rule.tags.map { "`\($0)`" }.joined(separator: ", ") }
            text += "\n\n\(trimmed(rule.summary))\n\n\(trimmed(rule.description))\n"
            if !rule.remediation.isEmpty { text += "\n**Remediation.** \(trimmed(rule.remediation))\n" }
            if !rule.links.isEmpty {
                text += "\n**Documentation.**\n\n" + rule.links.map { "- \($0.markdown)\n" }.joined()
            }
            let triggering = rule.examples.filter(\.isTriggering)
            let quiet = rule.examples.filter { !$0.isTriggering }
            text += "\n**Examples** (each is a test; `ssmlint explain \(rule.id)` shows the templates):\n\n"
            for example in triggering + quiet {
                let verdict = example.isTriggering
                    ? "reports " + example.expected.map { "\($0.level.rawValue) on `\($0.resource)`" }.joined(separator: ", ")
                    : "no finding"
                text += "- `\(example.name)`: \(verdict)"
                if !example.description.isEmpty { text += " — \(trimmed(example.description))" }
                text += "\n"
            }
        }
        return text
    }

    private static func levels(_ rule: RuleDefinition) -> String {
        var text = rule.severity.rawValue
        if !rule.severityVariants.isEmpty {
            text += " (" + rule.severityVariants.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.rawValue)" }.joined(separator: ", ") + ")"
        }
        return text
    }

    private static func trimmed(_ text: String) -> String {
        var result = text
        while result.hasSuffix("\n") || result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
