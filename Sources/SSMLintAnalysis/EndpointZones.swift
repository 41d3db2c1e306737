import SSMLintModel

extension NetworkAnalysis {
    /// True when one of the endpoint's subnets is in the target's Availability
    /// Zone; a subnet the target shares with the endpoint is such a subnet even
    /// when its zone is unknown. Zone names are aliases per account: across
    /// VPCs they compare only within one account (a CloudFormation stack, a
    /// same-account peering); otherwise only zone IDs compare.
    public func sharesZone(_ target: ComputeTarget, with endpoint: SSMEndpoint) -> Value<Bool> {
        guard case .known(let subnets) = endpointSubnets(endpoint) else {
            return .unknown(Unresolved("the subnets of endpoint \(endpoint.endpoint.id) are unknown"))
        }
        if let own = target.subnet.known, subnets.contains(where: { $0.known == own }) { return .known(true) }
        let zone = zone(of: target.subnet)
        guard case .known(let targetZone) = zone else { return .unknown(zone.unresolved ?? Unresolved("the target's AZ is unknown")) }
        let vpc = vpcID(of: target)
        let sameAccount = vpc == endpoint.vpc || model.format == .cloudFormation
            || vpc.map { usablePeering(joining: $0, endpoint.vpc) != nil } == true
        var pending: Unresolved?
        for subnet in subnets {
            let endpointZone = self.zone(of: subnet)
            guard case .known(let other) = endpointZone else { pending = endpointZone.unresolved; continue }
            if !sameAccount, !(targetZone.isZoneID && other.isZoneID) {
                pending = Unresolved("\(targetZone) and \(other) may be zone names of different accounts")
                continue
            }
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

extension AvailabilityZone {
    var isZoneID: Bool {
        if case .zoneID = self { return true }
        return false
    }
}
