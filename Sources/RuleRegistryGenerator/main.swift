import Foundation
import SSMLintRuleSchema

// Usage: RuleRegistryGenerator OUTPUT.swift RULE.yaml...
// Writes `BuiltInRules`: every rule's metadata and examples as Swift values,
// each paired with an instance of its `implementation` type (a missing type is
// a compile error, by design) or, for a rule with a `check:` block, with the
// declarative interpreter. A rule without `helpUri` gets its docs/rules.md
// section, built from `ProjectLinks` when the registry is compiled.

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: RuleRegistryGenerator OUTPUT RULE.yaml...\n".utf8))
    exit(64)
}

var definitions: [RuleDefinition] = []
var failed = false
for path in arguments.dropFirst() {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
    let parser = RuleDefinitionParser(file: path) { relative in
        try? String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
    }
    do {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let (definition, _) = try parser.parse(bytes)
        let expectedName = definition.id + ".yaml"
        if URL(fileURLWithPath: path).lastPathComponent != expectedName {
            print("\(path):1:1: error: rule \(definition.id) must live in \(expectedName)")
            failed = true
        }
        if definition.implementation == nil && definition.check == nil {
            print("\(path):1:1: error: built-in rule \(definition.id) needs 'implementation: <Swift type>' or a declarative 'check'")
            failed = true
        }
        if definition.links.isEmpty {
            print("\(path):1:1: error: built-in rule \(definition.id) needs 'links': the AWS documentation it rests on ({title, url} items)")
            failed = true
        }
        if definition.examples.isEmpty || !definition.examples.contains(where: \.isTriggering)
            || !definition.examples.contains(where: { !$0.isTriggering }) {
            print("\(path):1:1: error: rule \(definition.id) needs at least one triggering and one non-triggering example")
            failed = true
        }
        definitions.append(definition)
    } catch let error as RuleDefinitionError {
        print("\(error.file):\(error.position.line):\(error.position.column): error: \(error.message)")
        failed = true
    } catch {
        print("\(path):1:1: error: \(error)")
        failed = true
    }
}
for (key, group) in Dictionary(grouping: definitions, by: \.id) where group.count > 1 {
    print("error: rule id \(key) is defined \(group.count) times")
    failed = true
}
for (key, group) in Dictionary(grouping: definitions, by: \.slug) where group.count > 1 {
    print("error: rule slug \(key) is used by \(group.map(\.id).joined(separator: ", "))")
    failed = true
}
if failed { exit(1) }
definitions.sort { $0.id < $1.id }

func literal(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}

func optional(_ text: String?) -> String { text.map(literal) ?? "nil" }

func render(_ example: RuleExample) -> String {
    let expected = example.expected.map {
        "ExpectedFinding(resource: \(literal($0.resource)), level: .\($0.level.rawValue), message: \(optional($0.message)), at: \(optional($0.at)))"
    }
    let parameters = example.parameters.sorted { $0.key < $1.key }.map { "\(literal($0.key)): \(literal($0.value))" }
    return """
            RuleExample(
                name: \(literal(example.name)), description: \(literal(example.description)),
                format: .\(example.format == .cloudFormation ? "cloudFormation" : "terraformPlan"),
                input: \(literal(example.input)), file: \(optional(example.file)),
                parameters: [\(parameters.isEmpty ? ":" : parameters.joined(separator: ", "))], region: \(optional(example.region)),
                expected: [\(expected.joined(separator: ", "))])
    """
}

func render(_ value: CheckValue) -> String {
    switch value {
    case .string(let text): return ".string(\(literal(text)))"
    case .number(let number): return ".number(\(number))"
    case .bool(let flag): return ".bool(\(flag))"
    case .null: return ".null"
    }
}

func render(_ steps: [CheckPath.PathStep]) -> String {
    "[" + steps.map { step in
        switch step {
        case .key(let key): return ".key(\(literal(key)))"
        case .index(let index): return ".index(\(index))"
        case .every: return ".every"
        }
    }.joined(separator: ", ") + "]"
}

func render(_ condition: CheckCondition) -> String {
    switch condition {
    case .all(let items): return ".all([\(items.map(render).joined(separator: ", "))])"
    case .any(let items): return ".any([\(items.map(render).joined(separator: ", "))])"
    case .not(let inner): return ".not(\(render(inner)))"
    case .test(let path, let op):
        let byType = path.byType.sorted { $0.key < $1.key }.map { "\(literal($0.key)): \(render($0.value))" }
        let pathText = "CheckPath(text: \(literal(path.text)), common: \(path.common.map(render) ?? "nil"), byType: [\(byType.isEmpty ? ":" : byType.joined(separator: ", "))])"
        let opText: String
        switch op {
        case .equals(let value): opText = ".equals(\(render(value)))"
        case .notEquals(let value): opText = ".notEquals(\(render(value)))"
        case .isIn(let values): opText = ".isIn([\(values.map(render).joined(separator: ", "))])"
        case .notIn(let values): opText = ".notIn([\(values.map(render).joined(separator: ", "))])"
        case .matches(let pattern): opText = ".matches(\(literal(pattern)))"
        case .exists(let flag): opText = ".exists(\(flag))"
        case .lessThan(let number): opText = ".lessThan(\(number))"
        case .greaterThan(let number): opText = ".greaterThan(\(number))"
        }
        return ".test(\(pathText), \(opText))"
    }
}

func render(_ definition: RuleDefinition) -> String {
    let variants = definition.severityVariants.sorted { $0.key < $1.key }.map { "\(literal($0.key)): .\($0.value.rawValue)" }
    return """
        RuleDefinition(
            id: \(literal(definition.id)), slug: \(literal(definition.slug)), name: \(literal(definition.name)),
            summary: \(literal(definition.summary)),
            description: \(literal(definition.description)),
            remediation: \(literal(definition.remediation)),
            helpURI: \(definition.helpURI.isEmpty ? "ProjectLinks.ruleDocumentation(\(literal(definition.id)))" : literal(definition.helpURI)),
            links: [\(definition.links.map { "RuleLink(title: \(literal($0.title)), url: \(literal($0.url)))" }.joined(separator: ", "))],
            severity: .\(definition.severity.rawValue),
            securitySeverity: \(literal(definition.securitySeverity)),
            tags: [\(definition.tags.map(literal).joined(separator: ", "))],
            severityVariants: [\(variants.isEmpty ? ":" : variants.joined(separator: ", "))],
            implementation: \(optional(definition.implementation)),
            examples: [
    \(definition.examples.map(render).joined(separator: ",\n"))
            ],
            check: \(definition.check.map(render) ?? "nil"),
            resourceTypes: [\(definition.resourceTypes.map(literal).joined(separator: ", "))],
            message: \(optional(definition.message)))
    """
}

func registration(_ definition: RuleDefinition, index: Int) -> String {
    guard let implementation = definition.implementation else {
        return "            DeclarativeRule.registered(definitions[\(index)])!,"
    }
    return "            RegisteredRule(definition: definitions[\(index)], implementation: \(implementation)()),"
}

let source = """
// Generated by RuleRegistryGenerator from rules/*.yaml. Do not edit.
import SSMLintEngine
import SSMLintPacks
import SSMLintRuleSchema

public enum BuiltInRules {
    /// Every built-in rule's metadata and examples, sorted by id.
    public static let definitions: [RuleDefinition] = [
\(definitions.map(render).joined(separator: ",\n"))
    ]

    /// Every built-in rule with its metadata, in id order.
    public static let all: [RegisteredRule] = [
\(definitions.enumerated().map { registration($0.element, index: $0.offset) }.joined(separator: "\n"))
    ]
}

"""

do {
    let url = URL(fileURLWithPath: outputPath)
    let existing = try? String(contentsOf: url, encoding: .utf8)
    if existing != source { try source.write(to: url, atomically: true, encoding: .utf8) }
} catch {
    print("error: cannot write \(outputPath): \(error)")
    exit(1)
}
