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
    /// The properties sit behind a reference: a scan without rule packs keeps
    /// none (`InfrastructureModel.add(_:keepingProperties:)`), and a resource
    /// list of thousands then holds one pointer each instead of a whole value.
    private var box: PropertyBox?

    public init(info: ResourceInfo, properties: PropertyValue) {
        self.info = info
        self.box = PropertyBox(properties)
    }

    /// A resource whose properties were not kept.
    init(withoutPropertiesOf resource: Resource) {
        self.info = resource.info
        self.box = nil
    }

    /// CloudFormation `Properties` after intrinsic resolution; Terraform
    /// `values`. An empty map when the loader did not keep them.
    public var properties: PropertyValue {
        get { box?.value ?? PropertyValue(.map([]), range: info.location.range) }
        set { box = PropertyBox(newValue) }
    }
}

private final class PropertyBox: Sendable {
    let value: PropertyValue
    init(_ value: PropertyValue) { self.value = value }
}

/// Model types that stand for one declared resource.
public protocol DeclaredResource: Sendable {
    var info: ResourceInfo { get }
}

extension DeclaredResource {
    public var id: ResourceID { info.id }
}
