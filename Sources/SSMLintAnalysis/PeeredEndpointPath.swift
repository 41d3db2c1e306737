import SSMLintModel

/// How a target reaches an interface endpoint in another VPC: a private
/// hosted zone associated with the target's VPC sends the service name to the
/// endpoint, the target's route table sends the endpoint subnets to a peering
/// connection (or a transit gateway) joining the two VPCs, and the endpoint
/// subnets' route tables send the target's subnet back the same way.
public struct PeeredEndpointPath: Sendable {
    public enum Connection: Sendable {
        case peering(ResourceID)
        /// The transit gateway and the two VPC attachments (target side, endpoint side).
        case transitGateway(ResourceID, from: ResourceID, to: ResourceID)

        public var resource: ResourceID {
            switch self {
            case .peering(let id), .transitGateway(let id, _, _): return id
            }
        }

        public var isTransitGateway: Bool {
            if case .transitGateway = self { return true }
            return false
        }
    }

    public var endpoint: SSMEndpoint
    /// The private hosted zone of the target's VPC that answers for the service name.
    public var zone: ResourceID
    public var connection: Connection
    /// The route resources that carry the traffic to the endpoint and back.
    public var forwardRoutes: [ResourceID]
    public var returnRoutes: [ResourceID]

    /// Every resource on the path, for messages and `ssmlint paths`.
    public var involved: [ResourceID] {
        var seen: Set<ResourceID> = []
        return ([zone, connection.resource] + forwardRoutes + returnRoutes + [endpoint.endpoint.id]).filter { seen.insert($0).inserted }
    }
}

/// A peered endpoint path that DNS sets up but a route table breaks: the
/// target's table has no route to the endpoint subnets through the connection,
/// or an endpoint subnet's table has no route back.
public struct PeeringRouteGap: Sendable {
    public enum Direction: Sendable { case toEndpoint, back }

    public var direction: Direction
    public var endpoint: SSMEndpoint
    public var zone: ResourceID
    /// The declared, accepted peering connection that joins the two VPCs, if there is one.
    public var peering: ResourceID?
    /// The subnet whose route table lacks the route, and that table (nil: the
    /// VPC's main table, which a template cannot change and which holds only the local route).
    public var subnet: ResourceID
    public var routeTable: ResourceID?
    /// The CIDR that needs a route.
    public var destination: IPNetwork
    /// The route that sends the destination elsewhere instead, if any.
    public var misroutedBy: Route?
}
