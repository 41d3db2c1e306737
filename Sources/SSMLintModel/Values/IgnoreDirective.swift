/// A request, written in the scanned input itself, to accept findings of a
/// rule: CloudFormation `Metadata: {ssmlint: {ignore: [...]}}` on a resource
/// or the template, or a `# ssmlint:ignore` comment above a Terraform block.
/// It is taken as written; the engine decides whether it may suppress
/// (a reason is required, an expired one no longer counts).
public struct IgnoreDirective: Sendable, Hashable {
    /// The rule's ID or slug as written.
    public var rule: String
    public var reason: String?
    /// The expiry as written (`2027-03-31`).
    public var expires: String?
    /// The resource it applies to; nil for the whole input.
    public var resource: ResourceID?
    public var location: SourceLocation

    public init(rule: String, reason: String?, expires: String?, resource: ResourceID?, location: SourceLocation) {
        self.rule = rule
        self.reason = reason
        self.expires = expires
        self.resource = resource
        self.location = location
    }
}
