import SSMLintModel

extension NetworkAnalysis {
    /// Whether Session Manager can definitely reach the target: a path to ssm
    /// and ssmmessages (ec2messages is optional for current agents) that the
    /// endpoint security groups and the target's own egress let through. False
    /// as soon as one of them has no path or is blocked; unknown when anything
    /// on the way is.
    public func sessionManagerReaches(_ target: ComputeTarget) -> Value<Bool> {
        var pending: Unresolved?
        for service in [SSMService.ssm, .ssmmessages] {
            let path = path(of: target, to: service)
            switch path {
            case .none:
                return .known(false)
            case .unknown(let reason):
                pending = pending ?? reason
                continue
            case .endpoint(let endpoint):
                switch endpointCoverage(endpoint, for: target) {
                case .full: break
                case .none: return .known(false)
                case .partial(let cidr):
                    pending = pending ?? Unresolved("endpoint \(endpoint.endpoint.id) admits TCP 443 only from \(cidr), part of the target's subnet")
                case .unknown(let reason): pending = pending ?? reason
                }
            case .internet:
                break
            }
            switch egressVerdict(of: target, along: path) {
            case .allowed: break
            case .blocked: return .known(false)
            case .unknown(let reason): pending = pending ?? reason
            }
        }
        if let pending { return .unknown(pending) }
        return .known(true)
    }
}
