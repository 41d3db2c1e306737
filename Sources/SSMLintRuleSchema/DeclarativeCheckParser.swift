import Foundation
import SSMLintYAML

/// Parses a `check:` block, reporting mistakes at their file:line:column.
struct DeclarativeCheckParser {
    let file: String

    func parse(_ node: YAMLNode) throws(RuleDefinitionError) -> CheckCondition {
        guard let entries = node.mapping else { throw fail(node, "a condition must be a mapping (path + operator, or all/any/not)") }
        let keys = entries.compactMap(\.key.scalar)
        if let combinator = ["all", "any", "not"].first(where: keys.contains) {
            guard keys.count == 1 else {
                throw fail(node, "'\(combinator)' must stand alone in its mapping; nest other tests inside it")
            }
            let value = node[combinator]!
            if combinator == "not" { return .not(try parse(value)) }
            guard let items = value.sequence, !items.isEmpty else { throw fail(value, "'\(combinator)' takes a non-empty list of conditions") }
            var conditions: [CheckCondition] = []
            for item in items { conditions.append(try parse(item)) }
            return combinator == "all" ? .all(conditions) : .any(conditions)
        }
        for entry in entries where !(["path"] + CheckOperator.names).contains(entry.key.scalar ?? "") {
            throw fail(entry.key, "unknown key '\(entry.key.scalar ?? "?")' in a condition; expected path with one of \(CheckOperator.names.joined(separator: ", ")), or all/any/not")
        }
        guard let pathNode = node["path"] else { throw fail(node, "a test needs 'path'") }
        let path = try parsePath(pathNode)
        let operators = keys.filter { CheckOperator.names.contains($0) }
        guard operators.count == 1, let name = operators.first, let operand = node[name] else {
            throw fail(node, operators.isEmpty
                ? "a test needs one operator: \(CheckOperator.names.joined(separator: ", "))"
                : "a test takes one operator, found \(operators.joined(separator: ", ")); combine tests with all:")
        }
        return .test(path, try parseOperator(name, operand))
    }

    private func parsePath(_ node: YAMLNode) throws(RuleDefinitionError) -> CheckPath {
        if let text = node.scalar {
            guard let steps = CheckPath.parse(text) else { throw fail(node, "malformed path '\(text)'") }
            return CheckPath(text: text, common: steps, byType: [:])
        }
        guard let entries = node.mapping else { throw fail(node, "path must be a string or a mapping from resource type to path") }
        var byType: [String: [PathStep]] = [:]
        var texts: [String] = []
        for entry in entries {
            guard let type = entry.key.scalar, let text = entry.value.scalar, let steps = CheckPath.parse(text) else {
                throw fail(entry.value, "each resource type needs a path string")
            }
            byType[type] = steps
            texts.append(text)
        }
        return CheckPath(text: texts.joined(separator: " / "), common: nil, byType: byType)
    }

    typealias PathStep = CheckPath.PathStep

    private func parseOperator(_ name: String, _ node: YAMLNode) throws(RuleDefinitionError) -> CheckOperator {
        switch name {
        case "equals": return .equals(try value(node))
        case "notEquals": return .notEquals(try value(node))
        case "in", "notIn":
            guard let items = node.sequence, !items.isEmpty else { throw fail(node, "'\(name)' takes a non-empty list of values") }
            var values: [CheckValue] = []
            for item in items { values.append(try value(item)) }
            return name == "in" ? .isIn(values) : .notIn(values)
        case "matches":
            guard let pattern = node.scalar else { throw fail(node, "'matches' takes a regular expression") }
            do { _ = try PackPattern(pattern) } catch {
                throw RuleDefinitionError(file: file, position: Self.position(of: error.offset, in: node),
                                          message: "unsupported regular expression: \(error) (docs/rule-packs.md lists the syntax)")
            }
            return .matches(pattern)
        case "exists":
            guard let text = node.scalar, let flag = Bool(text.lowercased()) else { throw fail(node, "'exists' takes true or false") }
            return .exists(flag)
        default:
            guard let text = node.scalar, let number = Double(text) else { throw fail(node, "'\(name)' takes a number") }
            return name == "lessThan" ? .lessThan(number) : .greaterThan(number)
        }
    }

    /// Where character `offset` of a scalar's text is in the file: exact for a
    /// one-line plain or quoted scalar without escapes, else the scalar's start.
    static func position(of offset: Int, in node: YAMLNode) -> SourcePosition {
        let start = node.range.start
        guard case .scalar(let text, let style) = node.content, node.range.end.line == start.line else { return start }
        let prefix = text.unicodeScalars.prefix(offset)
        switch style {
        case .plain:
            return SourcePosition(line: start.line, column: start.column + offset)
        case .singleQuoted:
            // '' stands for one quote in the text.
            return SourcePosition(line: start.line, column: start.column + 1 + offset + prefix.filter { $0 == "'" }.count)
        case .doubleQuoted where !text.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\"" }):
            return SourcePosition(line: start.line, column: start.column + 1 + offset)
        default:
            return start
        }
    }

    private func value(_ node: YAMLNode) throws(RuleDefinitionError) -> CheckValue {
        guard case .scalar(let text, let style) = node.content else { throw fail(node, "expected a scalar value") }
        if style.isPlain {
            if node.isNull { return .null }
            if let flag = Bool(text.lowercased()) { return .bool(flag) }
            if let number = Double(text) { return .number(number) }
        }
        return .string(text)
    }

    private func fail(_ node: YAMLNode, _ message: String) -> RuleDefinitionError {
        RuleDefinitionError(file: file, position: node.range.start, message: message)
    }
}
