import SSMLintModel
import SSMLintYAML

/// A file of CloudFormation parameter values, in one of the shapes deployment
/// tools read:
/// - the CLI's `--parameters file://…` list: `[{"ParameterKey": "Env", "ParameterValue": "prod"}]`
///   (entries with `UsePreviousValue` keep the deployed value, which is not
///   known here, so they set nothing);
/// - `aws cloudformation deploy --parameter-overrides file://…`'s `["Env=prod", …]`;
/// - the CodePipeline template configuration `{"Parameters": {"Env": "prod"}, "Tags": …}`
///   (also rain's `--config`); keys other than `Parameters` are ignored.
/// Values are text; a list parameter's value is comma-separated, as on the CLI.
public enum ParameterFile {
    /// A problem with the file, located: `file:line:col: message`.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var position: SourcePosition
        public var message: String
        public var description: String { "\(file):\(position.line):\(position.column): \(message)" }
    }

    static let expected = "expected a list of {ParameterKey, ParameterValue}, a list of \"Key=Value\", or {\"Parameters\": {Key: Value}}"

    /// The parameter values the file sets, by name.
    public static func parse(_ bytes: [UInt8], file: String) throws(Invalid) -> [String: String] {
        func fail(_ node: YAMLNode, _ message: String) -> Invalid { Invalid(file: file, position: node.range.start, message: message) }
        let document: YAMLNode?
        do { document = try YAMLParser.parse(bytes) } catch { throw Invalid(file: file, position: error.position, message: error.message) }
        guard let root = document else {
            throw Invalid(file: file, position: SourcePosition(line: 1, column: 1), message: "the parameter file is empty; \(expected)")
        }
        var values: [String: String] = [:]
        if let items = root.sequence {
            for item in items {
                if let text = item.scalar, !item.isNull {
                    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                        throw fail(item, "'\(text)' is not Key=Value")
                    }
                    values[String(text[..<equals])] = String(text[text.index(after: equals)...])
                    continue
                }
                guard item.mapping != nil else { throw fail(item, "a parameter entry is \(item.kindName); \(expected)") }
                guard let keyNode = item["ParameterKey"] else { throw fail(item, "a parameter entry needs a ParameterKey") }
                guard let key = keyNode.scalar, !keyNode.isNull, !key.isEmpty else { throw fail(keyNode, "ParameterKey must be a parameter name") }
                if let previous = item["UsePreviousValue"], previous.scalar?.lowercased() == "true" { continue }
                guard let valueNode = item["ParameterValue"] else {
                    throw fail(item, "parameter \(key) has no ParameterValue (nor UsePreviousValue: true)")
                }
                values[key] = try scalar(valueNode, key, fail)
            }
            return values
        }
        guard root.mapping != nil else { throw fail(root, "the parameter file is \(root.kindName); \(expected)") }
        guard let parameters = root["Parameters"] else { throw fail(root, "the parameter file has no Parameters; \(expected)") }
        if parameters.isNull { return [:] }
        guard let entries = parameters.mapping else { throw fail(parameters, "Parameters must be a mapping of name to value") }
        for entry in entries {
            guard let key = entry.key.scalar, !key.isEmpty else { throw fail(entry.key, "a parameter name must be text") }
            values[key] = try scalar(entry.value, key, fail)
        }
        return values
    }

    private static func scalar(_ node: YAMLNode, _ key: String, _ fail: (YAMLNode, String) -> Invalid) throws(Invalid) -> String {
        guard let text = node.scalar, !node.isNull else {
            throw fail(node, "the value of parameter \(key) must be text (a list parameter takes comma-separated values)")
        }
        return text
    }
}
