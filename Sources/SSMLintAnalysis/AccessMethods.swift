import SSMLintModel

/// One way an operator can get a shell on a compute target, with whether it
/// works and the resources it rests on. Built from the same analysis the rules
/// use, so `ssmlint paths` never tells a different story from `ssmlint scan`.
public struct AccessMethod: Sendable {
    public enum Kind: String, Sendable {
        case sessionManagerEndpoints = "Session Manager via interface endpoints"
        case sessionManagerPeeredEndpoints = "Session Manager via peered endpoints"
        case sessionManagerNAT = "Session Manager via NAT gateway"
        case sessionManagerInternet = "Session Manager via internet gateway"
        /// No path decides the way (none, or unknown).
        case sessionManager = "Session Manager"
        case instanceConnectEndpoint = "EC2 Instance Connect Endpoint"
    }

    public enum State: String, Sendable {
        case works, broken, unknown
    }

    public let kind: Kind
    public let state: State
    /// The resources the way in rests on (endpoints, gateways, security groups, role).
    public let resources: [ResourceID]
    /// Why it is broken or unknown, or what it goes through.
    public let detail: String
}

extension NetworkAnalysis {
    /// Every way in to `target`: Session Manager (whichever path its agent
    /// takes) and each EC2 Instance Connect Endpoint the input links it to.
    public func accessMethods(of target: ComputeTarget, instanceConnect: InstanceConnectAnalysis) -> [AccessMethod] {
        [sessionManagerAccess(of: target)] + instanceConnect.accesses(of: target).map(Self.method)
    }

    private func sessionManagerAccess(of target: ComputeTarget) -> AccessMethod {
        let paths = [SSMService.ssm, .ssmmessages].map { path(of: target, to: $0) }
        var resources: [ResourceID] = []
        func add(_ id: ResourceID) { if !resources.contains(id) { resources.append(id) } }
        let kind: AccessMethod.Kind
        switch paths[0] {
        case .endpoint: kind = .sessionManagerEndpoints
        case .peeredEndpoint: kind = .sessionManagerPeeredEndpoints
        case .internet(.natGateway): kind = .sessionManagerNAT
        case .internet: kind = .sessionManagerInternet
        case .none, .unknown: kind = .sessionManager
        }
        for path in paths {
            switch path {
            case .endpoint(let endpoint): add(endpoint.endpoint.id)
            case .peeredEndpoint(let peered): add(peered.endpoint.endpoint.id); add(peered.zone)
            case .internet(.natGateway(let nat, _)): add(nat)
            case .internet(.internetGateway(let gateway, _)): if let id = gateway.declaredID { add(id) }
            default: break
            }
        }
        let permission = permission(of: target)
        if case .granted(let role, _) = permission { add(role) }
        if case .missing(let reason, _) = permission {
            return AccessMethod(kind: kind, state: .broken, resources: resources,
                                detail: "the target \(reason) (Default Host Management Configuration, invisible here, could stand in)")
        }
        switch sessionManagerReaches(target) {
        case .known(true):
            if case .unresolved(let reason) = permission {
                return AccessMethod(kind: kind, state: .unknown, resources: resources, detail: "permissions: \(reason.reason)")
            }
            return AccessMethod(kind: kind, state: .works, resources: resources, detail: "ssm and ssmmessages are reachable")
        case .unknown(let reason):
            return AccessMethod(kind: kind, state: .unknown, resources: resources, detail: reason.reason)
        default:
            let failing = zip([SSMService.ssm, .ssmmessages], paths).first { $0.1.isNone }
            let detail: String
            if let (service, path) = failing, case .none(let reason, _) = path { detail = "no path to \(service.rawValue): \(reason)" }
            else { detail = "a security group on the way blocks TCP 443 (see scan)" }
            return AccessMethod(kind: kind, state: .broken, resources: resources, detail: detail)
        }
    }

    private static func method(_ access: InstanceConnectAccess) -> AccessMethod {
        var resources = [access.placement.id]
        for group in access.placement.groups { if let id = group.declaredID, !resources.contains(id) { resources.append(id) } }
        let linked = "linked by " + access.links.map(\.rawValue).joined(separator: ", ")
        switch access.state {
        case .works:
            return AccessMethod(kind: .instanceConnectEndpoint, state: .works, resources: resources, detail: linked)
        case .unknown(let reason):
            return AccessMethod(kind: .instanceConnectEndpoint, state: .unknown, resources: resources, detail: "\(reason.reason); \(linked)")
        case .broken(let problems):
            return AccessMethod(kind: .instanceConnectEndpoint, state: .broken, resources: resources,
                                detail: problems.map(describe).joined(separator: "; ") + "; " + linked)
        }
    }

    private static func describe(_ problem: InstanceConnectProblem) -> String {
        switch problem {
        case .endpointEgressMissing: return "the endpoint's security groups do not let TCP 22/3389 out to it"
        case .targetIngressMissing: return "its security groups admit TCP 22/3389 from no source the endpoint connects from"
        case .preservedClientOutsidePrivateSources: return "client IP preservation is on, and it admits TCP 22/3389 only from private ranges and other groups"
        case .preservationAcrossVPCs(let vpc): return "client IP preservation is on, and it is in another VPC (\(vpc))"
        case .ipv6OnlyTarget: return "it is IPv6-only, and the endpoint's subnet has no IPv6 CIDR"
        }
    }
}
