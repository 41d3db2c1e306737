import ArgumentParser
import SSMLintKit

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Describe a rule: what it checks, how to fix it, and its examples.")

    @Argument(help: "A rule ID or slug, e.g. SSM006 or ssh-open-to-world.")
    var rule: String

    @OptionGroup var packs: PackOptions

    func run() throws {
        guard let found = try packs.catalogue().find(rule) else {
            throw ValidationError("no rule named '\(rule)'; 'ssmlint rules' lists them")
        }
        var text = Self.text(for: found.rule.definition)
        if found.source != .builtIn { text = "Source: \(found.source)\n" + text }
        print(text, terminator: "")
    }

    static func text(for rule: RuleDefinition) -> String {
        var text = "\(rule.id) \(rule.slug): \(rule.name)\n"
        text += "Level: \(rule.severity.rawValue)"
        if !rule.severityVariants.isEmpty {
            text += " (" + rule.severityVariants.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.rawValue)" }.joined(separator: ", ") + ")"
        }
        text += "    Security severity: \(rule.securitySeverity)    Tags: \(rule.tags.joined(separator: ", "))\n\n"
        text += rule.description.trimmingTrailingNewlines + "\n\n"
        text += "Remediation:\n" + rule.remediation.trimmingTrailingNewlines + "\n"
        if !rule.helpURI.isEmpty { text += "\nMore: \(rule.helpURI)\n" }
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

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") || text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
