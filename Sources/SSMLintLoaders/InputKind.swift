import SSMLintYAML

/// What a parsed document is, judged by its content, never by its file name.
enum InputKind {
    case cloudFormation
    case terraformPlan
    /// A Serverless Framework service: its `resources` section is CloudFormation
    /// (nil when the section is missing or only points at other files).
    case serverless(resources: YAMLNode?)
    /// Anything else, with the reason users see ("a Kubernetes manifest").
    case other(String)

    /// Sections only CloudFormation templates have at the top level.
    static let templateSections: Set<String> = [
        "AWSTemplateFormatVersion", "Resources", "Parameters", "Mappings", "Conditions", "Outputs", "Transform", "Rules", "Globals",
    ]

    static func of(_ root: YAMLNode) -> InputKind {
        guard let entries = root.mapping else {
            return .other("the document is \(root.kindName), not a mapping")
        }
        if root["format_version"] != nil && (root["planned_values"] != nil || root["terraform_version"] != nil
            || root["resource_changes"] != nil) {
            return .terraformPlan
        }
        if root["service"] != nil && root["provider"] != nil {
            let resources = root["resources"]
            return .serverless(resources: resources?["Resources"] != nil || resources?["Outputs"] != nil ? resources : nil)
        }
        if entries.contains(where: { templateSections.contains($0.key.scalar ?? "") }) { return .cloudFormation }
        if root["apiVersion"] != nil && root["kind"] != nil { return .other("a Kubernetes manifest") }
        if root["services"] != nil && (root["version"] != nil || root["volumes"] != nil || root["networks"] != nil || entries.count <= 4) {
            return .other("a Compose file")
        }
        if root["on"] != nil && root["jobs"] != nil { return .other("a GitHub Actions workflow") }
        if root["compilerOptions"] != nil { return .other("a TypeScript configuration") }
        if root["name"] != nil && (root["dependencies"] != nil || root["devDependencies"] != nil || root["scripts"] != nil) {
            return .other("a package manifest")
        }
        return .other("no CloudFormation section (Resources, AWSTemplateFormatVersion, …) and no Terraform plan keys")
    }

    /// For a file that does not parse: whether its text clearly is a template or
    /// a plan, so that the parse error is the user's problem, not a reason to skip it.
    static func looksLikeTemplateOrPlan(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes.prefix(1 << 20), as: UTF8.self)
        if text.contains("AWSTemplateFormatVersion") { return true }
        if text.contains("\"format_version\"") && (text.contains("\"planned_values\"") || text.contains("\"terraform_version\"")) {
            return true
        }
        // A top-level Resources section, or a typed resource: `Type: AWS::EC2::VPC`
        // in YAML or `"Type": "AWS::EC2::VPC"` in JSON.
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            if line.hasPrefix("Resources:") || line.hasPrefix("\"Resources\"") || line.hasPrefix("  \"Resources\"") { return true }
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "{" || $0 == "," }
            guard trimmed.hasPrefix("Type") else { continue }
            let value = trimmed.dropFirst(4).drop { $0 == "\"" || $0 == " " || $0 == ":" || $0 == "\t" || $0 == "'" }
            if value.hasPrefix("AWS::") || value.hasPrefix("Custom::") { return true }
        }
        return false
    }
}
