/// What every declared resource has: identity, source type, provenance, and
/// the condition it depends on when that condition could not be decided.
public struct ResourceInfo: Sendable {
    public var id: ResourceID
    /// `AWS::EC2::VPC` or `aws_vpc`.
    public var type: String
    public var location: SourceLocation
    /// Set when the resource is created only if an undecidable condition holds
    /// (CloudFormation `Condition:`, Terraform `count` with an unknown value).
    public var condition: String?

    public init(id: ResourceID, type: String, location: SourceLocation, condition: String? = nil) {
        self.id = id
        self.type = type
        self.location = location
        self.condition = condition
    }

    public var isConditional: Bool { condition != nil }
}

/// Every declared resource, whatever its type, with its resolved properties.
public struct Resource: Sendable {
    public var info: ResourceInfo
    /// CloudFormation `Properties` after intrinsic resolution; Terraform `values`.
    public var properties: PropertyValue

    public init(info: ResourceInfo, properties: PropertyValue) {
        self.info = info
        self.properties = properties
    }
}

/// Model types that stand for one declared resource.
public protocol DeclaredResource: Sendable {
    var info: ResourceInfo { get }
}

extension DeclaredResource {
    public var id: ResourceID { info.id }
}
