import SSMLintModel
import SSMLintYAML

/// Turns a planned instance's `values` into a property tree. Attributes that
/// are unknown after apply (`after_unknown`) are recovered from the
/// configuration's expressions; attributes that are unknown only because they
/// were not set at all (Optional+Computed) become absent, so the documented
/// default applies (docs/how-it-decides.md).
struct TerraformValueBuilder {
    let plan: TerraformPlan
    /// Known `id` values of planned resources, so that a literal ID of an
    /// existing resource still points at its declaration.
    let identities: [String: ResourceID]
    /// One resolver for the whole plan, so its expansion budget covers every attribute.
    let resolver: TerraformExpressionResolver

    init(plan: TerraformPlan) {
        self.plan = plan
        var identities: [String: ResourceID] = [:]
        for instance in plan.instances {
            if let id = instance.values["id"]?.scalar, !id.isEmpty { identities[id] = ResourceID(instance.address) }
            if ["aws_iam_role", "aws_iam_instance_profile", "aws_iam_policy"].contains(instance.type),
               let arn = instance.values["arn"]?.scalar { identities[arn] = ResourceID(instance.address) }
        }
        self.identities = identities
        resolver = TerraformExpressionResolver(plan: plan, convert: { Self.convert($0, identities: identities) })
    }

    func properties(of instance: TerraformPlan.Instance) -> PropertyValue {
        let configuration = plan.configuration(of: instance)?["expressions"]
        let module = plan.modules[Self.stripIndexes(instance.module)] ?? plan.root
        return build(instance.values, unknown: plan.afterUnknown[instance.address], expression: configuration,
                     inherited: nil, key: "", instance: instance, module: module, resolver: resolver)
            ?? PropertyValue(.map([]), range: instance.node.range)
    }

    private func build(_ value: YAMLNode?, unknown: YAMLNode?, expression: YAMLNode?, inherited: YAMLNode?, key: String,
                       instance: TerraformPlan.Instance, module: TerraformPlan.ModuleConfig,
                       resolver: TerraformExpressionResolver) -> PropertyValue? {
        let range = value?.range ?? instance.node.range
        if let unknown, unknown.scalar == "true" {
            // Unknown after apply. An attribute without an expression was not set: absent.
            if let expression = expression, expression["constant_value"] != nil || expression["references"] != nil {
                return resolver.resolve(expression, key: key, module: module, instance: instance, range: range, unknownAtPlanTime: true)
            }
            if let inherited {
                // Inside attribute-as-blocks (`route`, `ingress`): the block list has one expression.
                return resolver.resolve(inherited, key: key, module: module, instance: instance, range: range, unknownAtPlanTime: true)
            }
            if expression != nil { return PropertyValue(.unknown(Unresolved("'\(key)' is set by an expression ssmlint cannot read")), range: range) }
            return nil
        }
        guard let value else { return nil }
        switch value.content {
        case .scalar:
            if value.isNull { return nil }
            return convertScalar(value)
        case .sequence(let items):
            let blockExpressions = expression?.sequence
            let attributeExpression = expression.flatMap { $0.sequence == nil ? $0 : nil } ?? inherited
            var result: [PropertyValue] = []
            for (index, item) in items.enumerated() {
                let itemUnknown = unknown?.sequence.flatMap { index < $0.count ? $0[index] : nil }
                let itemExpression = blockExpressions.flatMap { index < $0.count ? $0[index] : nil }
                if let built = build(item, unknown: itemUnknown, expression: itemExpression, inherited: attributeExpression,
                                     key: key, instance: instance, module: module, resolver: resolver) {
                    result.append(built)
                }
            }
            // A list that is known but partly unknown inside: the whole element is unknown (plan quirk).
            if let unknownItems = unknown?.sequence, unknownItems.count > items.count {
                result.append(PropertyValue(.unknown(Unresolved("an element of '\(key)' is unknown at plan time")), range: range))
            }
            return PropertyValue(.list(result), range: range)
        case .mapping(let entries):
            var result: [PropertyEntry] = []
            var seen: Set<String> = []
            let blockExpression = expression.flatMap { $0.mapping != nil && $0["constant_value"] == nil && $0["references"] == nil ? $0 : nil }
            let attributeExpression = expression.flatMap { $0["constant_value"] != nil || $0["references"] != nil ? $0 : nil } ?? inherited
            for entry in entries {
                guard let name = entry.key.scalar else { continue }
                seen.insert(name)
                if let built = build(entry.value, unknown: unknown?[name], expression: blockExpression?[name],
                                     inherited: attributeExpression, key: name, instance: instance, module: module, resolver: resolver) {
                    result.append(PropertyEntry(key: name, keyRange: entry.key.range, value: built))
                }
            }
            for entry in unknown?.mapping ?? [] {
                guard let name = entry.key.scalar, !seen.contains(name), entry.value.scalar == "true" else { continue }
                if let built = build(nil, unknown: entry.value, expression: blockExpression?[name], inherited: attributeExpression,
                                     key: name, instance: instance, module: module, resolver: resolver) {
                    result.append(PropertyEntry(key: name, keyRange: range, value: built))
                }
            }
            return PropertyValue(.map(result), range: range)
        }
    }

    /// JSON node -> property tree (constants in configuration, known plan values).
    func convert(_ node: YAMLNode) -> PropertyValue {
        Self.convert(node, identities: identities)
    }

    private static func convert(_ node: YAMLNode, identities: [String: ResourceID]) -> PropertyValue {
        switch node.content {
        case .scalar: return node.isNull ? PropertyValue(.null, range: node.range) : convertScalar(node, identities: identities)
        case .sequence(let items): return PropertyValue(.list(items.map { convert($0, identities: identities) }), range: node.range)
        case .mapping(let entries):
            return PropertyValue(.map(entries.compactMap { entry in
                entry.key.scalar.map { PropertyEntry(key: $0, keyRange: entry.key.range, value: convert(entry.value, identities: identities)) }
            }), range: node.range)
        }
    }

    private func convertScalar(_ node: YAMLNode) -> PropertyValue {
        Self.convertScalar(node, identities: identities)
    }

    private static func convertScalar(_ node: YAMLNode, identities: [String: ResourceID]) -> PropertyValue {
        let text = node.scalar ?? ""
        if let id = identities[text] { return PropertyValue(.reference(id, attribute: nil), range: node.range) }
        return PropertyValue(.scalar(text), range: node.range)
    }

    /// `module.a[0].module.b["x"]` -> `module.a.module.b` (configuration is per module, not per instance).
    static func stripIndexes(_ path: String) -> String {
        var result = ""
        var depth = 0
        for character in path {
            if character == "[" { depth += 1; continue }
            if character == "]" { depth -= 1; continue }
            if depth == 0 { result.append(character) }
        }
        return result
    }
}
