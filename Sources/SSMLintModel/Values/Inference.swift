/// A value the loader decided from the shape of the input rather than from
/// an expression it could evaluate, with the reason that makes it certain.
/// Kept on the model so that reports can say where the value came from.
public struct Inference: Hashable, Sendable, CustomStringConvertible {
    public var resource: ResourceID
    public var attribute: String
    /// The value taken, as displayed (a resource address).
    public var value: String
    public var reason: String

    public init(resource: ResourceID, attribute: String, value: String, reason: String) {
        self.resource = resource
        self.attribute = attribute
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(attribute) of \(resource) inferred as \(value): \(reason)" }
}
