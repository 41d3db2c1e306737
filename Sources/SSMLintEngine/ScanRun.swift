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

/// The outcome of scanning one input.
public struct InputOutcome: Sendable {
    /// The path as shown to users and written to reports (relative to the scan root).
    public var path: String
    public var format: SourceFormat?
    public var failure: InputFailure?
    public var findings: [Finding]
    public var evaluations: [Evaluation]
    /// Non-fatal remarks about the input (unsupported constructs the model skipped).
    public var remarks: [String]
    /// Rules that failed on this input (compiled packs): an internal error, exit 70.
    public var toolErrors: [String] = []

    public init(path: String, format: SourceFormat?, failure: InputFailure? = nil, findings: [Finding] = [],
                evaluations: [Evaluation] = [], remarks: [String] = []) {
        self.path = path
        self.format = format
        self.failure = failure
        self.findings = findings
        self.evaluations = evaluations
        self.remarks = remarks
    }
}

/// Everything the reporters need: the tool, the rules that were evaluated,
/// every input's outcome.
public struct ScanRun: Sendable {
    public var tool: ToolInfo
    public var rules: [RuleDefinition]
    public var inputs: [InputOutcome]
    public var failOn: FailureThreshold

    public init(tool: ToolInfo, rules: [RuleDefinition], inputs: [InputOutcome], failOn: FailureThreshold) {
        self.tool = tool
        self.rules = rules
        self.inputs = inputs
        self.failOn = failOn
    }

    public var findings: [Finding] { inputs.flatMap(\.findings) }

    public func definition(for ruleID: String) -> RuleDefinition? {
        rules.first { $0.id == ruleID }
    }

    /// The exit status: 70 when a rule failed, 2 when an input
    /// failed, else 1 when a finding reaches the threshold, else 0.
    public var exitStatus: ExitStatus {
        if inputs.contains(where: { !$0.toolErrors.isEmpty }) { return .internalError }
        if inputs.contains(where: { $0.failure != nil }) { return .inputError }
        if findings.contains(where: { failOn.isReached(by: $0.level) }) { return .findings }
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
