import ArgumentParser
import SSMLintEngine
import SSMLintPacks

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Describe a rule: what it checks, how to fix it, and its examples.")

    @Argument(help: "A rule ID or slug, e.g. SSM006 or ssh-open-to-world.")
    var rule: String

    @OptionGroup var packs: PackOptions

    func run() throws {
        guard let found = try packs.catalogue().find(rule) else {
            throw ValidationError("no rule named '\(rule)'; 'ssmlint rules' lists them (pack rules need --rules-dir or --plugin)")
        }
        var text = Self.text(for: found.rule.definition, builtIn: found.source == .builtIn)
        if found.source != .builtIn { text = "Source: \(found.source)\n" + text }
        print(text, terminator: "")
    }

    /// `builtIn` adds where the model every built-in rule shares is explained.
    static func text(for rule: RuleDefinition, builtIn: Bool = false) -> String {
        var text = "\(rule.id) \(rule.slug): \(rule.name)\n"
        text += "Level: \(rule.severity.rawValue)"
        if !rule.severityVariants.isEmpty {
            text += " (" + rule.severityVariants.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.rawValue)" }.joined(separator: ", ") + ")"
        }
        text += "    Security severity: \(rule.securitySeverity)"
        if !rule.tags.isEmpty { text += "    Tags: \(rule.tags.joined(separator: ", "))" }
        text += "\n\n" + rule.description.trimmingTrailingNewlines + "\n"
        if !rule.remediation.isEmpty { text += "\nRemediation:\n" + rule.remediation.trimmingTrailingNewlines + "\n" }
        if let check = rule.check {
            text += "\nChecks \(rule.resourceTypes.joined(separator: ", ")): \(describe(check))\n"
            if let message = rule.message { text += "Message: \(message)\n" }
        }
        if !rule.links.isEmpty {
            text += "\nDocumentation:\n" + rule.links.map { "  \($0.title)\n    \($0.url)\n" }.joined()
        }
        if !rule.helpURI.isEmpty { text += "\nMore: \(rule.helpURI)\n" }
        if builtIn { text += "How ssmlint decides (paths, DNS, unknown values, defaults): \(ProjectLinks.howItDecides)\n" }
        for example in rule.examples {
            let verdict = example.isTriggering
                ? "triggers: " + example.expected.map(\.description).joined(separator: ", ")
                : "does not trigger"
            text += "\nExample \(example.name) (\(verdict))"
            if !example.description.isEmpty { text += "\n  \(example.description)" }
            text += "\n" + example.input.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n").trimmingTrailingNewlines + "\n"
        }
        return text
    }
}

/// A check condition in one line: `all(Monitoring equals true, not(KeyName exists true))`.
private func describe(_ condition: CheckCondition) -> String {
    switch condition {
    case .all(let items): return "all(" + items.map(describe).joined(separator: ", ") + ")"
    case .any(let items): return "any(" + items.map(describe).joined(separator: ", ") + ")"
    case .not(let inner): return "not(" + describe(inner) + ")"
    case .test(let path, let op):
        let text: String
        switch op {
        case .equals(let value): text = "equals \(value)"
        case .notEquals(let value): text = "notEquals \(value)"
        case .isIn(let values): text = "in [\(values.map(\.description).joined(separator: ", "))]"
        case .notIn(let values): text = "notIn [\(values.map(\.description).joined(separator: ", "))]"
        case .matches(let pattern): text = "matches /\(pattern)/"
        case .exists(let flag): text = "exists \(flag)"
        case .lessThan(let number): text = "lessThan \(CheckValue.number(number))"
        case .greaterThan(let number): text = "greaterThan \(CheckValue.number(number))"
        }
        return "\(path.text) \(text)"
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") || text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
