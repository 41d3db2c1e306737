/// A place involved in a finding other than its primary resource.
public struct RelatedLocation: Sendable, Hashable {
    public var resource: ResourceID
    public var location: SourceLocation
    public var message: String

    public init(resource: ResourceID, location: SourceLocation, message: String) {
        self.resource = resource
        self.location = location
        self.message = message
    }
}

/// One result of one rule on one input, ready for the reporters.
public struct Finding: Sendable {
    public var ruleID: String
    public var level: Severity
    /// What is wrong and where: one sentence naming the resources.
    public var message: String
    /// How to repair this finding, when the rule can say it specifically
    /// (the rule's general remediation is in its metadata).
    public var fix: String?
    /// The primary resource: its logical ID or address is the SARIF fullyQualifiedName.
    public var resource: ResourceID
    public var location: SourceLocation
    public var related: [RelatedLocation]
    /// Distinguishes findings of one rule on one resource (e.g. which rule entry,
    /// which service); with the rule and resource it forms the stable fingerprint.
    public var key: String
    /// True for `--show-unresolved` notes: a check stayed silent on an unknown value.
    public var isUnresolved: Bool
    /// Set when the finding is accepted: it does not count towards --fail-on.
    public var suppression: Suppression?
    /// A suppression that matched but has expired: the finding counts again, and says so.
    public var expiredSuppression: Suppression?
    /// With a baseline: whether the finding is new or was already there.
    public var baselineState: BaselineState?
    /// With `--compare`: whether the finding was in the earlier run's report.
    public var trend: Trend?

    /// Whether the finding counts towards the exit status (not suppressed, not in the baseline).
    public var counts: Bool { suppression == nil && baselineState != .unchanged }

    public init(ruleID: String, level: Severity, message: String, fix: String? = nil, resource: ResourceID,
                location: SourceLocation, related: [RelatedLocation] = [], key: String = "", isUnresolved: Bool = false) {
        self.ruleID = ruleID
        self.level = level
        self.message = message
        self.fix = fix
        self.resource = resource
        self.location = location
        self.related = related
        self.key = key
        self.isUnresolved = isUnresolved
    }
}

/// A (rule, resource) pair that was evaluated, whether it passed or not
/// (JUnit reports one test case per pair).
public struct Evaluation: Sendable, Hashable {
    public var ruleID: String
    public var resource: ResourceID

    public init(ruleID: String, resource: ResourceID) {
        self.ruleID = ruleID
        self.resource = resource
    }
}
