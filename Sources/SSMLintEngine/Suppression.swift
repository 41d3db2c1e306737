import Foundation

/// An accepted finding: why, until when, and where that was decided. A
/// suppressed finding does not count towards --fail-on and is hidden unless
/// asked for; after its expiry day the finding counts again.
public struct Suppression: Sendable, Hashable {
    /// SARIF's suppression kinds: written in the scanned file itself, or in a separate file (the config).
    public enum Kind: String, Sendable {
        case inSource, external
    }

    public var kind: Kind
    public var reason: String
    public var expires: CalendarDay?
    /// Where it is declared, as users look for it: `infra/stack.yaml:14:11`, `.ssmlint.yaml:20:5`.
    public var origin: String

    public init(kind: Kind, reason: String, expires: CalendarDay?, origin: String) {
        self.kind = kind
        self.reason = reason
        self.expires = expires
        self.origin = origin
    }
}

/// A suppression with what it applies to: a rule (ID or slug), optionally
/// resources and input paths matching globs, or one input's resource.
public struct SuppressionRule: Sendable {
    public enum Scope: Sendable {
        /// An in-source directive: this input, this resource (nil: every resource of the input).
        case input(path: String, resource: ResourceID?)
        /// A config entry: any input and resource matching the globs (nil: any).
        case matching(resource: Glob?, path: Glob?)
    }

    public var rule: String
    public var scope: Scope
    public var suppression: Suppression

    public init(rule: String, scope: Scope, suppression: Suppression) {
        self.rule = rule
        self.scope = scope
        self.suppression = suppression
    }

    /// Whether the rule's selector names this finding's rule.
    func names(_ ruleID: String, slug: String?) -> Bool {
        rule.caseInsensitiveCompare(ruleID) == .orderedSame || slug.map { rule.caseInsensitiveCompare($0) == .orderedSame } == true
    }

    func applies(to finding: Finding, path: String, slug: String?) -> Bool {
        guard names(finding.ruleID, slug: slug) else { return false }
        switch scope {
        case .input(let input, let resource):
            return input == path && (resource == nil || resource == finding.resource)
        case .matching(let resource, let pathGlob):
            return (resource?.matches(finding.resource.rawValue) ?? true) && (pathGlob?.matches(path) ?? true)
        }
    }
}

extension SuppressionRule {
    /// The rules an input's own directives make, and warnings for the directives
    /// that cannot suppress (a missing reason, an unreadable expiry, an unknown rule).
    public static func fromDirectives(_ directives: [IgnoreDirective], path: String, known: [RuleDefinition])
        -> (rules: [SuppressionRule], problems: [InputWarning]) {
        var rules: [SuppressionRule] = []
        var problems: [InputWarning] = []
        // One written directive may apply to several resources (a Terraform
        // comment above a block with `count`): judged once, reported once.
        func site(_ directive: IgnoreDirective) -> String {
            "\(directive.location.file)\u{1F}\(directive.location.range.start)\u{1F}\(directive.rule)"
        }
        let sharing = Dictionary(directives.map { (site($0), 1) }, uniquingKeysWith: +)
        var reported = Set<String>()
        for directive in directives {
            // Written in the input itself, or in another file (a plan's .tf files).
            let file = directive.location.file.isEmpty ? path : directive.location.file
            let origin = "\(file):\(directive.location.range.start.line):\(directive.location.range.start.column)"
            let others = (sharing[site(directive)] ?? 1) - 1
            let subject = directive.resource.map { "of \(directive.rule) on \($0)\(others > 0 ? " and \(others) more" : "")" }
                ?? "of \(directive.rule) for the whole file"
            func problem(_ message: String) {
                guard reported.insert(site(directive)).inserted else { return }
                problems.append(InputWarning(message: message, position: directive.location.range.start, file: file == path ? nil : file))
            }
            guard known.contains(where: { $0.id.caseInsensitiveCompare(directive.rule) == .orderedSame
                                          || $0.slug.caseInsensitiveCompare(directive.rule) == .orderedSame }) else {
                problem("the suppression names no known rule ('\(directive.rule)'); it suppresses nothing")
                continue
            }
            guard let reason = directive.reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                let hint = file == path ? "add reason: \"why this is accepted\"" : "write why it is accepted after the rule ID"
                problem("the suppression \(subject) has no reason, so it does not suppress; \(hint)")
                continue
            }
            var expiry: CalendarDay?
            if let text = directive.expires {
                guard let day = CalendarDay(text) else {
                    problem("the suppression \(subject) has an expiry that is not a date (YYYY-MM-DD): '\(text)', so it does not suppress")
                    continue
                }
                expiry = day
            }
            rules.append(SuppressionRule(
                rule: directive.rule, scope: .input(path: path, resource: directive.resource),
                suppression: Suppression(kind: .inSource, reason: reason, expires: expiry, origin: origin)))
        }
        return (rules, problems)
    }
}
