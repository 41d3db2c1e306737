/// The identity of a declared resource: a CloudFormation logical ID or a
/// Terraform resource address (`module.net.aws_subnet.priv[1]`). Resources
/// that AWS creates together with another one (a VPC's default security
/// group) have an identity of their own that records whose they are.
public struct ResourceID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name users see and fingerprints use (`Vpc.DefaultSecurityGroup` for an implicit resource).
    public let rawValue: String
    /// Set for an implicit resource: what it is and the resource it belongs to.
    public var implicit: ImplicitResource? { implicitBox?.resource }
    /// Boxed: identities are copied into every reference of the model, and a
    /// box keeps them at 24 bytes instead of 40.
    private let implicitBox: ImplicitBox?

    private final class ImplicitBox: Sendable {
        let resource: ImplicitResource
        init(_ resource: ImplicitResource) { self.resource = resource }
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
        self.implicitBox = nil
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// The identity of the `kind` resource that AWS creates with `owner`.
    public init(_ kind: ImplicitResource.Kind, of owner: ResourceID) {
        rawValue = "\(owner.rawValue).\(kind.rawValue)"
        implicitBox = ImplicitBox(ImplicitResource(kind: kind, owner: owner.rawValue))
    }

    // The name alone identifies a resource; `implicit` is what is known about it.
    public static func == (lhs: ResourceID, rhs: ResourceID) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public static func < (lhs: ResourceID, rhs: ResourceID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// A resource created by AWS together with a declared one, which templates
/// reach only through attributes of its owner (`!GetAtt Vpc.DefaultSecurityGroup`).
public struct ImplicitResource: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case defaultSecurityGroup = "DefaultSecurityGroup"
        case defaultNetworkAcl = "DefaultNetworkAcl"
        case mainRouteTable = "MainRouteTable"
        /// A transit gateway's default route table (associations and propagations default to it).
        case defaultTransitGatewayRouteTable = "DefaultRouteTable"
    }

    public var kind: Kind
    public var owner: ResourceID { ResourceID(ownerName) }
    private let ownerName: String

    init(kind: Kind, owner: String) {
        self.kind = kind
        self.ownerName = owner
    }
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
