import SSMLintEngine

/// Which findings of `scan` are about one target's path to one service, so
/// the graph labels an edge with the rules that judged it. Only findings of
/// reachability rules count (not SSH exposure, not the instance profile, which
/// is no edge, not EC2 Instance Connect, which is another way in), at warning
/// or error level, never unresolved notes.
struct EdgeFindings {
    private let findings: [Finding]
    private var byResource: [ResourceID: [Int]] = [:]
    private let endpointService: [ResourceID: SSMService]
    private let targetIDs: Set<ResourceID>

    init(findings all: [Finding], rules: [RuleDefinition], analysis: NetworkAnalysis) {
        let tags = Dictionary(rules.map { ($0.id, Set($0.tags)) }) { first, _ in first }
        findings = all.filter { finding in
            guard !finding.isUnresolved, finding.level >= .warning, let ruleTags = tags[finding.ruleID] else { return false }
            return ruleTags.contains("reachability") && !ruleTags.contains("iam") && !ruleTags.contains("instance-connect")
        }
        for (index, finding) in findings.enumerated() {
            for resource in Set([finding.resource] + finding.related.map(\.resource)) { byResource[resource, default: []].append(index) }
        }
        var services: [ResourceID: SSMService] = [:]
        for endpoints in analysis.ssmEndpoints.values { for endpoint in endpoints { services[endpoint.endpoint.id] = endpoint.service } }
        endpointService = services
        targetIDs = Set(analysis.targets.map(\.id))
    }

    /// The findings about `target`'s path to `service`.
    func matching(target: ComputeTarget, vpc: ResourceID?, service: SSMService) -> [Finding] {
        var candidates = Set(byResource[target.id] ?? [])
        if let vpc { candidates.formUnion(byResource[vpc] ?? []) }
        return candidates.sorted().map { findings[$0] }.filter { finding in
            let related = finding.related.map(\.resource)
            let aboutTarget = finding.resource == target.id || related.contains(target.id)
                || (finding.resource == vpc && !related.contains { targetIDs.contains($0) })
            guard aboutTarget else { return false }
            // A finding that names Systems Manager endpoints, or a service in
            // its key, is about those services only.
            let named = Set(([finding.resource] + related).compactMap { endpointService[$0] })
            if !named.isEmpty && !named.contains(service) { return false }
            let tokens = finding.key.split(whereSeparator: { $0 == ":" || $0 == "|" }).map(String.init)
            let keyed = Set(tokens.compactMap(SSMService.init(rawValue:)))
            if !keyed.isEmpty && !keyed.contains(service) { return false }
            return true
        }
    }
}
