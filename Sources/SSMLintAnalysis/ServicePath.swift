import SSMLintModel

/// How a compute target reaches one Systems Manager service (docs/how-it-decides.md).
/// DNS decides: once an endpoint for the service is DNS-effective in the VPC,
/// every instance of the VPC uses it, public ones included.
public enum ServicePath: Sendable {
    /// An interface endpoint of the target's own VPC whose name resolves there.
    case endpoint(SSMEndpoint)
    /// An interface endpoint of another VPC, through peering or a transit gateway.
    case peeredEndpoint(PeeredEndpointPath)
    /// Through an internet gateway (public IPv4) or a public NAT gateway.
    case internet(InternetAccess)
    case none(reason: String, involved: [ResourceID])
    case unknown(Unresolved)

    /// The endpoint of the target's own VPC on the path.
    public var endpoint: SSMEndpoint? {
        if case .endpoint(let endpoint) = self { return endpoint }
        return nil
    }

    /// The endpoint that carries the traffic, in the target's VPC or a peered one.
    public var servingEndpoint: SSMEndpoint? {
        switch self {
        case .endpoint(let endpoint): return endpoint
        case .peeredEndpoint(let path): return path.endpoint
        default: return nil
        }
    }

    public var peered: PeeredEndpointPath? {
        if case .peeredEndpoint(let path) = self { return path }
        return nil
    }

    public var isInternet: Bool {
        if case .internet = self { return true }
        return false
    }

    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    public var unresolved: Unresolved? {
        if case .unknown(let reason) = self { return reason }
        return nil
    }

    public var isNAT: Bool {
        if case .internet(.natGateway) = self { return true }
        return false
    }
}
