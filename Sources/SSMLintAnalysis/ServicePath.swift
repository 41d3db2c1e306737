import SSMLintModel

/// How a compute target reaches one Systems Manager service (docs/how-it-decides.md).
/// DNS decides: once an endpoint for the service is DNS-effective in the VPC,
/// every instance of the VPC uses it, public ones included.
public enum ServicePath: Sendable {
    case endpoint(SSMEndpoint)
    /// Through an internet gateway (public IPv4) or a public NAT gateway.
    case internet(InternetAccess)
    case none(reason: String, involved: [ResourceID])
    case unknown(Unresolved)

    public var endpoint: SSMEndpoint? {
        if case .endpoint(let endpoint) = self { return endpoint }
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
