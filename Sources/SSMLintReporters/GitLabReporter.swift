import SSMLintEngine

/// A GitLab Code Quality report (`artifacts:reports:codequality`): a JSON
/// array of issues with `description`, `check_name`, `fingerprint`,
/// `severity` and `location` (`path` relative to the repository root,
/// `lines.begin`), the subset of the Code Climate issue format GitLab reads.
///
/// - `check_name` is `ssmlint/SSM006`, so several tools' checks stay apart.
/// - `fingerprint` is the finding's stable fingerprint (rule, file, resource,
///   key; no line numbers), so the merge-request widget tells new findings
///   from resolved ones across line moves. GitLab keeps only the first issue
///   of a fingerprint, so a repeated one is made unique.
/// - `severity` follows the level and what GitHub would show: an error is
///   `critical` when its security severity is High or above (7.0+), else
///   `major`; a warning is `minor`; a note (and a "could not be decided" note)
///   is `info`. An input that could not be scanned, or a rule that failed on
///   it, is `critical`: nothing in that file was checked.
/// - Suppressed findings are left out; findings already in the baseline stay
///   (GitLab compares against the target branch's report itself).
public struct GitLabReporter: JSONDocumentReporter {
    public init() {}

    public func document(_ run: ScanRun) throws -> JSONValue {
        var issues: [JSONValue] = []
        var seen: Set<String> = []
        func add(check: String, description: String, identity: String, severity: String, path: String, line: Int, endLine: Int? = nil,
                 category: JSONValue = "Security") {
            var fingerprint = identity
            var occurrence = 1
            while !seen.insert(fingerprint).inserted {
                occurrence += 1
                fingerprint = Self.hash("\(identity)\u{1F}\(occurrence)")
            }
            var lines: [(String, JSONValue)] = [("begin", .int(max(1, line)))]
            if let endLine, endLine > line { lines.append(("end", .int(endLine))) }
            issues.append(.object([
                ("type", "issue"),
                ("check_name", .string("ssmlint/\(check)")),
                ("description", .string(ReportText.oneLine(description))),
                ("categories", .array([category])),
                ("fingerprint", .string(fingerprint)),
                ("severity", .string(severity)),
                ("location", .object([("path", .string(Self.repositoryPath(path))), ("lines", .object(lines))])),
            ]))
        }
        let definitions = Dictionary(run.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for input in run.inputs {
            if let failure = input.failure {
                add(check: "input-error", description: "ssmlint could not scan this file: \(failure.message)",
                    identity: Self.hash("input-error\u{1F}\(input.path)"), severity: "critical",
                    path: input.path, line: failure.position?.line ?? 1, category: "Bug Risk")
            }
            for error in input.toolErrors {
                add(check: "rule-failure", description: "A rule failed on this file: \(error)",
                    identity: Self.hash("rule-failure\u{1F}\(input.path)\u{1F}\(error)"), severity: "critical",
                    path: input.path, line: 1, category: "Bug Risk")
            }
            for warning in input.warnings {
                add(check: "input-warning", description: warning.message,
                    identity: Self.hash("input-warning\u{1F}\(input.path)\u{1F}\(warning.message)"
                                         + (warning.file.map { "\u{1F}\($0):\(warning.position?.line ?? 0)" } ?? "")), severity: "minor",
                    path: warning.file ?? input.path, line: warning.position?.line ?? 1, category: "Bug Risk")
            }
            for finding in input.findings where finding.suppression == nil {
                var description = finding.message
                if let expired = finding.expiredSuppression {
                    description += " (the suppression at \(expired.origin) expired on \(expired.expires.map(\.description) ?? "?"))"
                }
                if let fix = finding.fix { description += " Fix: \(fix)" }
                let range = finding.location.range
                add(check: finding.isUnresolved ? "\(finding.ruleID)/unresolved" : finding.ruleID, description: description,
                    identity: finding.fingerprint(path: input.path),
                    severity: Self.severity(finding, rule: definitions[finding.ruleID]),
                    path: finding.location.file(in: input), line: range.start.line, endLine: range.end.line)
            }
        }
        return .array(issues)
    }

    static func severity(_ finding: Finding, rule: RuleDefinition?) -> String {
        if finding.isUnresolved { return "info" }
        switch finding.level {
        case .note: return "info"
        case .warning: return "minor"
        case .error:
            guard let rule else { return "major" }
            return SecuritySeverity.isHighOrAbove(SecuritySeverity.score(rule, level: .error)) ? "critical" : "major"
        }
    }

    /// The path as GitLab matches it against the repository: forward slashes,
    /// no leading `./`.
    static func repositoryPath(_ path: String) -> String {
        var result = Substring(path)
        while result.hasPrefix("./") { result = result.dropFirst(2) }
        return String(result)
    }

    private static func hash(_ text: String) -> String { SHA256Hex.of(text) }
}
