import SSMLintEngine

/// Output formats, as named by `--format`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case console, sarif, junit, json, github, gitlab, markdown, html
}

/// How reports are written, beyond the run itself.
public struct ReportSettings: Sendable {
    /// Colour on the console (a terminal, no --no-color, no NO_COLOR).
    public var color: Bool
    /// Absolute path of the directory report paths are relative to (SARIF %SRCROOT%).
    public var root: String
    /// Console: list suppressed findings too (`--show-suppressed`).
    public var showSuppressed: Bool
    /// Console: list skipped files (`--verbose`).
    public var verbose: Bool
    /// SARIF: also emit suppressed findings, with `suppressions[]`, and baseline
    /// findings that are gone, with `baselineState: absent`. Off by default
    /// because GitHub code scanning shows such results as open alerts.
    public var sarifIncludeSuppressed: Bool
    /// SARIF `runs[].automationDetails.id` (`--sarif-category`): GitHub keeps
    /// the alerts of each category apart, so several ssmlint jobs can upload.
    public var sarifCategory: String?
    /// Console: only input errors, tool errors and error findings that count,
    /// then the summary (`--quiet`).
    public var quiet: Bool
    /// HTML: drawings of the VPCs with findings (nil: the report says none were made).
    public var networkPictures: NetworkPictures?

    public init(color: Bool = false, root: String, showSuppressed: Bool = false, verbose: Bool = false,
                sarifIncludeSuppressed: Bool = false, sarifCategory: String? = nil, quiet: Bool = false,
                networkPictures: NetworkPictures? = nil) {
        self.color = color
        self.root = root
        self.showSuppressed = showSuppressed
        self.verbose = verbose
        self.sarifIncludeSuppressed = sarifIncludeSuppressed
        self.sarifCategory = sarifCategory
        self.quiet = quiet
        self.networkPictures = networkPictures
    }
}

/// Renders a whole scan run. Reporters see the run (rules, inputs, failures,
/// findings), never just a list of findings.
public protocol Reporter {
    func render(_ run: ScanRun) throws -> String
}

/// A reporter whose report is one JSON document (JSON, SARIF, GitLab): it can
/// be written to its file as it is serialised, instead of rendered to a string
/// first. A large scan's report can be larger than its input.
public protocol JSONDocumentReporter: Reporter {
    func document(_ run: ScanRun) throws -> JSONValue
}

extension JSONDocumentReporter {
    public func render(_ run: ScanRun) throws -> String {
        try document(run).serialized()
    }
}

/// A reporter that writes its report into its destination as it goes, so
/// that the report is never held whole (JUnit on a large input: tens of
/// thousands of test cases).
public protocol StreamingReporter: Reporter {
    /// Writes the report into `output`. A failure met part-way is thrown after
    /// some of the report was written: the caller must then discard `output`.
    func write(_ run: ScanRun, to output: inout some JSONOutput) throws
}

extension StreamingReporter {
    public func render(_ run: ScanRun) throws -> String {
        var collected: [UInt8] = []
        try write(run, to: &collected)
        return String(decoding: collected, as: UTF8.self)
    }
}

public struct ReporterFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

public enum Reporters {
    public static func make(_ format: ReportFormat, settings: ReportSettings) -> any Reporter {
        switch format {
        case .console: return ConsoleReporter(settings: settings)
        case .sarif: return SARIFReporter(settings: settings)
        case .junit: return JUnitReporter()
        case .json: return JSONReporter()
        case .github: return GitHubReporter(settings: settings)
        case .gitlab: return GitLabReporter()
        case .markdown: return MarkdownReporter()
        case .html: return HTMLReporter(settings: settings)
        }
    }
}
