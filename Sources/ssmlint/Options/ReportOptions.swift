import ArgumentParser
import SSMLintEngine
import SSMLintReporters

/// `--format NAME[=FILE]` (repeatable), `--output FILE`, `--fail-on`, and how
/// much the reports show.
struct ReportOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp(
        "Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")). Repeatable; FORMAT=FILE writes that report to FILE (atomically), FORMAT alone to standard output.",
        valueName: "format[=file]"))
    var format: [ReportTarget] = []

    @Option(name: [.short, .long], help: ArgumentHelp(
        "File for the report when one --format is given (or, without --format, a report whose format the extension names: .sarif, .xml, .json, .md, .txt, .html).",
        valueName: "file"))
    var output: [String] = []

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Lowest level that makes the scan exit 1 (default: error).", valueName: "level"))
    var failOn: FailureThreshold?

    @Option(name: .customLong("fail-on-input-error"), help: ArgumentHelp("Whether an input that cannot be read or parsed makes the scan exit 2 (default: true; it is reported either way).", valueName: "bool"))
    var failOnInputError: Bool?

    @Flag(name: .customLong("no-color"), help: "Never colour console output (NO_COLOR is honoured too).")
    var noColor = false

    @Flag(name: .customLong("show-suppressed"), help: "List suppressed findings on the console too.")
    var showSuppressed = false

    @Flag(name: .customLong("sarif-include-suppressed"), help: "Keep suppressed findings in SARIF, with suppressions[] (GitHub code scanning shows them as open alerts, so they are left out by default).")
    var sarifIncludeSuppressed = false

    @Option(name: .customLong("sarif-category"), help: ArgumentHelp(
        "SARIF runs[].automationDetails.id: GitHub code scanning keeps the alerts of each category apart (one per job that uploads).",
        valueName: "category"))
    var sarifCategory: String?

    @Flag(name: .shortAndLong, help: "List the files a directory scan skipped.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Console: print only input errors and the error findings that fail the run, then the summary.")
    var quiet = false

    func validate() throws {
        _ = try plan()
        if let category = sarifCategory,
           category.isEmpty || category.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("--sarif-category needs a non-empty name without control characters")
        }
        if quiet && verbose { throw ValidationError("--quiet and --verbose contradict each other; give one") }
    }

    /// Which report goes where.
    func plan() throws -> OutputPlan {
        do {
            return try OutputPlan(targets: format, output: output)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// One `--format` value: a format, optionally with the file it is written to.
struct ReportTarget: ExpressibleByArgument, Equatable {
    var format: ReportFormat
    var path: String?

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard let format = ReportFormat(rawValue: parts[0].lowercased()) else { return nil }
        self.format = format
        if parts.count == 2 {
            guard !parts[1].isEmpty else { return nil }
            path = String(parts[1])
        }
    }

    init(format: ReportFormat, path: String?) {
        self.format = format
        self.path = path
    }

    static var allValueStrings: [String] { ReportFormat.allCases.map(\.rawValue) }
}

extension FailureThreshold: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
