import SSMLintModel
import SSMLintYAML

/// Recovers values that are unknown at plan time from the configuration's
/// expressions (domain.md 2.5): constants, references to planned resource
/// instances (with count/for_each alignment and splats), module outputs and
/// inputs, root variables. What cannot be resolved is an explicit unknown.
struct TerraformExpressionResolver {
    let plan: TerraformPlan
    let convert: (YAMLNode) -> PropertyValue

    /// Resource types an attribute names, so a reference list such as
    /// `[aws_nat_gateway.x.id, aws_nat_gateway.x]` is read as "that NAT gateway".
    static let expectedTypes: [String: Set<String>] = {
        let groups: Set<String> = ["aws_security_group", "aws_default_security_group"]
        let tables: Set<String> = ["aws_route_table", "aws_default_route_table"]
        return [
            "vpc_id": ["aws_vpc", "aws_default_vpc"], "peer_vpc_id": ["aws_vpc", "aws_default_vpc"],
            "subnet_id": ["aws_subnet", "aws_default_subnet"], "subnet_ids": ["aws_subnet", "aws_default_subnet"],
            "vpc_zone_identifier": ["aws_subnet", "aws_default_subnet"],
            "security_group_ids": groups, "vpc_security_group_ids": groups, "security_groups": groups,
            "security_group_id": groups, "source_security_group_id": groups, "referenced_security_group_id": groups,
            "route_table_id": tables, "route_table_ids": tables, "default_route_table_id": ["aws_vpc"],
            "nat_gateway_id": ["aws_nat_gateway"], "gateway_id": ["aws_internet_gateway", "aws_vpn_gateway", "aws_nat_gateway"],
            "transit_gateway_id": ["aws_ec2_transit_gateway"], "vpc_peering_connection_id": ["aws_vpc_peering_connection"],
            "vpc_endpoint_id": ["aws_vpc_endpoint"], "network_interface_id": ["aws_network_interface"],
            "egress_only_gateway_id": ["aws_egress_only_internet_gateway"], "internet_gateway_id": ["aws_internet_gateway"],
            "vpn_gateway_id": ["aws_vpn_gateway"],
            "instance": ["aws_instance"], "instance_id": ["aws_instance"],
            "iam_instance_profile": ["aws_iam_instance_profile"], "role": ["aws_iam_role"], "roles": ["aws_iam_role"],
            "policy_arn": ["aws_iam_policy"], "zone_id": ["aws_route53_zone"], "dhcp_options_id": ["aws_vpc_dhcp_options"],
            "prefix_list_id": ["aws_ec2_managed_prefix_list"], "prefix_list_ids": ["aws_ec2_managed_prefix_list"],
            "destination_prefix_list_id": ["aws_ec2_managed_prefix_list"],
            "id": ["aws_launch_template", "aws_iam_instance_profile"], "launch_template_id": ["aws_launch_template"],
            "launch_configuration": ["aws_launch_configuration"],
            "network_acl_id": ["aws_network_acl", "aws_default_network_acl", "aws_vpc"],
            "default_network_acl_id": ["aws_vpc"],
        ]
    }()

    /// Attributes whose value lists several resources (real multiplicity).
    static let pluralKeys: Set<String> = [
        "subnet_ids", "vpc_zone_identifier", "security_group_ids", "vpc_security_group_ids", "security_groups",
        "route_table_ids", "roles", "prefix_list_ids", "cidr_blocks", "ipv6_cidr_blocks",
    ]

    /// Resolves `expression` (a `constant_value` or `references` object) for
    /// attribute `key` of `instance`, inside `module`.
    /// `collect`: an intermediate value (a module output, a variable) that later
    /// steps may index, so several candidates stay a list.
    func resolve(_ expression: YAMLNode, key: String, module: TerraformPlan.ModuleConfig,
                 instance: TerraformPlan.Instance?, range: SourceRange, depth: Int = 0, collect: Bool = false) -> PropertyValue {
        if let constant = expression["constant_value"] { return convert(constant) }
        guard depth < 16, let list = expression["references"]?.sequence else {
            return PropertyValue(.unknown(Unresolved("'\(key)' is computed by an expression ssmlint cannot evaluate")), range: range)
        }
        let references = list.compactMap { $0.scalar.flatMap(TerraformReference.init) }
        let aligned = references.contains { ["count", "each"].contains($0.root) }
        // Keep the most specific traversal of each object.
        let specific = references.filter { reference in
            !["count", "each"].contains(reference.root) && !references.contains { reference.isPrefix(of: $0) }
        }
        let expected = Self.expectedTypes[key]
        var candidates: [PropertyValue] = []
        var pending: Unresolved?
        for reference in specific {
            let value = evaluate(reference, module: module, instance: aligned ? instance : nil, key: key, range: range, depth: depth)
            switch value.kind {
            case .unknown(let reason): pending = pending ?? reason
            case .reference(let id, _):
                if let expected, let type = plan.instanceIndex[id.rawValue].map({ plan.instances[$0].type }), !expected.contains(type) { continue }
                candidates.append(value)
            case .list(let items):
                let kept = items.filter { item in
                    guard let expected, case .reference(let id, _) = item.kind,
                          let type = plan.instanceIndex[id.rawValue].map({ plan.instances[$0].type }) else { return true }
                    return expected.contains(type)
                }
                if !kept.isEmpty { candidates.append(PropertyValue(.list(kept), range: range)) }
            default:
                if expected == nil || value.scalar != nil { candidates.append(value) }
            }
        }
        if candidates.isEmpty {
            return PropertyValue(.unknown(pending ?? Unresolved("'\(key)' is computed from values that are unknown at plan time")), range: range)
        }
        if collect && candidates.count == 1 { return candidates[0] }
        if Self.pluralKeys.contains(key) || collect {
            var items: [PropertyValue] = []
            for candidate in candidates { items += candidate.list ?? [candidate] }
            return PropertyValue(.list(items), range: range)
        }
        let flattened = candidates.flatMap { $0.list ?? [$0] }
        if flattened.count == 1 { return flattened[0] }
        if candidates.count == 1, candidates[0].list != nil, expected == nil { return candidates[0] }
        return PropertyValue(.unknown(Unresolved("'\(key)' is one of \(flattened.count) values (\(flattened.prefix(3).map(\.displayText).joined(separator: ", "))…)")), range: range)
    }

    private func evaluate(_ reference: TerraformReference, module: TerraformPlan.ModuleConfig,
                          instance: TerraformPlan.Instance?, key: String, range: SourceRange, depth: Int) -> PropertyValue {
        let steps = reference.steps
        guard case .name(let first)? = steps.first else { return unknown("malformed reference", range) }
        switch first {
        case "var":
            guard steps.count >= 2, case .name(let name) = steps[1] else { return unknown("malformed variable reference", range) }
            var value: PropertyValue
            if module.path.isEmpty {
                guard let node = plan.rootVariables?[name]?["value"] else { return unknown("variable \(name) has no value in the plan", range) }
                value = convert(node)
            } else {
                guard let input = module.inputs?[name], let parent = module.parent else {
                    return unknown("module input \(name) is not set by the caller (its default is not in the plan)", range)
                }
                value = resolve(input, key: key, module: parent, instance: nil, range: range, depth: depth + 1, collect: true)
            }
            return apply(Array(steps.dropFirst(2)), to: value, range: range)
        case "module":
            guard steps.count >= 3, case .name(let name) = steps[1], case .name(let output) = steps[2] else {
                return unknown("a whole module is referenced", range)
            }
            guard let call = module.calls[name], let expression = call.module.outputs[output] else {
                return unknown("module output \(name).\(output) is not in the plan's configuration", range)
            }
            let value = resolve(expression, key: key, module: call.module, instance: nil, range: range, depth: depth + 1, collect: true)
            return apply(Array(steps.dropFirst(3)), to: value, range: range)
        case "data":
            return unknown("data source \(reference.names.dropFirst().prefix(2).joined(separator: ".")) is read outside the plan's planned values", range)
        case "local":
            return unknown("locals are not recorded in plan JSON", range)
        default:
            break
        }
        guard steps.count >= 2, case .name(let name) = steps[1] else { return unknown("malformed reference", range) }
        let base = module.path.isEmpty ? "\(first).\(name)" : "\(module.path).\(first).\(name)"
        var targets = plan.instances(ofBase: base)
        guard !targets.isEmpty else { return unknown("\(base) is not planned (it may be deleted or read elsewhere)", range) }
        var rest = Array(steps.dropFirst(2))
        var selectedOne = false
        switch rest.first {
        case .index(let number)?:
            targets = targets.filter { $0.index == .number(number) }
            rest.removeFirst()
            selectedOne = true
        case .key(let key)?:
            targets = targets.filter { $0.index == .key(key) }
            rest.removeFirst()
            selectedOne = true
        case .splat?:
            rest.removeFirst()
        default:
            if let index = instance?.index, targets.contains(where: { $0.index == index }) {
                targets = targets.filter { $0.index == index }
                selectedOne = true
            } else if targets.count == 1, targets[0].index == nil {
                selectedOne = true
            }
        }
        let values = targets.map { attribute(of: $0, rest, range: range) }
        if selectedOne, values.count == 1 { return values[0] }
        return PropertyValue(.list(values), range: range)
    }

    /// An attribute of a planned instance: its value when known; otherwise the
    /// instance itself stands for it (identities, DNS names of endpoints).
    private func attribute(of target: TerraformPlan.Instance, _ steps: [TerraformReference.Step], range: SourceRange) -> PropertyValue {
        let id = ResourceID(target.address)
        guard case .name(let name)? = steps.first else { return PropertyValue(.reference(id, attribute: nil), range: range) }
        switch name {
        case "id", "arn", "name", "unique_id":
            return PropertyValue(.reference(id, attribute: nil), range: range)
        case "default_security_group_id":
            return PropertyValue(.reference(id, attribute: "DefaultSecurityGroup"), range: range)
        case "default_route_table_id", "main_route_table_id":
            return PropertyValue(.reference(id, attribute: "MainRouteTable"), range: range)
        case "default_network_acl_id":
            return PropertyValue(.reference(id, attribute: "DefaultNetworkAcl"), range: range)
        default:
            var node: YAMLNode? = target.values
            for step in steps {
                switch step {
                case .name(let key): node = node?[key]
                case .index(let index): node = node?.sequence.flatMap { index < $0.count ? $0[index] : nil }
                default: node = nil
                }
            }
            if let node, !node.isNull { return convert(node) }
            return PropertyValue(.reference(id, attribute: name), range: range)
        }
    }

    /// Applies index steps to a resolved list (`module.net.subnet_ids[1]`).
    private func apply(_ steps: [TerraformReference.Step], to value: PropertyValue, range: SourceRange) -> PropertyValue {
        var current = value
        for step in steps {
            switch step {
            case .index(let index):
                guard let items = current.list else {
                    if current.unresolved != nil { return current }
                    return unknown("cannot index \(current.displayText)", range)
                }
                guard index < items.count else { return unknown("index \(index) is out of range", range) }
                current = items[index]
            case .name(let key):
                guard let next = current[key] else {
                    if current.unresolved != nil { return current }
                    return unknown("\(current.displayText) has no attribute \(key)", range)
                }
                current = next
            case .key(let key):
                guard let next = current[key] else { return unknown("no key \(key)", range) }
                current = next
            case .splat:
                continue
            }
        }
        return current
    }

    private func unknown(_ reason: String, _ range: SourceRange) -> PropertyValue {
        PropertyValue(.unknown(Unresolved(reason)), range: range)
    }
}
