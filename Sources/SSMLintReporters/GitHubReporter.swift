import SSMLintEngine

/// GitHub Actions workflow commands, so findings show as annotations on the
/// pull request without code scanning (private repositories without GitHub
/// Advanced Security), followed by the full console report for the log.
///
/// - GitHub shows at most 10 error, 10 warning and 10 notice annotations per
///   step and drops the rest without a word. Annotations go out most severe
///   first (input errors, rule failures and error findings; then warnings;
///   then notes as notices), at most 10 of each kind; when some are left out, a
///   notice (the first one) and a line in the log say how many.
/// - Suppressed findings and findings already in the baseline are not
///   annotated (they do not fail the run); the console report below lists them
///   as usual.
/// - Everything a template, plan or file name controls goes through the
///   workflow-command escaping (`%`, CR, LF; `:` and `,` too in properties),
///   so it cannot end a command or start another. The console report is
///   printed between `::stop-commands::TOKEN` and `::TOKEN::`, with a token
///   drawn at random for each run, so that no line of it is taken for a
///   command either.
public struct GitHubReporter: Reporter {
    /// GitHub's limit per annotation kind and step.
    public static let annotationsPerKind = 10

    public var settings: ReportSettings
    /// The token that pauses command processing around the console report;
    /// nil draws a fresh random one (tests pass a fixed one).
    public var stopToken: String?

    public init(settings: ReportSettings, stopToken: String? = nil) {
        self.settings = settings
        self.stopToken = stopToken
    }

    enum Kind: String {
        case error, warning, notice
    }

    /// One `::KIND file=…,line=…::message` command.
    struct Annotation {
        var kind: Kind
        var file: String?
        var line: Int?
        var endLine: Int?
        var column: Int?
        var endColumn: Int?
        var title: String
        var message: String

        var command: String {
            var properties: [(String, String)] = []
            if let file { properties.append(("file", file)) }
            if let line { properties.append(("line", String(line))) }
            if let endLine { properties.append(("endLine", String(endLine))) }
            if let column { properties.append(("col", String(column))) }
            if let endColumn { properties.append(("endColumn", String(endColumn))) }
            properties.append(("title", title))
            let list = properties.map { "\($0.0)=\(GitHubReporter.escapeProperty($0.1))" }.joined(separator: ",")
            return "::\(kind.rawValue) \(list)::\(GitHubReporter.escapeData(message))"
        }
    }

    public func render(_ run: ScanRun) throws -> String {
        var errors: [Annotation] = [], warnings: [Annotation] = [], notices: [Annotation] = []
        let slugs = Dictionary(run.rules.map { ($0.id, $0.slug) }, uniquingKeysWith: { a, _ in a })
        for input in run.inputs {
            if let failure = input.failure {
                errors.append(Annotation(kind: .error, file: input.path, line: failure.position?.line, column: failure.position?.column,
                                         title: "ssmlint could not scan this file", message: failure.message))
            }
            for error in input.toolErrors {
                errors.append(Annotation(kind: .error, file: input.path, title: "ssmlint rule failure", message: error))
            }
            for warning in input.warnings {
                warnings.append(Annotation(kind: .warning, file: warning.file ?? input.path, line: warning.position?.line, column: warning.position?.column,
                                           title: "ssmlint", message: warning.message))
            }
        }
        for input in run.inputs {
            for finding in input.findings where finding.counts {
                let annotation = annotation(finding, in: input, slug: slugs[finding.ruleID])
                switch finding.level {
                case .error: errors.append(annotation)
                case .warning: warnings.append(annotation)
                case .note: notices.append(annotation)
                }
            }
        }

        let limit = Self.annotationsPerKind
        let leftOut = (errors: max(0, errors.count - limit), warnings: max(0, warnings.count - limit), notes: max(0, notices.count - limit))
        var overflow: String?
        if leftOut.errors + leftOut.warnings + leftOut.notes > 0 {
            // The notice that says so takes one of the notice slots.
            let notes = max(0, notices.count - (limit - 1))
            let parts = [(leftOut.errors, "error"), (leftOut.warnings, "warning"), (notes, "note")]
                .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
            let text = "GitHub shows at most \(limit) annotations of each kind per step: \(Self.list(parts)) not annotated. "
                + "The step's log lists every finding."
            notices = [Annotation(kind: .notice, title: "ssmlint: not every finding is annotated", message: text)] + notices.prefix(limit - 1)
            overflow = text
        }
        var output = ""
        for annotation in errors.prefix(limit) + warnings.prefix(limit) + notices.prefix(limit) {
            output += annotation.command + "\n"
        }
        if let overflow { output += "ssmlint: " + overflow + "\n" }
        let token = stopToken ?? Self.randomToken()
        output += "::stop-commands::\(token)\n"
        var console = settings
        console.color = false
        output += try ConsoleReporter(settings: console).render(run)
        output += "::\(token)::\n"
        return output
    }

    private func annotation(_ finding: Finding, in input: InputOutcome, slug: String?) -> Annotation {
        let path = finding.location.file(in: input)
        let range = finding.location.range
        let end = range.end >= range.start ? range.end : range.start
        var message = finding.message
        if let expired = finding.expiredSuppression {
            message += "\nThe suppression at \(expired.origin) expired on \(expired.expires.map(\.description) ?? "?")."
        }
        if let fix = finding.fix { message += "\nFix: \(fix)" }
        for related in finding.related {
            let file = related.location.file(in: input)
            let place = file == path ? "line \(related.location.range.start.line)" : "\(file):\(related.location.range.start.line)"
            message += "\n- \(related.resource) (\(place)): \(related.message)"
        }
        var title = [finding.ruleID, slug].compactMap { $0 }.joined(separator: " ")
        if finding.isUnresolved { title += " (could not be decided)" }
        // Columns only on a one-line range: GitHub ignores them across lines.
        let oneLine = range.start.line == end.line
        return Annotation(kind: finding.level == .error ? .error : finding.level == .warning ? .warning : .notice,
                          file: path, line: range.start.line, endLine: end.line,
                          column: oneLine ? range.start.column : nil, endColumn: oneLine ? end.column : nil,
                          title: title, message: message)
    }

    /// Workflow-command escaping of a message.
    static func escapeData(_ text: String) -> String {
        escape(text, extra: false)
    }

    /// Workflow-command escaping of a property value (`file=`, `title=`).
    static func escapeProperty(_ text: String) -> String {
        escape(text, extra: true)
    }

    private static func escape(_ text: String, extra: Bool) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            case ":" where extra: result += "%3A"
            case "," where extra: result += "%2C"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return "ssmlint-" + (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined()
    }

    private static func list(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
}
