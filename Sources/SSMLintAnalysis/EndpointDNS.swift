import SSMLintModel

/// Whether an interface endpoint's service name resolves to its ENIs inside
/// its VPC (docs/how-it-decides.md).
public enum EndpointDNS: Sendable {
    public enum Mechanism: Sendable { case privateDNS, hostedZone(ResourceID) }

    case effective(Mechanism)
    /// Private DNS is off and no private hosted zone serves the name (SSM008).
    case privateDNSOff
    /// Private DNS (or a hosted zone) is there, but the VPC's DNS attributes defeat it (SSM001).
    case vpcAttributesOff(String)
    case unknown(Unresolved)

    public var isEffective: Bool {
        if case .effective = self { return true }
        return false
    }
}

/// An SSM interface endpoint as the analysis sees it. A class, so that the
/// paths of thousands of targets share one instance instead of copies.
public final class SSMEndpoint: Sendable {
    /// In the model's endpoint list: a copy of the endpoint would hold all
    /// its fields again.
    private let element: TableElement<VPCEndpoint>
    public var endpoint: VPCEndpoint { element.value }
    public let service: SSMService
    public let vpc: ResourceID
    /// Interface type known; Gateway (the default) or unknown types are SSM013's concern.
    public let isInterface: Value<Bool>
    public let dns: EndpointDNS

    init(endpointAt position: Int, of all: [VPCEndpoint], service: SSMService, vpc: ResourceID, isInterface: Value<Bool>, dns: EndpointDNS) {
        self.element = TableElement(position, of: all)
        self.service = service
        self.vpc = vpc
        self.isInterface = isInterface
        self.dns = dns
    }
}

struct EndpointDNSEvaluator {
    let model: InfrastructureModel
    let zonesByVPC: [ResourceID: [HostedZone]]
    let recordsByZone: [ResourceID: [DNSRecord]]
    let unplacedRecords: Bool
    let customResolvers: [ResourceID: Value<Bool>]

    init(model: InfrastructureModel) {
        self.model = model
        var zones: [ResourceID: [HostedZone]] = [:]
        for zone in model.hostedZones {
            for case .known(.declared(let vpc)) in zone.vpcs { zones[vpc, default: []].append(zone) }
        }
        zonesByVPC = zones
        var records: [ResourceID: [DNSRecord]] = [:]
        var unplaced = false
        let zonesByName = Dictionary(model.hostedZones.compactMap { zone in zone.name.known.map { ($0, zone.id) } },
                                     uniquingKeysWith: { first, _ in first })
        for record in model.dnsRecords {
            if case .known(.declared(let zone)) = record.zone {
                records[zone, default: []].append(record)
            } else if let name = record.zoneName.known, let zone = zonesByName[name] {
                records[zone, default: []].append(record)
            } else if record.zone.unresolved != nil || record.zoneName.unresolved != nil {
                unplaced = true
            }
        }
        recordsByZone = records
        unplacedRecords = unplaced
        var resolvers: [ResourceID: Value<Bool>] = [:]
        for association in model.dhcpOptionsAssociations {
            guard case .known(.declared(let vpc)) = association.vpc else { continue }
            if let options = association.dhcpOptions.known.flatMap({ model.dhcpOptions[$0] }) {
                resolvers[vpc] = options.usesCustomResolvers
            } else {
                resolvers[vpc] = .unknown(Unresolved("DHCP options \(association.dhcpOptions.known?.description ?? "?") of \(vpc) are not declared"))
            }
        }
        // Route 53 Profiles and Resolver rules answer for names the input does not show.
        for override in model.dnsResolutionOverrides {
            guard case .known(.declared(let vpc)) = override.vpc else { continue }
            switch override.kind {
            case .profile:
                resolvers[vpc] = .unknown(Unresolved("Route 53 Profile association \(override.id) may answer for the Systems Manager names in \(vpc)"))
            case .resolverRule(let ref):
                if case .known(.declared(let id)) = ref, let domain = model.resolverRules[id]?.domainName.known,
                   !SSMZoneNames.servesAnySSMName(domain, region: model.region) { continue }
                resolvers[vpc] = .unknown(Unresolved("Resolver rule association \(override.id) may forward the Systems Manager names of \(vpc) elsewhere"))
            }
        }
        customResolvers = resolvers
    }

    /// DNS of the VPC itself: custom DHCP resolvers make every answer unknown.
    func resolverStatus(_ vpc: ResourceID) -> Value<Bool> {
        customResolvers[vpc] ?? .known(false)
    }

    func evaluate(_ endpoint: VPCEndpoint, service: SSMService, vpcID: ResourceID) -> EndpointDNS {
        guard let vpc = model.vpcs[vpcID] else { return .unknown(Unresolved("VPC \(vpcID) is not declared")) }
        switch resolverStatus(vpcID) {
        case .known(true): return .unknown(Unresolved("VPC \(vpcID) uses custom DNS servers (DHCP options)"))
        case .unknown(let reason): return .unknown(reason)
        default: break
        }
        let (attributes, attributeProblem) = Self.attributes(of: vpc)

        switch endpoint.privateDnsEnabled.or(VPCEndpoint.defaultPrivateDnsEnabled) {
        case .unknown(let reason):
            return .unknown(reason)
        case .known(true):
            switch attributes {
            case .known(true): return .effective(.privateDNS)
            case .known(false): return .vpcAttributesOff(attributeProblem)
            default: return .unknown(attributes.unresolved!)
            }
        default:
            break
        }
        switch hostedZone(serving: service, endpoint: endpoint, vpc: vpcID) {
        case .known(let zone):
            switch attributes {
            case .known(true): return .effective(.hostedZone(zone))
            case .known(false): return .vpcAttributesOff(attributeProblem)
            default: return .unknown(attributes.unresolved!)
            }
        case .unknown(let reason): return .unknown(reason)
        case .absent: return .privateDNSOff
        }
    }

    /// Whether both DNS attributes that private DNS and private hosted zones
    /// need are on, and which one is off when they are not.
    static func attributes(of vpc: VPC) -> (Value<Bool>, String) {
        let support = vpc.enableDnsSupport.or(VPC.defaultEnableDnsSupport)
        let hostnames = vpc.enableDnsHostnames.or(VPC.defaultEnableDnsHostnames)
        let attributes: Value<Bool>
        switch (support, hostnames) {
        case (.known(true), .known(true)): attributes = .known(true)
        case (.known(false), _), (_, .known(false)): attributes = .known(false)
        case (.unknown(let reason), _), (_, .unknown(let reason)): attributes = .unknown(reason)
        default: attributes = .unknown(Unresolved("VPC DNS attributes"))
        }
        return (attributes, support.known == false ? "EnableDnsSupport is false" : "EnableDnsHostnames is false")
    }

    /// A private hosted zone associated with the VPC whose records send the
    /// service name to this endpoint (absent: none; unknown: records elsewhere).
    func hostedZone(serving service: SSMService, endpoint: VPCEndpoint, vpc: ResourceID) -> Value<ResourceID> {
        var pending: Unresolved?
        for zone in zonesByVPC[vpc] ?? [] {
            guard let zoneName = zone.name.known else { pending = zone.name.unresolved; continue }
            guard zoneServes(zoneName, service: service) else { continue }
            let records = recordsByZone[zone.id] ?? []
            if records.isEmpty {
                pending = pending ?? Unresolved("private hosted zone \(zone.id) (\(zoneName)) has no records in the input; they may be managed elsewhere")
                continue
            }
            for record in records {
                guard record.type.known?.uppercased() ?? "A" == "A" || record.type.unresolved != nil else { continue }
                switch record.name {
                case .known(let name):
                    guard nameMatches(name, zone: zoneName, service: service) else { continue }
                case .unknown(let reason): pending = reason; continue
                case .absent: continue
                }
                guard let alias = record.aliasTarget else {
                    pending = pending ?? Unresolved("record \(record.carrier) in \(zone.id) uses plain addresses that ssmlint cannot tie to an endpoint")
                    continue
                }
                switch alias {
                case .known(let text):
                    let referenced = text.segments.compactMap { segment -> ResourceID? in
                        if case .reference(let id, _) = segment { return id }
                        return nil
                    }
                    if referenced.contains(endpoint.id) { return .known(zone.id) }
                    if referenced.isEmpty { pending = pending ?? Unresolved("the alias target of record \(record.carrier) is '\(text)'") }
                case .unknown(let reason): pending = reason
                case .absent: break
                }
            }
        }
        if unplacedRecords, pending == nil, !(zonesByVPC[vpc] ?? []).isEmpty {
            pending = Unresolved("a DNS record names a hosted zone that cannot be resolved")
        }
        if let pending { return .unknown(pending) }
        return .absent
    }

    enum ZoneResolution {
        /// No private hosted zone of the VPC serves the name.
        case none
        /// The zone that answers sends the name to this declared endpoint of the service (in any VPC).
        case endpoint(zone: ResourceID, endpoint: ResourceID)
        /// The zone that answers sends the name to an endpoint of another Systems Manager service.
        case misdirected(zone: ResourceID, endpoint: ResourceID)
        /// A zone serves the name, but where it points is not in the input.
        case unknown(Unresolved)
    }

    /// Where the private hosted zones of the VPC send the service name. The
    /// most specific zone answers; a name it lacks does not fall back to others.
    func zoneResolution(of service: SSMService, in vpc: ResourceID) -> ZoneResolution {
        var serving: [(zone: HostedZone, name: String)] = []
        for zone in zonesByVPC[vpc] ?? [] {
            guard let zoneName = zone.name.known else {
                return .unknown(zone.name.unresolved ?? Unresolved("the name of hosted zone \(zone.id) is unknown"))
            }
            if zoneServes(zoneName, service: service) { serving.append((zone, zoneName)) }
        }
        guard let longest = serving.map({ $0.name.split(separator: ".").count }).max() else { return .none }
        let answering = serving.filter { $0.name.split(separator: ".").count == longest }
        guard answering.count == 1, let (zone, zoneName) = answering.first else {
            return .unknown(Unresolved("several private hosted zones named \(answering[0].name) are associated with \(vpc)"))
        }
        let unknown = Unresolved("private hosted zone \(zone.id) serves the \(service.rawValue) name in \(vpc), but its records for it are not all in the input")
        if let condition = zone.info.condition {
            return .unknown(Unresolved("private hosted zone \(zone.id) exists only if condition \(condition) holds"))
        }
        if unplacedRecords { return .unknown(Unresolved("a DNS record names a hosted zone that cannot be resolved")) }
        var targets: Set<ResourceID> = []
        for record in recordsByZone[zone.id] ?? [] {
            switch record.name {
            case .known(let name): guard nameMatches(name, zone: zoneName, service: service) else { continue }
            case .unknown(let reason): return .unknown(reason)
            case .absent: continue
            }
            if record.condition != nil { return .unknown(unknown) }
            let type = record.type.known?.uppercased()
            let target: Value<SymbolicText>
            if let alias = record.aliasTarget, type == "A" || type == nil {
                target = alias
            } else if type == "CNAME", case .known(let values) = record.values, values.count == 1 {
                target = values[0]
            } else if type == "A" || type == "CNAME" || type == nil {
                return .unknown(Unresolved("record \(record.carrier) in \(zone.id) uses plain values that ssmlint cannot tie to an endpoint"))
            } else {
                continue
            }
            guard case .known(let text) = target,
                  let referenced = text.segments.lazy.compactMap({ segment -> ResourceID? in
                      if case .reference(let id, _) = segment, self.model.vpcEndpoints.contains(id) { return id }
                      return nil
                  }).first else {
                return .unknown(target.unresolved ?? unknown)
            }
            targets.insert(referenced)
        }
        guard targets.count == 1, let target = targets.first, let endpoint = model.vpcEndpoints[target] else { return .unknown(unknown) }
        guard let other = endpoint.parsedServiceName?.ssmService else {
            return .unknown(Unresolved("the \(service.rawValue) name in \(vpc) points at endpoint \(target), whose service is not a Systems Manager service ssmlint can match"))
        }
        return other == service ? .endpoint(zone: zone.id, endpoint: target) : .misdirected(zone: zone.id, endpoint: target)
    }

    private func zoneServes(_ zone: String, service: SSMService) -> Bool {
        SSMZoneNames.serves(zone, service: service, region: region)
    }

    private func nameMatches(_ record: String, zone: String, service: SSMService) -> Bool {
        let relative = record == zone || record.hasSuffix("." + zone) ? record : record + "." + zone
        let labels = relative.split(separator: ".").map(String.init)
        guard labels.count == 4, labels[0] == service.rawValue, labels[2] == "amazonaws", labels[3] == "com" else { return false }
        return SSMZoneNames.regionMatches(labels[1], region: region)
    }

    private var region: String? { model.region }
}

extension NetworkAnalysis {
    /// A VPC's well-placed interface endpoints whose name does not resolve to
    /// them (private DNS off, no private hosted zone) while no other endpoint
    /// for the service resolves: the agent uses the public name instead. One
    /// without DNS beside another that resolves is merely redundant.
    public func endpointsUnusedForLackOfDNS(in vpc: ResourceID) -> [SSMEndpoint] {
        let endpoints = endpoints(in: vpc)
        let resolved = Set(endpoints.filter { $0.dns.isEffective }.map(\.service))
        return endpoints.filter { endpoint in
            guard case .privateDNSOff = endpoint.dns, endpoint.isInterface.known == true else { return false }
            return placementProblems(of: endpoint.endpoint).isEmpty && !resolved.contains(endpoint.service)
        }
    }
}
