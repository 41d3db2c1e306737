import SSMLintModel

extension NetworkAnalysis {
    /// True when one of the endpoint's subnets is in the target's Availability
    /// Zone; a subnet the target shares with the endpoint is such a subnet even
    /// when its zone is unknown.
    public func sharesZone(_ target: ComputeTarget, with endpoint: SSMEndpoint) -> Value<Bool> {
        guard case .known(let subnets) = endpointSubnets(endpoint) else {
            return .unknown(Unresolved("the subnets of endpoint \(endpoint.endpoint.id) are unknown"))
        }
        if let own = target.subnet.known, subnets.contains(where: { $0.known == own }) { return .known(true) }
        let zone = zone(of: target.subnet)
        guard case .known(let targetZone) = zone else { return .unknown(zone.unresolved ?? Unresolved("the target's AZ is unknown")) }
        var pending: Unresolved?
        for subnet in subnets {
            let endpointZone = self.zone(of: subnet)
            guard case .known(let other) = endpointZone else { pending = endpointZone.unresolved; continue }
            switch targetZone.isSame(as: other, region: model.region) {
            case true?: return .known(true)
            case nil: pending = Unresolved("\(targetZone) and \(other) cannot be compared")
            case false?: break
            }
        }
        if let pending { return .unknown(pending) }
        return .known(false)
    }
}
