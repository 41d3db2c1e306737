import SSMLintEngine
import SSMLintLoaders

/// Moves Terraform findings from the plan JSON, which pull requests rarely
/// contain, to the `.tf` lines that declare their resources. It runs after the
/// engine: rules locate findings in the model, this step only changes where
/// they are shown. The plan location stays as a related location, and the
/// fingerprint (input path, rule, resource, key) does not change, so
/// baselines written with or without the configuration match.
public enum TerraformSourceRelocation {
    /// The findings with `.tf` locations where the map knows the resource's
    /// block, and the resources it does not know (their findings stay on the plan).
    public static func relocate(_ findings: [Finding], using map: TerraformSourceMap, planFile: String)
        -> (findings: [Finding], unmapped: [ResourceID]) {
        var unmapped: [ResourceID] = []
        let planName = planFile.split(separator: "/").last.map(String.init) ?? planFile
        let relocated = findings.map { finding in
            var moved = finding
            moved.related = finding.related.map { related in
                var result = related
                if let declaration = map.declaration(of: related.resource) { result.location = declaration.location }
                return result
            }
            guard let declaration = map.declaration(of: finding.resource) else {
                if !unmapped.contains(finding.resource) { unmapped.append(finding.resource) }
                return moved
            }
            moved.location = declaration.location
            moved.related.insert(RelatedLocation(resource: finding.resource, location: finding.location, message: "planned in \(planName)"), at: 0)
            return moved
        }
        return (relocated, unmapped)
    }

    /// Relocates an outcome's findings, adds the map's warnings and a remark
    /// for findings that stay on the plan, and returns the suppressions the
    /// `.tf` comments make for the plan's resources and the findings' ones.
    public static func apply(_ map: TerraformSourceMap, to outcome: inout InputOutcome, resources: [ResourceID]) -> [IgnoreDirective] {
        let (findings, unmapped) = relocate(outcome.findings, using: map, planFile: outcome.path)
        outcome.findings = findings
        outcome.warnings += map.warnings
        if !unmapped.isEmpty {
            let shown = unmapped.prefix(3).map { "\($0) (\(map.whyNotFound($0)))" }.joined(separator: "; ")
            let more = unmapped.count > 3 ? " and \(unmapped.count - 3) more" : ""
            outcome.remarks.append("findings on these resources are shown on the plan's lines, their .tf block was not found: \(shown)\(more)")
        }
        return map.ignoreDirectives(for: resources + outcome.findings.map(\.resource))
    }
}
