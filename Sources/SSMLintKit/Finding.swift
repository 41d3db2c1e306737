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
    public var message: String
    /// The primary resource (architecture.md §5): its logical ID or address is the
    /// SARIF fullyQualifiedName.
    public var resource: ResourceID
    public var location: SourceLocation
    public var related: [RelatedLocation]
    /// Distinguishes findings of one rule on one resource (e.g. which rule entry,
    /// which service); with the rule and resource it forms the stable fingerprint.
    public var key: String
    /// True for `--show-unresolved` notes: a check stayed silent on an unknown value.
    public var isUnresolved: Bool

    public init(ruleID: String, level: Severity, message: String, resource: ResourceID, location: SourceLocation,
                related: [RelatedLocation] = [], key: String = "", isUnresolved: Bool = false) {
        self.ruleID = ruleID
        self.level = level
        self.message = message
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
