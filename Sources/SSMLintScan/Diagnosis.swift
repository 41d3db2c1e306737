import SSMLintAnalysis
import SSMLintEngine
import SSMLintModel

/// Per compute target, the checklist the Session Manager agent's own
/// diagnostics (`ssm-cli get-diagnostics`) work through at run time, answered
/// before deployment from the same analysis and findings as `scan`: a row
/// fails exactly when a finding of `scan` says so, and never passes where one
/// does.
public struct Diagnosis: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case pass, warn, fail, unknown
    }

    /// One row of the checklist.
    public struct Check: Sendable {
        /// What is checked, e.g. "ssmmessages: name resolution".
        public var name: String
        public var service: SSMService?
        public var status: Status
        /// Why: the analysis' fact for pass and unknown, the findings' messages for warn and fail.
        public var reason: String
        /// The rules whose findings decided a warn or fail row.
        public var rules: [String]
    }

    public struct Target: Sendable {
        public var resource: ResourceID
        public var displayName: String
        public var location: SourceLocation
        public var checks: [Check]
    }

    public let targets: [Target]

    /// The checklist's rows, each with the rules whose findings it reflects.
    enum Row: CaseIterable {
        case permissions, nameResolution, route, https

        var rules: Set<String> {
            switch self {
            case .permissions: return ["SSM007"]
            case .nameResolution: return ["SSM001", "SSM008", "SSM009", "SSM012", "SSM018"]
            case .route: return ["SSM002", "SSM004", "SSM005", "SSM013", "SSM014", "SSM019"]
            case .https: return ["SSM003", "SSM010", "SSM020"]
            }
        }

        /// The rules about the path to a service (every row but permissions).
        static let pathRules = Row.nameResolution.rules.union(Row.route.rules).union(Row.https.rules)

        func name(_ service: SSMService?) -> String {
            let prefix = service.map { "\($0.rawValue): " } ?? ""
            switch self {
            case .permissions: return "instance profile permissions"
            case .nameResolution: return prefix + "name resolution"
            case .route: return prefix + "route"
            case .https: return prefix + "TCP 443"
            }
        }
    }

    public init(analysis: NetworkAnalysis, findings: [Finding]) {
        let decisive = findings.filter { !$0.isUnresolved }
        targets = analysis.targets.map { target in
            Target(resource: target.id, displayName: target.displayName, location: target.info.location,
                   checks: Self.checks(of: target, analysis: analysis, findings: decisive))
        }
    }

    private static func checks(of target: ComputeTarget, analysis: NetworkAnalysis, findings: [Finding]) -> [Check] {
        let scope = Set([target.id] + [target.subnet, target.vpc].compactMap { $0.known?.declaredID })
        var rows: [Check] = []
        let permission = analysis.permission(of: target)
        rows.append(decide(.permissions, service: nil, findings: findings.filter { touches($0, scope) }) {
            switch permission {
            case .granted(let role, let deprecated):
                return (.pass, "role \(role) grants the Systems Manager permissions" + (deprecated.map { " (through the deprecated \($0))" } ?? ""))
            case .missing(let reason, _): return (.warn, "it \(reason)")
            case .unresolved(let reason): return (.unknown, reason.reason)
            }
        })
        for service in SSMService.allCases {
            let path = analysis.path(of: target, to: service)
            var serviceScope = scope
            if case .none(_, let involved) = path { serviceScope.formUnion(involved) }
            let concerned = findings.filter { touches($0, serviceScope) && concernsService($0, service, analysis: analysis) }
            guard permission.isSSMIntended || analysis.options.includeTargetsWithoutPermissions else {
                for row in [Row.nameResolution, .route, .https] {
                    rows.append(decide(row, service: service, findings: concerned) {
                        (.unknown, "not judged: without Systems Manager permissions the instance is not meant for Session Manager (--all-instances judges it)")
                    })
                }
                continue
            }
            rows.append(decide(.nameResolution, service: service, findings: concerned) { resolution(path, service, target, analysis) })
            rows.append(decide(.route, service: service, findings: concerned) { route(path) })
            rows.append(decide(.https, service: service, findings: concerned) { https(path, target, analysis) })
        }
        return rows
    }

    /// A row fails or warns exactly when a finding of one of its rules
    /// concerns the target; otherwise the analysis' verdict stands, except
    /// that a break the analysis sees but scan does not report stays unknown
    /// (scan stays silent on purpose there, e.g. ec2messages, which current
    /// agents do without, or a path undecided elsewhere).
    private static func decide(_ row: Row, service: SSMService?, findings: [Finding],
                               otherwise: () -> (Status, String)) -> Check {
        let matching = findings.filter { row.rules.contains($0.ruleID) }
        let decisive = matching.filter { $0.level == .error || $0.level == .warning }
        if !decisive.isEmpty {
            let status: Status = decisive.contains { $0.level == .error } ? .fail : .warn
            return Check(name: row.name(service), service: service, status: status,
                         reason: decisive.map { "\($0.ruleID) \($0.message)" }.joined(separator: "; "),
                         rules: Array(Set(decisive.map(\.ruleID))).sorted())
        }
        let (status, reason) = otherwise()
        guard status == .fail else { return Check(name: row.name(service), service: service, status: status, reason: reason, rules: []) }
        // Scan reports the break under another row's rule (no route because the
        // endpoint's name never resolves to it): name that finding.
        let elsewhere = findings.filter { Row.pathRules.contains($0.ruleID) && ($0.level == .error || $0.level == .warning) }
        if !elsewhere.isEmpty {
            let rules = Array(Set(elsewhere.map(\.ruleID))).sorted()
            return Check(name: row.name(service), service: service, status: .fail,
                         reason: "\(reason) (reported as \(rules.joined(separator: ", ")))", rules: rules)
        }
        if let note = matching.first {
            return Check(name: row.name(service), service: service, status: .unknown,
                         reason: "\(reason); \(note.ruleID) \(note.message)", rules: [])
        }
        return Check(name: row.name(service), service: service, status: .unknown,
                     reason: "\(reason); scan reports no finding for it on its own", rules: [])
    }

    private static func resolution(_ path: ServicePath, _ service: SSMService, _ target: ComputeTarget,
                                   _ analysis: NetworkAnalysis) -> (Status, String) {
        switch path {
        case .endpoint(let endpoint):
            if case .effective(.hostedZone(let zone)) = endpoint.dns {
                return (.pass, "resolves to endpoint \(endpoint.endpoint.id) through private hosted zone \(zone)")
            }
            return (.pass, "resolves to endpoint \(endpoint.endpoint.id) through its private DNS")
        case .peeredEndpoint(let peered):
            return (.pass, "resolves to endpoint \(peered.endpoint.endpoint.id) in \(peered.endpoint.vpc) through private hosted zone \(peered.zone)")
        case .internet:
            return (.pass, "resolves to the public Systems Manager address")
        case .none(let reason, _):
            if let vpc = target.vpc.known?.declaredID {
                if let zone = analysis.hostedZoneServes(service, in: vpc) {
                    return (.pass, "private hosted zone \(zone.id) answers the name")
                }
                if analysis.resolvesPublicly(service, in: vpc) { return (.pass, "resolves to the public Systems Manager address") }
            }
            return (.unknown, reason)
        case .unknown(let reason):
            return (.unknown, reason.reason)
        }
    }

    private static func route(_ path: ServicePath) -> (Status, String) {
        switch path {
        case .endpoint(let endpoint): return (.pass, "endpoint \(endpoint.endpoint.id) is in the instance's VPC")
        case .peeredEndpoint(let peered):
            return (.pass, "routes \(peered.forwardRoutes.map(\.rawValue).joined(separator: ", ")) lead to endpoint \(peered.endpoint.endpoint.id), routes \(peered.returnRoutes.map(\.rawValue).joined(separator: ", ")) lead back")
        case .internet(.natGateway(let nat, _)): return (.pass, "default route to NAT gateway \(nat)")
        case .internet(.internetGateway(let gateway, _)): return (.pass, "default route to internet gateway \(gateway) with a public IPv4 address")
        case .internet: return (.unknown, "the way out could not be decided")
        case .none(let reason, _): return (.fail, reason)
        case .unknown(let reason): return (.unknown, reason.reason)
        }
    }

    private static func https(_ path: ServicePath, _ target: ComputeTarget, _ analysis: NetworkAnalysis) -> (Status, String) {
        var facts: [String] = []
        if let endpoint = path.servingEndpoint {
            let acrossTransitGateway = path.peered?.connection.isTransitGateway ?? false
            switch analysis.endpointCoverage(endpoint, for: target, acrossTransitGateway: acrossTransitGateway) {
            case .full: facts.append("the security groups of endpoint \(endpoint.endpoint.id) admit TCP 443 from the instance")
            case .none: return (.fail, "the security groups of endpoint \(endpoint.endpoint.id) do not admit TCP 443 from the instance")
            case .partial(let cidr): return (.unknown, "endpoint \(endpoint.endpoint.id) admits TCP 443 only from \(cidr), part of the instance's subnet")
            case .unknown(let reason): return (.unknown, reason.reason)
            }
        } else if path.isNone {
            return (.unknown, "not checked: there is no route")
        } else if let reason = path.unresolved {
            return (.unknown, reason.reason)
        }
        switch analysis.egressVerdict(of: target, along: path) {
        case .allowed: facts.append("the instance's security groups let TCP 443 out")
        case .blocked: return (.fail, "the instance's security groups do not let TCP 443 out")
        case .unknown(let reason): return (.unknown, reason.reason)
        }
        return (.pass, facts.joined(separator: "; "))
    }

    /// Whether the finding names the target, its subnet or VPC, or a resource on its path.
    private static func touches(_ finding: Finding, _ scope: Set<ResourceID>) -> Bool {
        scope.contains(finding.resource) || finding.related.contains { scope.contains($0.resource) }
    }

    /// Whether the finding is about `service`: through the endpoints it names,
    /// else through the service its text names; one that names none is about all three.
    private static func concernsService(_ finding: Finding, _ service: SSMService, analysis: NetworkAnalysis) -> Bool {
        let named = [finding.resource] + finding.related.map(\.resource)
        let endpointServices = Set(named.compactMap { analysis.ssmEndpointsByID[$0]?.service })
        if !endpointServices.isEmpty { return endpointServices.contains(service) }
        let words = Set((finding.key + " " + finding.message).split { !$0.isLetter && !$0.isNumber }.map(String.init))
        let mentioned = SSMService.allCases.filter { words.contains($0.rawValue) }
        return mentioned.isEmpty || mentioned.contains(service)
    }
}
