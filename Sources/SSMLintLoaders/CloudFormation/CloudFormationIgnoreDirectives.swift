import SSMLintModel
import SSMLintYAML

/// Reads suppressions from template Metadata: on a resource,
/// `Metadata: {ssmlint: {ignore: [{rule: SSM006, reason: "...", expires: 2027-03-31}]}}`
/// applies to that resource's findings; the same under the template's own
/// `Metadata` applies to the whole file. Directives are taken as written (the
/// engine judges reasons and expiries); shapes that cannot be read are warnings,
/// never load errors, because the template itself is valid either way.
enum CloudFormationIgnoreDirectives {
    static let keys: Set<String> = ["rule", "reason", "expires"]

    static func read(root: YAMLNode, file: String) -> (directives: [IgnoreDirective], warnings: [InputWarning]) {
        var directives: [IgnoreDirective] = []
        var warnings: [InputWarning] = []
        func collect(_ metadata: YAMLNode?, resource: ResourceID?, path: String) {
            guard let ssmlint = metadata?["ssmlint"] else { return }
            guard ssmlint.mapping != nil else {
                warnings.append(InputWarning(message: "Metadata ssmlint must be a mapping with an 'ignore' list; nothing is suppressed", position: ssmlint.range.start))
                return
            }
            for entry in ssmlint.mapping! where entry.key.scalar != "ignore" {
                warnings.append(InputWarning(message: "unknown key '\(entry.key.scalar ?? "?")' under Metadata ssmlint (expected: ignore)", position: entry.key.range.start))
            }
            guard let list = ssmlint["ignore"] else { return }
            guard let items = list.sequence else {
                warnings.append(InputWarning(message: "Metadata ssmlint ignore must be a list of {rule, reason, expires}; nothing is suppressed", position: list.range.start))
                return
            }
            for (index, item) in items.enumerated() {
                let location = SourceLocation(file: file, range: item.range, logicalPath: "\(path)/Metadata/ssmlint/ignore/\(index)")
                if let rule = item.scalar {
                    directives.append(IgnoreDirective(rule: rule, reason: nil, expires: nil, resource: resource, location: location))
                    continue
                }
                guard let entries = item.mapping, let rule = item["rule"]?.scalar else {
                    warnings.append(InputWarning(message: "each Metadata ssmlint ignore entry needs a rule (and a reason); this one is skipped", position: item.range.start))
                    continue
                }
                for entry in entries where !keys.contains(entry.key.scalar ?? "") {
                    warnings.append(InputWarning(message: "unknown key '\(entry.key.scalar ?? "?")' in a suppression (expected: rule, reason, expires)", position: entry.key.range.start))
                }
                directives.append(IgnoreDirective(rule: rule, reason: item["reason"]?.scalar, expires: item["expires"]?.scalar,
                                                  resource: resource, location: location))
            }
        }
        collect(root["Metadata"], resource: nil, path: "Metadata")
        for entry in root["Resources"]?.mapping ?? [] {
            guard let id = entry.key.scalar else { continue }
            collect(entry.value["Metadata"], resource: ResourceID(id), path: "Resources/\(id)")
        }
        return (directives, warnings)
    }
}
