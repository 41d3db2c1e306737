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
    public let endpoint: VPCEndpoint
    public let service: SSMService
    public let vpc: ResourceID
    /// Interface type known; Gateway (the default) or unknown types are SSM013's concern.
    public let isInterface: Value<Bool>
    public let dns: EndpointDNS

    init(endpoint: VPCEndpoint, service: SSMService, vpc: ResourceID, isInterface: Value<Bool>, dns: EndpointDNS) {
        self.endpoint = endpoint
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
        let support = vpc.enableDnsSupport.or(VPC.defaultEnableDnsSupport)
        let hostnames = vpc.enableDnsHostnames.or(VPC.defaultEnableDnsHostnames)
        let attributes: Value<Bool>
        switch (support, hostnames) {
        case (.known(true), .known(true)): attributes = .known(true)
        case (.known(false), _), (_, .known(false)): attributes = .known(false)
        case (.unknown(let reason), _), (_, .unknown(let reason)): attributes = .unknown(reason)
        default: attributes = .unknown(Unresolved("VPC DNS attributes"))
        }
        let attributeProblem = support.known == false ? "EnableDnsSupport is false" : "EnableDnsHostnames is false"

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
        /// Every record for the name aliases a local endpoint of another service.
        case misdirected(zone: ResourceID, endpoint: ResourceID)
        /// A zone serves the name and may point anywhere (a peered or central endpoint).
        case unknown(Unresolved)
    }

    /// Where a private hosted zone of the VPC sends the service name when no
    /// local endpoint for the service is DNS-effective.
    func zoneResolution(of service: SSMService, in vpc: ResourceID) -> ZoneResolution {
        for zone in zonesByVPC[vpc] ?? [] {
            guard let zoneName = zone.name.known else {
                return .unknown(zone.name.unresolved ?? Unresolved("the name of hosted zone \(zone.id) is unknown"))
            }
            guard zoneServes(zoneName, service: service) else { continue }
            let unknown = ZoneResolution.unknown(Unresolved("private hosted zone \(zone.id) serves the \(service.rawValue) name in \(vpc); it may point at an endpoint elsewhere"))
            var misdirectedTo: ResourceID?
            for record in recordsByZone[zone.id] ?? [] {
                guard let name = record.name.known, nameMatches(name, zone: zoneName, service: service) else { continue }
                guard case .known(let alias)? = record.aliasTarget,
                      let target = alias.segments.lazy.compactMap({ segment -> ResourceID? in
                          if case .reference(let id, _) = segment { return id }
                          return nil
                      }).first,
                      let endpoint = model.vpcEndpoints[target],
                      endpoint.vpc == .known(.declared(vpc)),
                      let other = endpoint.serviceName.known.flatMap(EndpointServiceName.init)?.ssmService,
                      other != service else { return unknown }
                misdirectedTo = endpoint.id
            }
            guard let misdirectedTo else { return unknown }
            return .misdirected(zone: zone.id, endpoint: misdirectedTo)
        }
        return .none
    }

    private func zoneServes(_ zone: String, service: SSMService) -> Bool {
        let full = region.map { EndpointServiceName.dnsName(of: service, region: $0) }
        if let full { return full == zone || full.hasSuffix("." + zone) }
        let labels = zone.split(separator: ".")
        if labels.count == 4 { return labels[0] == service.rawValue && labels.suffix(2) == ["amazonaws", "com"] }
        return labels.suffix(2) == ["amazonaws", "com"] || zone == "com"
    }

    private func nameMatches(_ record: String, zone: String, service: SSMService) -> Bool {
        let relative = record.hasSuffix(zone) ? record : record + "." + zone
        if let region { return relative == EndpointServiceName.dnsName(of: service, region: region) }
        return relative.hasPrefix(service.rawValue + ".") && relative.hasSuffix(".amazonaws.com")
    }

    private var region: String? { model.region }
}
