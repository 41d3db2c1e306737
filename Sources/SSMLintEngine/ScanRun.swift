/// The tool's identity, as reporters print it.
public struct ToolInfo: Sendable {
    public var name: String
    public var version: String
    public var informationURI: String

    public init(name: String, version: String, informationURI: String) {
        self.name = name
        self.version = version
        self.informationURI = informationURI
    }
}

/// An input that could not be read or parsed: exit status 2, reported as a
/// tool execution notification, and the other inputs are still scanned.
public struct InputFailure: Sendable, Error {
    public var message: String
    public var position: SourcePosition?

    public init(message: String, position: SourcePosition? = nil) {
        self.message = message
        self.position = position
    }
}

/// A file a directory scan found and left alone because it is neither a
/// CloudFormation template nor a Terraform plan.
public struct SkippedInput: Sendable, Hashable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// The outcome of scanning one input.
public struct InputOutcome: Sendable {
    /// The path as shown to users and written to reports (relative to the scan root).
    public var path: String
    public var format: SourceFormat?
    public var failure: InputFailure?
    public var findings: [Finding]
    public var evaluations: Evaluations
    /// Non-fatal remarks about the input (unsupported constructs the model skipped).
    public var remarks: [String]
    /// Rules that failed on this input (compiled packs): an internal error, exit 70.
    public var toolErrors: [String] = []
    public var warnings: [InputWarning] = []

    public init(path: String, format: SourceFormat?, failure: InputFailure? = nil, findings: [Finding] = [],
                evaluations: Evaluations = [], remarks: [String] = []) {
        self.path = path
        self.format = format
        self.failure = failure
        self.findings = findings
        self.evaluations = evaluations
        self.remarks = remarks
    }
}

/// Everything the reporters need: the tool, the rules that were evaluated,
/// every input's outcome, the files skipped, and what a baseline says.
public struct ScanRun: Sendable {
    public var tool: ToolInfo
    public var rules: [RuleDefinition]
    public var inputs: [InputOutcome]
    public var failOn: FailureThreshold
    /// Whether an input that cannot be read or parsed makes the run exit 2
    /// (nightly audits may accept one broken file among thousands; it is still reported).
    public var failOnInputError: Bool
    public var skipped: [SkippedInput] = []
    /// With `--baseline`: the baseline's findings that no longer occur.
    public var baselineAbsent: [Baseline.Entry]?
    /// With `--compare`: what changed since an earlier run.
    public var comparison: Comparison?

    public init(tool: ToolInfo, rules: [RuleDefinition], inputs: [InputOutcome], failOn: FailureThreshold,
                failOnInputError: Bool = true, skipped: [SkippedInput] = []) {
        self.tool = tool
        self.rules = rules
        self.inputs = inputs
        self.failOn = failOn
        self.failOnInputError = failOnInputError
        self.skipped = skipped
    }

    /// Every input's findings in one array: a copy of them all (see `countFindings`).
    public var findings: [Finding] { inputs.flatMap(\.findings) }

    /// How many findings of all inputs satisfy `predicate`, without gathering
    /// them (a large scan's findings are megabytes).
    public func countFindings(where predicate: (Finding) -> Bool) -> Int {
        // By index: `count(where:)` copied every finding it passed to the predicate.
        var count = 0
        for input in inputs.indices {
            for index in inputs[input].findings.indices where predicate(inputs[input].findings[index]) { count += 1 }
        }
        return count
    }

    public func definition(for ruleID: String) -> RuleDefinition? {
        rules.first { $0.id == ruleID }
    }

    /// The exit status: 70 when a rule failed, 2 when an input failed (unless
    /// input errors are accepted), else 1 when a finding that counts (not
    /// suppressed, not in the baseline) reaches the threshold, else 0.
    public var exitStatus: ExitStatus {
        if inputs.contains(where: { !$0.toolErrors.isEmpty }) { return .internalError }
        if failOnInputError && inputs.contains(where: { $0.failure != nil }) { return .inputError }
        if inputs.contains(where: { $0.findings.contains { $0.counts && failOn.isReached(by: $0.level) } }) { return .findings }
        return .success
    }
}

/// `--fail-on`: the lowest level that makes the scan fail.
public enum FailureThreshold: String, Sendable, CaseIterable {
    case error, warning, note, never

    public func isReached(by level: Severity) -> Bool {
        switch self {
        case .never: return false
        case .error: return level >= .error
        case .warning: return level >= .warning
        case .note: return true
        }
    }
}

public enum ExitStatus: Int32, Sendable {
    case success = 0
    case findings = 1
    case inputError = 2
    case usage = 64
    case internalError = 70
}
