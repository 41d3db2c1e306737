import SSMLintYAML

/// Serverless Framework variables (`${self:…}`, `${opt:…}`, `${sls:…}`,
/// `${file(…)}`, `${cf:…}`, `${env:…}`, `${ssm:…}`, …) are resolved by the
/// framework before CloudFormation sees the template, from values ssmlint does
/// not have. A string that holds one is therefore unknown, never the literal
/// text: `${self:custom.sshCidr}` must not be read as a CIDR, and a rule must
/// stay silent on it. CloudFormation's own `${AWS::Region}` and `${LogicalId}`
/// (in `Fn::Sub`) are left alone, as the framework leaves them.
enum ServerlessVariables {
    /// The tag the loader gives such scalars; the resolver reads them as unknown.
    static let tag = "ssmlint:serverless-variable"

    static let sources = ["self:", "opt:", "sls:", "file(", "cf:", "cf(", "env:", "ssm:", "s3:", "param:", "aws:", "git:", "strToBool(", "sls("]

    /// The first Serverless variable in a string, if any.
    static func variable(in text: String) -> String? {
        var searchStart = text.startIndex
        while let open = text.range(of: "${", range: searchStart..<text.endIndex) {
            let body = text[open.upperBound...]
            if sources.contains(where: { body.hasPrefix($0) }) {
                let end = body.firstIndex(of: "}").map { text.index(after: $0) } ?? text.endIndex
                return String(text[open.lowerBound..<end])
            }
            searchStart = open.upperBound
        }
        return nil
    }

    /// The tree with every scalar that holds a Serverless variable tagged as unknown.
    static func mark(_ node: YAMLNode) -> YAMLNode {
        node.retaggingScalars { text, tag in variable(in: text) != nil ? Self.tag : tag }
    }
}
