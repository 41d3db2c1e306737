import SSMLintModel
import SSMLintYAML

/// Recovers values that are unknown at plan time from the configuration's
/// expressions: constants, references to planned resource instances (with
/// count/for_each alignment and splats), module outputs and inputs, root
/// variables. What cannot be resolved is an explicit unknown.
///
/// Module outputs and inputs may refer to each other in any shape a plan file
/// describes, including cycles (which Terraform itself rejects) and chains
/// that list the same output several times. Each output and input is
/// therefore resolved once per plan and attribute name (memoised), a cycle is
/// an unknown, and what resolutions build is charged to the input's
/// expansion budget.
struct TerraformExpressionResolver {
    let plan: TerraformPlan
    let convert: (YAMLNode) -> PropertyValue
    let budget: ExpansionBudget
    private let memo = Memo()

    /// Longest chain of module outputs and inputs followed: real
    /// configurations nest modules a few levels deep; the bound only keeps
    /// the recursion within the stack of a worker thread.
    static let maxChain = 200

    /// A module output or input.
    private enum Link: Hashable {
        case output(module: String, name: String)
        case input(module: String, name: String)

        var description: String {
            switch self {
            case .output(let module, let name): return "output \(name) of \(module)"
            case .input(let module, let name): return "input \(name) of \(module)"
            }
        }
    }

    /// Outputs and inputs already resolved, for one plan. The attribute name
    /// is part of the key, since it decides which resource types count.
    /// Values are stored with `shared` as the range of the nodes the resolver
    /// made, and take the range of the attribute that uses them when
    /// returned (`relocated`); nodes from the plan keep their own.
    private final class Memo {
        struct Key: Hashable {
            var link: Link
            var attribute: String
        }

        var values: [Key: Sized] = [:]
        var inferences: [Inference] = []
    }

    private static let shared = SourceRange(start: SourcePosition(line: 0, column: 0), end: SourcePosition(line: 0, column: 0))

    /// One top-level resolution: the outputs and inputs it is following.
    private final class Walk {
        var following: Set<Link> = []
    }

    /// A value with its expanded size (nodes and characters), known without
    /// walking it again: outputs listed several times share their storage.
    private struct Sized {
        var value: PropertyValue
        var size: Int

        init(_ value: PropertyValue, size: Int) {
            self.value = value
            self.size = size
        }

        /// A value built here for the first time, measured by walking it.
        init(fresh value: PropertyValue) {
            self.init(value, size: ExpansionBudget.size(of: value))
        }
    }

    init(plan: TerraformPlan, convert: @escaping (YAMLNode) -> PropertyValue, budget: ExpansionBudget = ExpansionBudget()) {
        self.plan = plan
        self.convert = convert
        self.budget = budget
    }

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
            "transit_gateway_route_table_id": ["aws_ec2_transit_gateway_route_table", "aws_ec2_transit_gateway"],
            "resolver_rule_id": ["aws_route53_resolver_rule"],
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
    /// `unknownAtPlanTime`: Terraform could not compute the value when it
    /// planned, so it is not one of the candidates that were already known then.
    func resolve(_ expression: YAMLNode, key: String, module: TerraformPlan.ModuleConfig,
                 instance: TerraformPlan.Instance?, range: SourceRange, unknownAtPlanTime: Bool = false) -> PropertyValue {
        let value = resolve(expression, key: key, module: module, instance: instance, range: range, walk: Walk(), collect: false,
                            unknownAtPlanTime: unknownAtPlanTime).value
        if value.unresolved != nil, key == "vpc_id", let instance,
           let inferred = inferredVPC(expression, module: module, instance: instance, range: range) {
            return inferred
        }
        return value
    }

    /// Values the resolver took from the plan's shape rather than from an
    /// expression: JSON and SARIF reports list them as input remarks, `paths`
    /// under the targets they concern.
    var inferences: [Inference] { memo.inferences }

    /// A `vpc_id` set through locals only (plan JSON does not record locals)
    /// and unknown at plan time, in a module instance that plans exactly one
    /// VPC and takes no VPC ID from its caller: that VPC. An unknown value
    /// comes from something created by this plan; within such a module
    /// instance the only VPC it can name is the one it creates (the shape of
    /// the community VPC module: `vpc_id = local.vpc_id`).
    private func inferredVPC(_ expression: YAMLNode, module: TerraformPlan.ModuleConfig,
                             instance: TerraformPlan.Instance, range: SourceRange) -> PropertyValue? {
        guard !instance.module.isEmpty, let list = expression["references"]?.sequence, !list.isEmpty else { return nil }
        let references = list.compactMap { $0.scalar.flatMap(TerraformReference.init) }
        guard references.count == list.count, references.allSatisfy({ $0.names.first == "local" }) else { return nil }
        guard let vpcs = plan.vpcsByModule[instance.module], vpcs.count == 1, plan.instances[vpcs[0]].type == "aws_vpc" else { return nil }
        // A VPC of a nested module could be the one the local names.
        let nested = instance.module + ".module."
        if plan.vpcsByModule.keys.contains(where: { $0.hasPrefix(nested) }) { return nil }
        // A module that may be handed an existing VPC could name that one instead.
        if let inputs = module.inputs?.mapping,
           inputs.contains(where: { $0.key.scalar?.contains("vpc_id") == true }) { return nil }
        let vpc = plan.instances[vpcs[0]]
        let locals = references.map { $0.names.prefix(2).joined(separator: ".") }
        let names = Array(Set(locals)).sorted().joined(separator: ", ")
        memo.inferences.append(Inference(
            resource: ResourceID(instance.address), attribute: "vpc_id", value: vpc.address,
            reason: "set through \(names), which plan JSON does not record, and \(vpc.address) is the only VPC that \(instance.module) plans"))
        return PropertyValue(.reference(ResourceID(vpc.address), attribute: nil), range: range)
    }

    private func resolve(_ expression: YAMLNode, key: String, module: TerraformPlan.ModuleConfig,
                         instance: TerraformPlan.Instance?, range: SourceRange, walk: Walk, collect: Bool,
                         unknownAtPlanTime: Bool = false) -> Sized {
        if let constant = expression["constant_value"] { return Sized(fresh: convert(constant)) }
        guard let list = expression["references"]?.sequence else {
            return unknown("'\(key)' is computed by an expression ssmlint cannot evaluate", range)
        }
        let references = list.compactMap { $0.scalar.flatMap(TerraformReference.init) }
        let aligned = references.contains { ["count", "each"].contains($0.root) }
        // Keep the most specific traversal of each object.
        let specific = references.filter { reference in
            (!["count", "each"].contains(reference.root) || reference.isEachValue)
                && !references.contains { reference.isPrefix(of: $0) }
        }
        let expected = Self.expectedTypes[key]
        var candidates: [Sized] = []
        var pending: Unresolved?
        var skipped = false
        for reference in specific {
            if budget.isSpent { return unknown(ExpansionBudget.exhaustedReason, range) }
            let sized = evaluate(reference, module: module, instance: aligned ? instance : nil, key: key, range: range, walk: walk)
            let value = sized.value
            switch value.kind {
            case .unknown(let reason): pending = pending ?? reason
            case .reference(let id, _):
                if let expected, let type = plan.instanceIndex[id.rawValue].map({ plan.instances[$0].type }), !expected.contains(type) {
                    skipped = true
                    continue
                }
                candidates.append(sized)
            case .list(let items):
                let kept = items.filter { item in
                    guard let expected, case .reference(let id, _) = item.kind,
                          let type = plan.instanceIndex[id.rawValue].map({ plan.instances[$0].type }) else { return true }
                    return expected.contains(type)
                }
                if !kept.isEmpty { candidates.append(Sized(PropertyValue(.list(kept), range: range), size: sized.size)) }
            default:
                if expected == nil || value.scalar != nil { candidates.append(sized) }
            }
        }
        // A single resource that is unknown at plan time is none of the values
        // known then, as long as everything else it depends on is known (a
        // condition on known variables choosing between a literal and a new
        // resource). Lists combine their parts instead of choosing one.
        if unknownAtPlanTime, !collect, expected != nil, !Self.pluralKeys.contains(key), pending == nil, !skipped,
           candidates.contains(where: { $0.value.scalar == nil }) {
            candidates.removeAll { $0.value.scalar != nil }
        }
        if candidates.isEmpty {
            return Sized(PropertyValue(.unknown(pending ?? Unresolved("'\(key)' is computed from values that are unknown at plan time")), range: range), size: 1)
        }
        if collect && candidates.count == 1 { return candidates[0] }
        // Charged at the expanded size: outputs listed several times share
        // their storage here, but not in what reads the result.
        var size = 1
        for candidate in candidates { size = min(size + candidate.size, Int.max / 2) }
        if size > ExpansionBudget.valueLimit { return unknown(ExpansionBudget.tooLargeReason, range) }
        if !budget.spend(size) { return unknown(ExpansionBudget.exhaustedReason, range) }
        let values = candidates.map(\.value)
        if Self.pluralKeys.contains(key) || collect {
            var items: [PropertyValue] = []
            for candidate in values { items += candidate.list ?? [candidate] }
            return Sized(PropertyValue(.list(items), range: range), size: size)
        }
        let flattened = values.flatMap { $0.list ?? [$0] }
        if flattened.count == 1 { return Sized(flattened[0], size: size) }
        // Every candidate names the same resource (`try(a.x.id, a.x.id)`, a
        // conditional whose branches agree): whichever is taken, it is that one.
        if case .reference(let id, let attribute) = flattened[0].kind, flattened.allSatisfy({
            if case .reference(id, attribute) = $0.kind { return true } else { return false }
        }) { return Sized(flattened[0], size: size) }
        if values.count == 1, values[0].list != nil, expected == nil { return Sized(values[0], size: size) }
        let shown = flattened.prefix(3).map(\.candidateText).joined(separator: ", ") + (flattened.count > 3 ? ", …" : "")
        let reason = "'\(key)' is one of \(flattened.count) values (\(shown))"
        let resources = flattened.compactMap { item -> ResourceID? in
            if case .reference(let id, nil) = item.kind { return id } else { return nil }
        }
        guard resources.count == flattened.count else { return unknown(reason, range) }
        return Sized(PropertyValue(.unknown(Unresolved(reason, candidates: resources)), range: range), size: 1)
    }

    private func evaluate(_ reference: TerraformReference, module: TerraformPlan.ModuleConfig,
                          instance: TerraformPlan.Instance?, key: String, range: SourceRange, walk: Walk) -> Sized {
        let steps = reference.steps
        guard case .name(let first)? = steps.first else { return unknown("malformed reference", range) }
        switch first {
        case "var":
            guard steps.count >= 2, case .name(let name) = steps[1] else { return unknown("malformed variable reference", range) }
            var value: Sized
            if module.path.isEmpty {
                guard let node = plan.rootVariables?[name]?["value"] else { return unknown("variable \(name) has no value in the plan", range) }
                value = Sized(fresh: convert(node))
            } else {
                guard let input = module.inputs?[name], let parent = module.parent else {
                    return unknown("module input \(name) is not set by the caller (its default is not in the plan)", range)
                }
                value = follow(.input(module: module.path, name: name), key: key, walk, range) {
                    resolve(input, key: key, module: parent, instance: nil, range: Self.shared, walk: walk, collect: true)
                }
            }
            return apply(Array(steps.dropFirst(2)), to: value, range: range)
        case "module":
            guard steps.count >= 3, case .name(let name) = steps[1], case .name(let output) = steps[2] else {
                return unknown("a whole module is referenced", range)
            }
            guard let call = module.calls[name], let expression = call.module.outputs[output] else {
                return unknown("module output \(name).\(output) is not in the plan's configuration", range)
            }
            let value = follow(.output(module: call.module.path, name: output), key: key, walk, range) {
                resolve(expression, key: key, module: call.module, instance: nil, range: Self.shared, walk: walk, collect: true)
            }
            let selected = apply(Array(steps.dropFirst(3)), to: value, range: range)
            return steps.count == 3 ? aligned(selected, with: instance, range: range) : selected
        case "data":
            return unknown("data source \(reference.names.dropFirst().prefix(2).joined(separator: ".")) is read outside the plan's planned values", range)
        case "local":
            return unknown("locals are not recorded in plan JSON", range)
        case "each":
            return eachValue(Array(steps.dropFirst(2)), instance: instance, range: range)
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
        if selectedOne, values.count == 1 { return Sized(fresh: values[0]) }
        return Sized(fresh: PropertyValue(.list(values), range: range))
    }

    /// `each.value...` in a resource whose `for_each` iterates over the
    /// instances of another resource (`for_each = aws_vpc_endpoint.this`):
    /// the instance with the same key.
    private func eachValue(_ rest: [TerraformReference.Step], instance: TerraformPlan.Instance?, range: SourceRange) -> Sized {
        guard let instance, case .key(let key)? = instance.index,
              let list = plan.configuration(of: instance)?["for_each_expression"]?["references"]?.sequence else {
            return unknown("each.value is not known for this instance", range)
        }
        let references = list.compactMap { $0.scalar.flatMap(TerraformReference.init) }
        let sources = references.filter { reference in !references.contains { $0.isPrefix(of: reference) } }
        guard sources.count == 1, sources[0].steps.count == 2, case .name(let type)? = sources[0].steps.first,
              type.hasPrefix("aws_") else {
            return unknown("for_each iterates over a value ssmlint cannot evaluate, so each.value is unknown", range)
        }
        // The instance's own module path, indexes included (`module.a[0]`).
        let base = instance.module.isEmpty ? sources[0].names.joined(separator: ".") : "\(instance.module).\(sources[0].names.joined(separator: "."))"
        guard let target = plan.instances(ofBase: base).first(where: { $0.index == .key(key) }) else {
            return unknown("\(base)[\"\(key)\"] is not planned", range)
        }
        return Sized(fresh: attribute(of: target, rest, range: range))
    }

    /// A whole module output in an expression that also names `count.index`
    /// or `each.key` (`module.net.subnet_ids[count.index]`, whose index plan
    /// JSON drops): the element of this instance. An index past the end (as
    /// `element()` wraps around) stays unknown.
    private func aligned(_ sized: Sized, with instance: TerraformPlan.Instance?, range: SourceRange) -> Sized {
        guard let index = instance?.index else { return sized }
        switch (index, sized.value.kind) {
        case (.number(let number), .list(let items)):
            guard items.indices.contains(number) else {
                return unknown("index \(number) of a list of \(items.count) elements is not decided at plan time", range)
            }
            return Sized(items[number], size: sized.size)
        case (.key(let key), .map):
            guard let item = sized.value[key] else { return unknown("no key \(key)", range) }
            return Sized(item, size: sized.size)
        default:
            return sized
        }
    }

    /// The value of a module output or input for attribute `key`, resolved
    /// once (with `shared` ranges) and returned with the caller's range; a
    /// link already being followed is a cycle.
    private func follow(_ link: Link, key: String, _ walk: Walk, _ range: SourceRange,
                        _ compute: () -> Sized) -> Sized {
        let memoKey = Memo.Key(link: link, attribute: key)
        if let known = memo.values[memoKey] { return Sized(Self.relocated(known.value, to: range), size: known.size) }
        guard !walk.following.contains(link) else {
            return unknown("\(link.description) depends on itself through a cycle of module outputs and inputs", range)
        }
        guard walk.following.count < Self.maxChain else {
            return unknown("module outputs and inputs chained more than \(Self.maxChain) deep", range)
        }
        walk.following.insert(link)
        let value = compute()
        walk.following.remove(link)
        memo.values[memoKey] = value
        return Sized(Self.relocated(value.value, to: range), size: value.size)
    }

    /// `value` with the nodes the resolver made (range `shared`) given
    /// `range`. Those nodes are the value itself and the items it lists;
    /// converted plan values below them keep their ranges.
    private static func relocated(_ value: PropertyValue, to range: SourceRange) -> PropertyValue {
        guard range != shared, value.range == shared else { return value }
        var result = value
        result.range = range
        if case .list(let items) = value.kind {
            result.kind = .list(items.map { relocated($0, to: range) })
        }
        return result
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
                case .index(let index): node = node?.sequence.flatMap { $0.indices.contains(index) ? $0[index] : nil }
                default: node = nil
                }
            }
            if let node, !node.isNull { return convert(node) }
            return PropertyValue(.reference(id, attribute: name), range: range)
        }
    }

    /// Applies index steps to a resolved list (`module.net.subnet_ids[1]`);
    /// the whole value's size bounds the part's.
    private func apply(_ steps: [TerraformReference.Step], to sized: Sized, range: SourceRange) -> Sized {
        Sized(apply(steps, to: sized.value, range: range), size: sized.size)
    }

    private func apply(_ steps: [TerraformReference.Step], to value: PropertyValue, range: SourceRange) -> PropertyValue {
        var current = value
        for step in steps {
            switch step {
            case .index(let index):
                guard let items = current.list else {
                    if current.unresolved != nil { return current }
                    return unknownValue("cannot index \(current.displayText)", range)
                }
                guard items.indices.contains(index) else { return unknownValue("index \(index) is out of range", range) }
                current = items[index]
            case .name(let key):
                guard let next = current[key] else {
                    if current.unresolved != nil { return current }
                    return unknownValue("\(current.displayText) has no attribute \(key)", range)
                }
                current = next
            case .key(let key):
                guard let next = current[key] else { return unknownValue("no key \(key)", range) }
                current = next
            case .splat:
                continue
            }
        }
        return current
    }

    private func unknown(_ reason: String, _ range: SourceRange) -> Sized {
        Sized(unknownValue(reason, range), size: 1)
    }

    private func unknownValue(_ reason: String, _ range: SourceRange) -> PropertyValue {
        PropertyValue(.unknown(Unresolved(reason)), range: range)
    }
}
