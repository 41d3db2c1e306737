import Foundation
import SSMLintModel
import SSMLintYAML

/// Resolves CloudFormation intrinsic functions (short and long forms) into
/// `PropertyValue`s: parameters resolve to `--parameter` values or their
/// Default, pseudo parameters stay symbolic unless `--region` fixes the
/// Region, Mappings and Conditions are evaluated, `Fn::GetAZs` yields symbolic
/// AZ indexes. Whatever cannot be resolved becomes an explicit unknown with a
/// reason, never a guess.
///
/// Parameter Defaults, mapping entries, attributes and conditions are resolved
/// once and shared; one that refers back to itself is an unknown. Everything
/// built is charged to an expansion budget at its expanded size, so defaults
/// that double at every level stay cheap and small.
final class IntrinsicResolver {
    private let template: CloudFormationTemplate
    private let options: LoadOptions
    private var conditionCache: [String: Value<Bool>] = [:]
    private var conditionsInProgress: Set<String> = []
    /// The parameters whose Default each condition's value rests on.
    private var conditionDefaults: [String: Set<String>] = [:]
    /// Parameters whose Default was read while a condition was being evaluated (innermost last).
    private var defaultsRead: [Set<String>] = []
    /// Parameter Defaults, mapping entries and attributes already resolved, with their expanded size.
    private var shared: [SharedValue: (value: PropertyValue?, size: Int)] = [:]
    private var sharedInProgress: Set<SharedValue> = []
    private let expansion: ExpansionBudget
    /// Nesting bound that keeps the recursion within a worker thread's stack.
    private var depth = 0
    private static let maxDepth = 200

    /// Set once a value refers to itself or nests more than half the depth
    /// limit. What such a value resolves to, and what is kept of it for
    /// reuse, may depend on which reference was resolved first (a value
    /// first needed deep inside another can reach the limit where it would
    /// not alone); otherwise values do not depend on the order resources are
    /// resolved in (see `CloudFormationModelBuilder.build`).
    private(set) var mayDependOnOrder = false
    /// What this resolver charged to its expansion budget.
    var expansionUsed: Int { expansion.used }
    /// Whether the budget ran out (and some value became an unknown for it).
    var expansionSpent: Bool { expansion.isSpent }

    private enum SharedValue: Hashable {
        case parameterDefault(String)
        case mapping(String, String, String)
        case attribute(String, String)

        var description: String {
            switch self {
            case .parameterDefault(let name): return "the Default of parameter \(name)"
            case .mapping(let map, let top, let second): return "mapping entry \(map)/\(top)/\(second)"
            case .attribute(let resource, let attribute): return "\(resource).\(attribute)"
            }
        }
    }

    init(template: CloudFormationTemplate, options: LoadOptions, expansionLimit: Int = ExpansionBudget.inputLimit) {
        self.template = template
        self.options = options
        self.expansion = ExpansionBudget(limit: expansionLimit)
    }

    // MARK: Values

    /// Resolves a node; nil means `AWS::NoValue` (the property or element is removed).
    func resolve(_ node: YAMLNode) -> PropertyValue? {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth / 2 { mayDependOnOrder = true }
        if depth > Self.maxDepth {
            return unknown("intrinsic functions nested too deeply", node)
        }
        expansion.spend(1)
        if let (name, argument) = Self.functionCall(node) {
            return call(name, argument, node)
        }
        switch node.content {
        case .scalar(let text, _):
            if node.tag == ServerlessVariables.tag {
                return unknown("\(ServerlessVariables.variable(in: text) ?? text) is a Serverless Framework variable, resolved only at deploy time", node)
            }
            return PropertyValue(node.isNull ? .null : .scalar(text), range: node.range)
        case .sequence(let items):
            return PropertyValue(.list(items.compactMap { resolve($0) }), range: node.range)
        case .mapping(let entries):
            var resolved: [PropertyEntry] = []
            resolved.reserveCapacity(entries.count)
            for entry in entries {
                guard let key = entry.key.scalar, let value = resolve(entry.value) else { continue }
                resolved.append(PropertyEntry(key: key, keyRange: entry.key.range, value: value))
            }
            return PropertyValue(.map(resolved), range: node.range)
        }
    }

    /// The function a node calls: a short-form tag (`!Ref x`) or a one-key
    /// mapping (`{"Fn::GetAtt": [...]}`, `{"Ref": x}`).
    static func functionCall(_ node: YAMLNode) -> (String, YAMLNode)? {
        if let tag = node.tag, let name = knownShortForm(tag) ?? shortForm(tag).map({ short in
            (short == "Ref" || short == "Condition") ? short : "Fn::" + short
        }) {
            var argument = node
            argument.tag = nil
            return (name, argument)
        }
        if case .mapping(let entries) = node.content, entries.count == 1, let key = entries[0].key.scalar,
           key == "Ref" || (key.utf8.starts(with: "Fn::".utf8) && key.hasPrefix("Fn::")) {
            return (key, entries[0].value)
        }
        return nil
    }

    /// The function of one of CloudFormation's own short-form tags, without
    /// making a string: a large template has tens of thousands of tags, and
    /// spelling each function's name anew was most of finding the call. Other
    /// tags are read by `shortForm`.
    private static func knownShortForm(_ tag: String) -> String? {
        switch tag {
        case "!Ref": "Ref"
        case "!GetAtt": "Fn::GetAtt"
        case "!Sub": "Fn::Sub"
        case "!Join": "Fn::Join"
        case "!Select": "Fn::Select"
        case "!If": "Fn::If"
        case "!Equals": "Fn::Equals"
        case "!FindInMap": "Fn::FindInMap"
        case "!Split": "Fn::Split"
        case "!GetAZs": "Fn::GetAZs"
        case "!ImportValue": "Fn::ImportValue"
        case "!Condition": "Condition"
        case "!Not": "Fn::Not"
        case "!And": "Fn::And"
        case "!Or": "Fn::Or"
        case "!Cidr": "Fn::Cidr"
        case "!Base64": "Fn::Base64"
        default: nil
        }
    }

    /// `Ref` for the tag `!Ref`; nil for a tag that is not a short-form function
    /// (`!!str`, a bare `!`). An ASCII tag, as libyaml's tags are, is read by
    /// byte: its Characters (grapheme breaking) were a tenth of resolving a
    /// large template.
    private static func shortForm(_ tag: String) -> String? {
        let bytes = tag.utf8
        guard bytes.first == UInt8(ascii: "!") else { return nil }
        guard bytes.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) else {
            guard tag.hasPrefix("!"), tag.count > 1, !tag.hasPrefix("!!") else { return nil }
            return String(tag.dropFirst())
        }
        guard bytes.count > 1, bytes.dropFirst().first != UInt8(ascii: "!") else { return nil }
        return String(Substring(bytes.dropFirst()))
    }

    private func call(_ name: String, _ argument: YAMLNode, _ node: YAMLNode) -> PropertyValue? {
        switch name {
        case "Ref": return ref(argument, node)
        case "Fn::GetAtt": return getAtt(argument, node)
        case "Fn::Sub": return sub(argument, node)
        case "Fn::Join": return join(argument, node)
        case "Fn::Select": return select(argument, node)
        case "Fn::Split": return split(argument, node)
        case "Fn::If": return ifFunction(argument, node)
        case "Fn::FindInMap": return findInMap(argument, node)
        case "Fn::GetAZs": return PropertyValue(.availabilityZoneList, range: node.range)
        case "Fn::Cidr": return cidr(argument, node)
        case "Fn::Base64": return resolve(argument)
        case "Fn::ImportValue":
            let name = resolve(argument)?.scalar
            if let name, let exported = options.imports[name] { return PropertyValue(exported.kind, range: node.range) }
            let exported = name.map { " '\($0)'" } ?? ""
            return unknown("the value is imported from another stack (Fn::ImportValue\(exported))", node)
        case "Fn::Length":
            if let items = resolve(argument)?.list { return PropertyValue(.scalar(String(items.count)), range: node.range) }
            return unknown("Fn::Length of an unresolved list", node)
        case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not":
            let truth = evaluateCondition(node)
            if let value = truth.known { return PropertyValue(.scalar(value ? "true" : "false"), range: node.range) }
            return unknown(truth.unresolved?.reason ?? "condition cannot be decided", node)
        default:
            return unknown("\(name) is not evaluated statically", node)
        }
    }

    private func unknown(_ reason: String, _ node: YAMLNode, symbol: String? = nil) -> PropertyValue {
        PropertyValue(.unknown(Unresolved(reason, symbol: symbol)), range: node.range)
    }

    // MARK: Ref and pseudo parameters

    private func ref(_ argument: YAMLNode, _ node: YAMLNode) -> PropertyValue? {
        guard let name = argument.scalar ?? resolve(argument)?.scalar else {
            return unknown("Ref needs a name", node)
        }
        return reference(named: name, node)
    }

    private func reference(named name: String, _ node: YAMLNode) -> PropertyValue? {
        if name.hasPrefix("AWS::") { return pseudo(name, node) }
        if let parameter = template.parameters[name] { return parameterValue(parameter, node) }
        if template.declares(name) { return PropertyValue(.reference(ResourceID(name), attribute: nil), range: node.range) }
        return unknown("Ref to '\(name)', which is neither a parameter nor a resource of this template", node)
    }

    private func pseudo(_ name: String, _ node: YAMLNode) -> PropertyValue? {
        switch name {
        case "AWS::NoValue":
            return nil
        case "AWS::Region":
            if let region = options.region { return PropertyValue(.scalar(region), range: node.range) }
        case "AWS::Partition":
            if let region = options.region { return PropertyValue(.scalar(Self.partition(of: region)), range: node.range) }
        case "AWS::URLSuffix":
            if let region = options.region {
                return PropertyValue(.scalar(region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"), range: node.range)
            }
        case "AWS::StackName":
            if let name = options.stackName { return PropertyValue(.scalar(name), range: node.range) }
        case "AWS::NotificationARNs":
            return unknown("AWS::NotificationARNs is known only at deploy time", node)
        default:
            break
        }
        return PropertyValue(.text(SymbolicText([.pseudo(name)])), range: node.range)
    }

    static func partition(of region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    private func parameterValue(_ parameter: CloudFormationTemplate.Parameter, _ node: YAMLNode) -> PropertyValue {
        let isList = parameter.type.hasPrefix("List<") || parameter.type == "CommaDelimitedList"
            || parameter.type.hasPrefix("AWS::SSM::Parameter::Value<List<")
            || parameter.type == "AWS::SSM::Parameter::Value<CommaDelimitedList>"
        let symbol = "parameter:\(parameter.name)"
        if let passed = options.parameterValues[parameter.name] { return PropertyValue(passed.kind, range: node.range) }
        if let override = options.parameters[parameter.name] {
            return Self.parameterText(override, isList: isList, range: .none)
        }
        if parameter.type.hasPrefix("AWS::SSM::Parameter::Value<") {
            return unknown("parameter \(parameter.name) is read from SSM Parameter Store at deploy time", node, symbol: symbol)
        }
        guard let defaultNode = parameter.defaultValue, !defaultNode.isNull || isList else {
            return unknown("parameter \(parameter.name) has no Default (pass --parameter \(parameter.name)=VALUE)", node, symbol: symbol)
        }
        if !defaultsRead.isEmpty { defaultsRead[defaultsRead.count - 1].insert(parameter.name) }
        if let text = defaultNode.scalar { return Self.parameterText(text, isList: isList, range: defaultNode.range) }
        return share(.parameterDefault(parameter.name), defined: defaultNode) { resolve(defaultNode) }
            ?? unknown("parameter \(parameter.name) has an empty Default", node, symbol: symbol)
    }

    /// A value resolved once and reused, charged at its expanded size on
    /// every use. Its ranges are those of its definition, whoever uses it.
    private func share(_ key: SharedValue, defined definition: YAMLNode, _ compute: () -> PropertyValue?) -> PropertyValue? {
        if let known = shared[key] {
            guard expansion.spend(known.size) else { return unknown(ExpansionBudget.exhaustedReason, definition) }
            return known.value
        }
        guard sharedInProgress.insert(key).inserted else {
            mayDependOnOrder = true
            return unknown("\(key.description) refers to itself", definition)
        }
        var value = compute()
        sharedInProgress.remove(key)
        // Measuring walks the value as far as the limit: that work is charged too.
        var size = value.map { ExpansionBudget.size(of: $0, upTo: ExpansionBudget.valueLimit) } ?? 1
        let measured = expansion.spend(size)
        if size > ExpansionBudget.valueLimit || !measured {
            value = unknown(measured ? ExpansionBudget.tooLargeReason + " (\(key.description))" : ExpansionBudget.exhaustedReason, definition)
            size = 1
        }
        shared[key] = (value, size)
        return value
    }

    private static func parameterText(_ text: String, isList: Bool, range: SourceRange) -> PropertyValue {
        guard isList else { return PropertyValue(.scalar(text), range: range) }
        if text.isEmpty { return PropertyValue(.list([]), range: range) }
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
            PropertyValue(.scalar(String($0).trimmingSpaces), range: range)
        }
        return PropertyValue(.list(items), range: range)
    }

    // MARK: Fn::GetAtt

    /// Attributes whose value is a property of the same resource.
    private static let attributeProperties: [String: [String: String]] = [
        "AWS::EC2::VPC": ["CidrBlock": "CidrBlock"],
        "AWS::EC2::Subnet": ["AvailabilityZone": "AvailabilityZone", "CidrBlock": "CidrBlock", "VpcId": "VpcId"],
        "AWS::EC2::SecurityGroup": ["VpcId": "VpcId"],
    ]
    /// Attributes that are the resource's own identity (same as `Ref`).
    private static let identityAttributes: [String: Set<String>] = [
        "AWS::EC2::SecurityGroup": ["GroupId"],
        "AWS::EC2::VPCEndpoint": ["Id"],
        "AWS::EC2::VPC": ["VpcId"],
        "AWS::EC2::Subnet": ["SubnetId"],
        "AWS::EC2::NatGateway": ["NatGatewayId"],
        "AWS::EC2::RouteTable": ["RouteTableId"],
        "AWS::EC2::InternetGateway": ["InternetGatewayId"],
        "AWS::EC2::LaunchTemplate": ["LaunchTemplateId"],
        "AWS::EC2::Instance": ["InstanceId"],
        "AWS::EC2::TransitGateway": ["Id"],
        "AWS::EC2::VPCPeeringConnection": ["Id"],
        "AWS::EC2::InstanceConnectEndpoint": ["Id"],
    ]

    private func getAtt(_ argument: YAMLNode, _ node: YAMLNode) -> PropertyValue? {
        let resourceName: String
        let attribute: String
        if let text = argument.scalar {
            guard let dot = text.firstIndex(of: ".") else { return unknown("Fn::GetAtt '\(text)' needs Resource.Attribute", node) }
            resourceName = String(text[..<dot])
            attribute = String(text[text.index(after: dot)...])
        } else if let items = argument.sequence, items.count == 2, let name = items[0].scalar {
            resourceName = name
            guard let attr = items[1].scalar ?? resolve(items[1])?.scalar else {
                return unknown("Fn::GetAtt of \(name) with an unresolved attribute name", node)
            }
            attribute = attr
        } else {
            return unknown("malformed Fn::GetAtt", node)
        }
        return attributeValue(resourceName, attribute, node)
    }

    private func attributeValue(_ resourceName: String, _ attribute: String, _ node: YAMLNode) -> PropertyValue? {
        guard let declaration = template.resource(resourceName) else {
            return unknown("Fn::GetAtt of '\(resourceName)', which is not a resource of this template", node)
        }
        let type = declaration.type ?? ""
        if type == "AWS::CloudFormation::Stack", attribute.hasPrefix("Outputs."),
           let output = options.stackOutputs[resourceName]?[String(attribute.dropFirst("Outputs.".count))] {
            return PropertyValue(output.kind, range: node.range)
        }
        if Self.identityAttributes[type]?.contains(attribute) == true {
            return PropertyValue(.reference(ResourceID(resourceName), attribute: nil), range: node.range)
        }
        if let property = Self.attributeProperties[type]?[attribute] {
            guard let propertyNode = declaration.properties?[property] else {
                return unknown("\(resourceName) does not set \(property); AWS chooses it at deploy time", node)
            }
            let value = share(.attribute(resourceName, attribute), defined: propertyNode) { resolve(propertyNode) }
            return value.map { PropertyValue($0.kind, range: node.range) }
        }
        return PropertyValue(.reference(ResourceID(resourceName), attribute: attribute), range: node.range)
    }

    // MARK: Strings

    private func sub(_ argument: YAMLNode, _ node: YAMLNode) -> PropertyValue? {
        let templateText: String
        var variables: [String: PropertyValue?] = [:]
        if let text = argument.scalar {
            templateText = text
        } else if let items = argument.sequence, items.count == 2, let text = items[0].scalar {
            templateText = text
            for entry in items[1].mapping ?? [] {
                if let key = entry.key.scalar { variables[key] = .some(resolve(entry.value)) }
            }
        } else {
            return unknown("malformed Fn::Sub", node)
        }
        var text = SymbolicText()
        var size = 0
        var rest = Substring(templateText)
        while let open = rest.firstByteRange(of: "${") {
            text.append(.literal(String(rest[..<open.lowerBound])))
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.utf8.firstIndex(of: UInt8(ascii: "}")) else {
                text.append(.literal(String(rest[open.lowerBound...])))
                rest = ""
                break
            }
            let name = String(afterOpen[..<close]).trimmingSpaces
            rest = afterOpen[afterOpen.index(after: close)...]
            if name.hasPrefix("!") {
                text.append(.literal("${" + name.dropFirst() + "}"))
                continue
            }
            let value: PropertyValue?
            if let variable = variables[name] {
                value = variable
            } else if !name.hasPrefix("AWS::"), let dot = name.firstIndex(of: ".") {
                value = attributeValue(String(name[..<dot]), String(name[name.index(after: dot)...]), node)
            } else {
                value = reference(named: name, node)
            }
            let part = Self.symbolicText(value)
            if let reason = grow(&size, by: part) { return unknown("Fn::Sub: " + reason, node) }
            text.append(contentsOf: part)
        }
        text.append(.literal(String(rest)))
        return Self.textValue(text, range: node.range)
    }

    private func join(_ argument: YAMLNode, _ node: YAMLNode) -> PropertyValue? {
        guard let items = argument.sequence, items.count == 2 else { return unknown("malformed Fn::Join", node) }
        let delimiter = resolve(items[0])?.scalar ?? ""
        guard let list = resolve(items[1]) else { return PropertyValue(.scalar(""), range: node.range) }
        guard let elements = list.list else {
            return unknown("Fn::Join over a list that cannot be resolved", node)
        }
        var text = SymbolicText()
        var size = 0
        for (index, element) in elements.enumerated() {
            var part = Self.symbolicText(element)
            if index > 0 { part = SymbolicText([.literal(delimiter)] + part.segments) }
            if let reason = grow(&size, by: part) { return unknown("Fn::Join: " + reason, node) }
            text.append(contentsOf: part)
        }
        return Self.textValue(text, range: node.range)
    }

    /// Charges `part` before a string function appends it to text of `size`
    /// units; the reason it must not, when the text would be too large or the
    /// input's budget is spent.
    private func grow(_ size: inout Int, by part: SymbolicText) -> String? {
        var units = part.segments.count
        for case .literal(let literal) in part.segments { units += literal.utf8.count }
        size += units
        if size > ExpansionBudget.valueLimit { return ExpansionBudget.tooLargeReason }
        return expansion.spend(units) ? nil : ExpansionBudget.exhaustedReason
    }

    private static func symbolicText(_ value: PropertyValue?) -> SymbolicText {
        guard let value else { return SymbolicText() }
        switch value.kind {
        case .scalar(let text): return SymbolicText([.literal(text)])
        case .text(let text): return text
        case .reference(let id, let attribute): return SymbolicText([.reference(id, attribute: attribute)])
        case .null: return SymbolicText()
        case .unknown(let reason): return SymbolicText([.unknown(reason)])
        case .availabilityZoneIndex(let index): return SymbolicText([.unknown(Unresolved("AZ #\(index) of Fn::GetAZs"))])
        case .list, .map, .availabilityZoneList:
            return SymbolicText([.unknown(Unresolved("a list or mapping used as text"))])
        }
    }

    private static func textValue(_ text: SymbolicText, range: SourceRange) -> PropertyValue {
        if let literal = text.literal { return PropertyValue(.scalar(literal), range: range) }
        return PropertyValue(.text(text), range: range)
    }

    private func split(_ argument: YAMLNode, _ node: YAMLNode) -> PropertyValue? {
        guard let items = argument.sequence, items.count == 2, let delimiter = resolve(items[0])?.scalar, !delimiter.isEmpty else {
            return unknown("malformed Fn::Split", node)
        }
        guard let source = resolve(items[1]) else { return unknown("Fn::Split of AWS::NoValue", node) }
        switch source.kind {
        case .scalar(let text):
            let parts = text.components(separatedBy: delimiter).map { PropertyValue(.scalar($0), range: node.range) }
            return PropertyValue(.list(parts), range: node.range)
        case .reference:
            // Parts of an attribute (e.g. DnsEntries) still identify the resource.
            return PropertyValue(source.kind, range: node.range)
        default:
            return unknown("Fn::Split of a value that cannot be resolved", node)
        }
    }

    private func select(_ argument: YAMLNode, _ node: YAMLNode) -> PropertyValue? {
        guard let items = argument.sequence, items.count == 2 else { return unknown("malformed Fn::Select", node) }
        guard let indexText = resolve(items[0])?.scalar, let index = Int(indexText), index >= 0 else {
            return unknown("Fn::Select with an index that cannot be resolved", node)
        }
        guard let source = resolve(items[1]) else { return unknown("Fn::Select from AWS::NoValue", node) }
        switch source.kind {
        case .list(let elements):
            guard index < elements.count else {
                return unknown("Fn::Select index \(index) is out of range (the list has \(elements.count) items)", node)
            }
            return elements[index]
        case .availabilityZoneList:
            return PropertyValue(.availabilityZoneIndex(index), range: node.range)
        case .reference:
            return PropertyValue(source.kind, range: node.range)
        case .unknown(let reason):
            return PropertyValue(.unknown(reason), range: node.range)
        default:
            return unknown("Fn::Select from a value that is not a list", node)
        }
    }

    private func cidr(_ argument: YAMLNode, _ node: YAMLNode) -> PropertyValue? {
        guard let items = argument.sequence, items.count == 3 else { return unknown("malformed Fn::Cidr", node) }
        guard let block = resolve(items[0])?.scalar, let network = IPNetwork(block) else {
            return unknown("Fn::Cidr of an address block that cannot be resolved", node)
        }
        guard let countText = resolve(items[1])?.scalar, let count = Int(countText),
              let bitsText = resolve(items[2])?.scalar, let bits = Int(bitsText),
              let subnets = network.subdivide(count: count, hostBits: bits) else {
            return unknown("Fn::Cidr with a count or size that cannot be resolved or does not fit \(block)", node)
        }
        return PropertyValue(.list(subnets.map { PropertyValue(.scalar($0.description), range: node.range) }), range: node.range)
    }

    private func findInMap(_ argument: YAMLNode, _ node: YAMLNode) -> PropertyValue? {
        guard let items = argument.sequence, items.count >= 3 else { return unknown("malformed Fn::FindInMap", node) }
        let keys = items.prefix(3).map { resolve($0)?.scalar }
        guard let mapName = keys[0], let topKey = keys[1], let secondKey = keys[2] else {
            return fallback(items, or: unknown("Fn::FindInMap with a key that cannot be resolved", node))
        }
        guard let value = template.mappings?[mapName]?[topKey]?[secondKey] else {
            return fallback(items, or: unknown("Fn::FindInMap: mapping \(mapName) has no entry \(topKey)/\(secondKey)", node))
        }
        return share(.mapping(mapName, topKey, secondKey), defined: value) { resolve(value) }
    }

    /// `Fn::FindInMap` with a `DefaultValue` option (AWS::LanguageExtensions).
    private func fallback(_ items: YAMLSequence, or value: PropertyValue) -> PropertyValue? {
        if items.count == 4, let defaultNode = items[3]["DefaultValue"] { return resolve(defaultNode) }
        return value
    }

    // MARK: Conditions

    private func ifFunction(_ argument: YAMLNode, _ node: YAMLNode) -> PropertyValue? {
        guard let items = argument.sequence, items.count == 3, let name = items[0].scalar else {
            return unknown("malformed Fn::If", node)
        }
        let decided = condition(named: name)
        if let value = decided.known { return resolve(value ? items[1] : items[2]) }
        let whenTrue = resolve(items[1])
        let whenFalse = resolve(items[2])
        if whenTrue == nil && whenFalse == nil { return nil }
        if let a = whenTrue, let b = whenFalse, a.isEquivalent(to: b) { return a }
        let why = decided.unresolved?.reason ?? "unknown"
        return unknown("depends on condition \(name), which cannot be decided (\(why))", node)
    }

    /// The value of a named condition, evaluated once.
    func condition(named name: String) -> Value<Bool> {
        if let cached = conditionCache[name] {
            if !defaultsRead.isEmpty { defaultsRead[defaultsRead.count - 1].formUnion(conditionDefaults[name] ?? []) }
            return cached
        }
        guard let expression = template.conditions[name] else {
            return .unknown(Unresolved("condition \(name) is not defined"))
        }
        guard conditionsInProgress.insert(name).inserted else {
            mayDependOnOrder = true
            return .unknown(Unresolved("condition \(name) refers to itself"))
        }
        defaultsRead.append([])
        let value = evaluateCondition(expression)
        let defaults = defaultsRead.removeLast()
        if !defaultsRead.isEmpty { defaultsRead[defaultsRead.count - 1].formUnion(defaults) }
        conditionsInProgress.remove(name)
        conditionCache[name] = value
        conditionDefaults[name] = defaults
        return value
    }

    /// The parameters whose Default the named condition's value rests on
    /// (empty when no Default decides it: then it holds whatever is deployed).
    func defaultsDeciding(condition name: String) -> Set<String> {
        _ = condition(named: name)
        return conditionDefaults[name] ?? []
    }

    /// The parameter whose Default a resolved value is, when it is one (a
    /// scalar Default used as is, not passed or overridden): such a value
    /// carries the range of the Default it was read from.
    func defaultParameter(of value: PropertyValue?) -> String? {
        guard let value, value.scalar != nil, value.range != .none else { return nil }
        for parameter in template.parameters.values where parameter.defaultValue?.scalar != nil && parameter.defaultValue?.range == value.range {
            guard options.parameters[parameter.name] == nil, options.parameterValues[parameter.name] == nil else { return nil }
            return parameter.name
        }
        return nil
    }

    private func evaluateCondition(_ node: YAMLNode) -> Value<Bool> {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth / 2 { mayDependOnOrder = true }
        if depth > Self.maxDepth { return .unknown(Unresolved("conditions nested too deeply")) }
        guard let (name, argument) = Self.functionCall(node) ?? Self.conditionReference(node) else {
            if let text = node.scalar, let value = Self.boolean(text) { return .known(value) }
            return .unknown(Unresolved("not a condition expression"))
        }
        switch name {
        case "Condition":
            guard let target = argument.scalar else { return .unknown(Unresolved("malformed Condition")) }
            return condition(named: target)
        case "Fn::Equals":
            guard let items = argument.sequence, items.count == 2 else { return .unknown(Unresolved("malformed Fn::Equals")) }
            return Self.equals(resolve(items[0]), resolve(items[1]))
        case "Fn::Not":
            guard let items = argument.sequence, items.count == 1 else { return .unknown(Unresolved("malformed Fn::Not")) }
            return evaluateCondition(items[0]).map { !$0 }
        case "Fn::And", "Fn::Or":
            guard let items = argument.sequence else { return .unknown(Unresolved("malformed \(name)")) }
            let isAnd = name == "Fn::And"
            var pending: Unresolved?
            for item in items {
                switch evaluateCondition(item) {
                case .known(let value):
                    if value != isAnd { return .known(value) }
                case .unknown(let reason): pending = reason
                case .absent: pending = Unresolved("malformed \(name)")
                }
            }
            if let pending { return .unknown(pending) }
            return .known(isAnd)
        default:
            guard let value = call(name, argument, node), let text = value.scalar, let truth = Self.boolean(text) else {
                return .unknown(Unresolved("\(name) does not give a boolean"))
            }
            return .known(truth)
        }
    }

    /// `{"Condition": "Name"}` inside a condition expression.
    private static func conditionReference(_ node: YAMLNode) -> (String, YAMLNode)? {
        if case .mapping(let entries) = node.content, entries.count == 1, entries[0].key.scalar == "Condition" {
            return ("Condition", entries[0].value)
        }
        return nil
    }

    private static func equals(_ a: PropertyValue?, _ b: PropertyValue?) -> Value<Bool> {
        guard let a, let b else { return .known(a == nil && b == nil) }
        if let reason = a.firstUnresolved ?? b.firstUnresolved {
            return .unknown(Unresolved("Fn::Equals compares a value that cannot be resolved: \(reason.reason)"))
        }
        if a.isSymbolic || b.isSymbolic {
            if a.isEquivalent(to: b) { return .known(true) }
            return .unknown(Unresolved("Fn::Equals compares values known only at deploy time (\(a.displayText) vs \(b.displayText))"))
        }
        return .known(a.isEquivalent(to: b))
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}
