/// The identity of a declared resource: a CloudFormation logical ID or a
/// Terraform resource address (`module.net.aws_subnet.priv[1]`).
public struct ResourceID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static func < (lhs: ResourceID, rhs: ResourceID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// What a property that names another resource points at.
public enum ResourceRef: Hashable, Sendable, CustomStringConvertible {
    /// A resource declared in the scanned input.
    case declared(ResourceID)
    /// Something that exists outside the input: a literal `vpc-0abc…`, a parameter
    /// default of type `AWS::EC2::VPC::Id`, a profile name.
    case external(String)

    public var declaredID: ResourceID? {
        if case .declared(let id) = self { return id }
        return nil
    }

    public var description: String {
        switch self {
        case .declared(let id): return id.rawValue
        case .external(let name): return name
        }
    }
}
