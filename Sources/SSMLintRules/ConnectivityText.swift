import SSMLintEngine

/// Wording shared by the connectivity rules, so every message names targets,
/// endpoints and DNS names the same way.
enum ConnectivityText {
    static let ec2messagesNote = "SSM Agent 3.3.40.0 and later does not need ec2messages (it uses ssmmessages); older agents do"

    static func targets(_ targets: [ComputeTarget], limit: Int = 5) -> String {
        if targets.count == 1 { return targets[0].displayName }
        var names: [String] = []
        var seen: Set<String> = []
        for target in targets {
            let name = target.displayName
            if seen.insert(name).inserted { names.append(name) }
        }
        if names.count > limit { return names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more" }
        return names.joined(separator: ", ")
    }

    /// "has" or "have" for a list of targets.
    static func verb(_ targets: [ComputeTarget], _ singular: String, _ plural: String) -> String {
        // One name, however many times it appears (thousands of findings name one target).
        guard let first = targets.first?.displayName else { return plural }
        return targets.dropFirst().allSatisfy { $0.displayName == first } ? singular : plural
    }

    static func dnsName(_ service: SSMService, _ model: InfrastructureModel) -> String { EndpointServiceName.dnsName(of: service, region: model.region ?? "<region>") }
    static func serviceName(_ service: SSMService, _ model: InfrastructureModel) -> String { "com.amazonaws.\(model.region ?? "${AWS::Region}").\(service.rawValue)" }

    static func related(_ target: ComputeTarget, _ message: String) -> RelatedLocation {
        RelatedLocation(resource: target.id, location: target.info.location, message: message)
    }

    static func related(_ id: ResourceID, in model: InfrastructureModel, _ message: String) -> RelatedLocation? {
        guard let resource = model.resource(id) else { return nil }
        return RelatedLocation(resource: id, location: resource.info.location, message: message)
    }

    static func services(_ services: [SSMService]) -> String { services.sorted().map(\.rawValue).joined(separator: ", ") }

    /// The subnet a target runs in, with its CIDR when known.
    /// A subnet whose VPC was inferred from the plan's shape says so, with the reason.
    static func subnet(_ target: ComputeTarget, _ model: InfrastructureModel) -> String {
        guard let ref = target.subnet.known else { return "an unresolved subnet" }
        var details: [String] = []
        if let cidr = model.subnets[ref]?.cidrBlock.known { details.append(cidr) }
        if case .declared(let id) = ref, let inferred = model.inferences[id]?.first(where: { $0.attribute == "vpc_id" }) {
            details.append("VPC \(inferred.value) inferred: its vpc_id is \(inferred.reason)")
        }
        return "subnet \(ref)" + (details.isEmpty ? "" : " (\(details.joined(separator: "; ")))")
    }

    /// Where the targets' VPC came from when a subnet's `vpc_id` was inferred
    /// from the plan's shape rather than read: "" otherwise.
    static func inferredVPC(_ targets: [ComputeTarget], _ model: InfrastructureModel) -> String {
        for target in targets {
            guard case .known(.declared(let subnet)) = target.subnet,
                  let inferred = model.inferences[subnet]?.first(where: { $0.attribute == "vpc_id" }) else { continue }
            return " (the VPC of \(subnet) is inferred: its vpc_id is \(inferred.reason))"
        }
        return ""
    }

    /// A security group as users know it: the VPC default group has no name of its own.
    static func group(_ ref: ResourceRef) -> String {
        guard case .declared(let id) = ref else { return ref.description }
        if let implicit = id.implicit, implicit.kind == .defaultSecurityGroup {
            return "the default security group of \(implicit.owner)"
        }
        return id.rawValue
    }

    /// The target as one resource: "auto scaling group Workers", without the
    /// subnet, for findings about the group as a whole.
    static func resource(_ target: ComputeTarget) -> String { "\(target.kind.rawValue) \(target.id)" }

    static func condition(_ target: ComputeTarget, _ model: InfrastructureModel) -> String {
        guard let name = target.info.condition else { return "" }
        let byDefault = model.conditionsFalseByDefault.contains(name) ? "; false with the default parameters" : ""
        return " (created only if condition \(name) holds\(byDefault))"
    }
}
