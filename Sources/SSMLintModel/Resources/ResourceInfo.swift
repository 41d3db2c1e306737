/// What every declared resource has: identity, source type, provenance, and
/// the condition it depends on when that condition could not be decided.
public struct ResourceInfo: Sendable {
    // The fields sit in one shared, immutable object: every table element,
    // target, finding and related location carries its resource's info, and
    // copying five strings meant five atomic reference-count updates each time
    // (millions on a large input); the object is one. A change makes a new one.
    private final class Fields: Sendable {
        let id: ResourceID
        let type: String
        let location: SourceLocation
        let condition: String?

        init(id: ResourceID, type: String, location: SourceLocation, condition: String?) {
            self.id = id
            self.type = type
            self.location = location
            self.condition = condition
        }
    }

    private var fields: Fields

    public var id: ResourceID {
        get { fields.id }
        set { fields = Fields(id: newValue, type: type, location: location, condition: condition) }
    }

    /// `AWS::EC2::VPC` or `aws_vpc`.
    public var type: String {
        get { fields.type }
        set { fields = Fields(id: id, type: newValue, location: location, condition: condition) }
    }

    public var location: SourceLocation {
        get { fields.location }
        set { fields = Fields(id: id, type: type, location: newValue, condition: condition) }
    }

    /// Set when the resource is created only if an undecidable condition holds
    /// (CloudFormation `Condition:`, Terraform `count` with an unknown value).
    public var condition: String? {
        get { fields.condition }
        set { fields = Fields(id: id, type: type, location: location, condition: newValue) }
    }

    public init(id: ResourceID, type: String, location: SourceLocation, condition: String? = nil) {
        fields = Fields(id: id, type: type, location: location, condition: condition)
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
