/// What one rule found on one input; filled in by `Rule.check`.
public struct RuleReport: Sendable {
    /// A finding before the engine assigns its level from the rule's metadata.
    public struct Entry: Sendable {
        public var resource: ResourceID
        public var location: SourceLocation
        public var message: String
        public var fix: String?
        public var variant: String?
        public var key: String
        public var related: [RelatedLocation]
        public var unresolved: Unresolved?
    }

    public private(set) var evaluated: [ResourceID] = []
    public private(set) var entries: [Entry] = []
    /// Failures of the rule itself (a compiled pack answering nonsense): exit 70.
    public private(set) var toolErrors: [String] = []

    public init() {}

    /// Called by the engine once the rule is done: repeats leave `evaluated`
    /// (the first time each resource was looked at keeps its place), and the
    /// list, which the scan's outcome keeps, loses the room it grew into.
    /// One set sized for the whole list: a set grown one resource at a time,
    /// while the rule ran, hashed every identity again at each doubling.
    mutating func finish() {
        var seen = Set<ResourceID>(minimumCapacity: evaluated.count)
        evaluated.removeAll { !seen.insert($0).inserted }
        evaluated.trimToSize()
    }

    /// Records that the rule looked at `resource` (passing or not).
    public mutating func evaluated(_ resource: ResourceID) {
        // A repeat right after itself (one target, several services) is not kept at all.
        if evaluated.last != resource { evaluated.append(resource) }
    }

    /// Reports a violation located at `resource`: `message` says what is wrong
    /// and where (one sentence naming the resources), `fix` how to repair this
    /// particular finding. `variant` names one of the rule's `severityVariants`;
    /// `key` separates several findings on one resource.
    public mutating func violation(
        at resource: ResourceID, location: SourceLocation, message: String, fix: String? = nil,
        variant: String? = nil, key: String = "", related: [RelatedLocation] = []
    ) {
        evaluated(resource)
        entries.append(Entry(resource: resource, location: location, message: message, fix: fix, variant: variant,
                             key: key, related: related, unresolved: nil))
    }

    /// `violation(at:location:…)` for a declared resource or compute target.
    public mutating func violation(
        at info: ResourceInfo, message: String, fix: String? = nil,
        variant: String? = nil, key: String = "", related: [RelatedLocation] = []
    ) {
        violation(at: info.id, location: info.location, message: message, fix: fix, variant: variant, key: key, related: related)
    }

    /// Records that the rule could not do its work.
    public mutating func toolError(_ message: String) {
        toolErrors.append(message)
    }

    /// Records that a check stayed silent because a value is unknown
    /// (reported as a note only with `--show-unresolved`).
    public mutating func unresolved(
        at resource: ResourceID, location: SourceLocation, check: String, reason: Unresolved, key: String = ""
    ) {
        evaluated(resource)
        entries.append(Entry(resource: resource, location: location,
                             message: "\(check) could not be decided: \(reason.reason)", fix: nil, variant: nil,
                             key: "unresolved:" + key, related: [], unresolved: reason))
    }

    /// `unresolved(at:location:…)` for a declared resource or compute target.
    public mutating func unresolved(at info: ResourceInfo, check: String, reason: Unresolved, key: String = "") {
        unresolved(at: info.id, location: info.location, check: check, reason: reason, key: key)
    }
}
