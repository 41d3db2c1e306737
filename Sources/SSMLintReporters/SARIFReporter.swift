import SSMLintEngine

/// SARIF 2.1.0 for GitHub code scanning: one run, every
/// evaluated rule in `tool.driver.rules`, logical locations named by the
/// resource's logical ID or address, ssmlint's own fingerprint under
/// `partialFingerprints["ssmlint/v1"]` (GitHub computes
/// `primaryLocationLineHash` itself), input failures as tool execution
/// notifications.
///
/// Suppressed findings are left out unless `sarifIncludeSuppressed` is set:
/// GitHub code scanning does not honour SARIF `suppressions` by default, so an
/// uploaded suppressed result would become an open alert.
///
/// GitHub shows a security rule's `security-severity` from its descriptor,
/// whatever the result's level, so each result points at a descriptor whose
/// level and score agree with it:
/// - `SSM002` for findings at the rule's (possibly configured) level, with
///   the rule's score capped by that level (see `SecuritySeverity`);
/// - `SSM002/warning` for findings a severity variant reports at another level;
/// - `SSM006/unresolved` for `--show-unresolved` notes: level note and no
///   security severity at all, so GitHub lists them as notes, never as
///   security alerts.
///
/// Artifact URIs are relative to `%SRCROOT%` (the report root, by default the
/// repository root, which is where GitHub resolves relative URIs), and the
/// log holds no absolute path of the machine: `originalUriBaseIds` only
/// describes `%SRCROOT%`.
public struct SARIFReporter: JSONDocumentReporter, Sendable {
    public var settings: ReportSettings

    public init(settings: ReportSettings) {
        self.settings = settings
    }

    /// `rootDirectory` is the directory the input paths are relative to; it is
    /// never written into the log.
    public init(rootDirectory: String) {
        self.init(settings: ReportSettings(root: rootDirectory))
    }

    /// The descriptors of one run: one per rule, then the level variants and
    /// unresolved descriptors the results need, in order of first use.
    private struct Descriptors {
        var entries: [JSONValue] = []
        var index: [String: Int] = [:]
        let definitions: [String: RuleDefinition]

        init(rules: [RuleDefinition]) {
            definitions = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for rule in rules where index[rule.id] == nil {
                index[rule.id] = entries.count
                entries.append(SARIFReporter.descriptor(rule, level: rule.severity, unresolved: false))
            }
        }

        /// The descriptor id and index a finding's result refers to.
        mutating func reference(for finding: Finding) -> (id: String, index: Int?) {
            guard let rule = definitions[finding.ruleID] else { return (finding.ruleID, nil) }
            let id = SARIFReporter.descriptorID(rule, level: finding.level, unresolved: finding.isUnresolved)
            if let existing = index[id] { return (id, existing) }
            index[id] = entries.count
            entries.append(SARIFReporter.descriptor(rule, level: finding.level, unresolved: finding.isUnresolved))
            return (id, entries.count - 1)
        }
    }

    public func document(_ run: ScanRun) throws -> JSONValue {
        var descriptors = Descriptors(rules: run.rules)
        let artifacts = artifactPaths(run)
        let artifactIndex = Dictionary(artifacts.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        // Rule references first (descriptors are numbered in order of first
        // use); the results themselves are made as the report is written.
        var entries: [(input: Int, finding: Int, rule: (id: String, index: Int?))] = []
        for (inputIndex, input) in run.inputs.enumerated() {
            for (findingIndex, finding) in input.findings.enumerated() where finding.suppression == nil || settings.sarifIncludeSuppressed {
                entries.append((inputIndex, findingIndex, descriptors.reference(for: finding)))
            }
        }
        let results = JSONValue.lazyArray(count: entries.count) { [self, entries] index in
            let entry = entries[index]
            let input = run.inputs[entry.input]
            return result(input.findings[entry.finding], input: input, rule: entry.rule, artifactIndex: artifactIndex)
        }
        let failures = run.inputs.filter { $0.failure != nil }
        var notifications: [JSONValue] = failures.map { input in
            let failure = input.failure!
            var location: [(String, JSONValue)] = [("artifactLocation", artifactLocation(input.path, index: artifactIndex[input.path]))]
            if let position = failure.position {
                location.append(("region", .object([("startLine", .int(position.line)), ("startColumn", .int(position.column))])))
            }
            return .object([
                ("level", "error"),
                ("message", .object([("text", .string("\(input.path): \(failure.message)"))])),
                ("locations", .array([.object([("physicalLocation", .object(location))])])),
            ])
        }
        for input in run.inputs {
            for error in input.toolErrors {
                notifications.append(.object([
                    ("level", "error"),
                    ("message", .object([("text", .string("\(input.path): \(error)"))])),
                ]))
            }
            for warning in input.warnings {
                let file = warning.file ?? input.path
                var location: [(String, JSONValue)] = [("artifactLocation", artifactLocation(file, index: artifactIndex[file]))]
                if let position = warning.position {
                    location.append(("region", .object([("startLine", .int(position.line)), ("startColumn", .int(position.column))])))
                }
                notifications.append(.object([
                    ("level", "warning"),
                    ("message", .object([("text", .string("\(file): \(warning.message)"))])),
                    ("locations", .array([.object([("physicalLocation", .object(location))])])),
                ]))
            }
            for remark in input.remarks {
                notifications.append(.object([
                    ("level", "note"),
                    ("message", .object([("text", .string("\(input.path): \(remark)"))])),
                    ("locations", .array([.object([("physicalLocation", .object([
                        ("artifactLocation", artifactLocation(input.path, index: artifactIndex[input.path])),
                    ]))])])),
                ]))
            }
        }
        var automation: [(String, JSONValue)] = []
        if let category = settings.sarifCategory {
            // GitHub takes the category from the part of the id before its last
            // "/" (the rest names the run), so the id ends with one, as
            // upload-sarif's own category input does.
            automation = [("automationDetails", .object([("id", .string(category.hasSuffix("/") ? category : category + "/"))]))]
        }
        let sarif: JSONValue = .object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
            ("version", "2.1.0"),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string(run.tool.name)),
                    ("version", .string(run.tool.version)),
                    ("semanticVersion", .string(run.tool.version)),
                    ("informationUri", .string(run.tool.informationURI)),
                    ("rules", .array(descriptors.entries)),
                ]))])),
                ("invocations", .array([.object([
                    ("executionSuccessful", .bool(failures.isEmpty && run.inputs.allSatisfy { $0.toolErrors.isEmpty })),
                    ("toolExecutionNotifications", .array(notifications)),
                ])])),
                ("originalUriBaseIds", .object([("%SRCROOT%", .object([
                    ("description", .object([("text", "The directory the scan's paths are relative to: the repository root unless ssmlint ran with --root.")])),
                ]))])),
                ("artifacts", .array(artifacts.map { path in
                    .object([("location", .object([("uri", .string(URIPath.encode(path))), ("uriBaseId", "%SRCROOT%")]))])
                })),
                ("columnKind", "unicodeCodePoints"),
                ("results", results),
            ] + automation + runProperties(run))])),
        ])
        return sarif
    }

    /// The inputs, then every other file a reported location is in (a Terraform
    /// plan's `.tf` files), each once.
    private func artifactPaths(_ run: ScanRun) -> [String] {
        var paths = run.inputs.map(\.path)
        var seen = Set(paths)
        for input in run.inputs {
            for warning in input.warnings {
                if let file = warning.file, seen.insert(file).inserted { paths.append(file) }
            }
            for finding in input.findings where finding.suppression == nil || settings.sarifIncludeSuppressed {
                for location in [finding.location] + finding.related.map(\.location) {
                    let file = location.file(in: input)
                    if seen.insert(file).inserted { paths.append(file) }
                }
            }
        }
        return paths
    }

    /// `SSM006` at the rule's level, `SSM002/warning` at another, `SSM006/unresolved` for undecided notes.
    fileprivate static func descriptorID(_ rule: RuleDefinition, level: Severity, unresolved: Bool) -> String {
        unresolved ? "\(rule.id)/unresolved" : level != rule.severity ? "\(rule.id)/\(level.rawValue)" : rule.id
    }

    fileprivate static func descriptor(_ rule: RuleDefinition, level: Severity, unresolved: Bool) -> JSONValue {
        let description = trimmed(rule.description), remediation = trimmed(rule.remediation)
        var shortDescription = rule.summary, fullDescription = description
        var text = remediation.isEmpty ? description : remediation
        var markdown = description
        if !remediation.isEmpty { markdown += "\n\n**Remediation.** \(remediation)" }
        if unresolved {
            shortDescription = "\(rule.summary): could not be decided"
            let why = "ssmlint lists these notes with --show-unresolved. The check stayed silent because a value it depends on "
                + "is unknown when the input is scanned: a parameter without a default or a value given at deployment, an "
                + "import from another stack, a value Terraform knows only after apply. This is not a finding."
            let fix = "Give the value to the scan (--parameter NAME=VALUE, --region, a configuration file), or leave the note: "
                + "it does not fail the scan."
            fullDescription = why + "\n\n" + description
            text = why + "\n\n" + fix
            markdown = why + "\n\n" + fix + "\n\n**The rule.** " + description
        } else if level != rule.severity {
            shortDescription = "\(rule.summary) (\(level.rawValue))"
            fullDescription = description + "\n\nThis variant of the rule is reported as a \(level.rawValue)."
        }
        if !rule.links.isEmpty {
            text += "\n\nDocumentation:\n" + rule.links.map { "- \($0.title): \($0.url)" }.joined(separator: "\n")
            markdown += "\n\n**Documentation.**\n\n" + rule.links.map { "- \($0.markdown)" }.joined(separator: "\n")
        }
        if !rule.helpURI.isEmpty { markdown += "\n\n[\(rule.id) documentation](\(rule.helpURI))" }
        let id = descriptorID(rule, level: level, unresolved: unresolved)
        var members: [(String, JSONValue)] = [
            ("id", .string(id)),
            ("name", .string(rule.slug + id.dropFirst(rule.id.count))),
            ("shortDescription", .object([("text", .string(shortDescription))])),
            ("fullDescription", .object([("text", .string(fullDescription))])),
            ("help", .object([("text", .string(text)), ("markdown", .string(markdown))])),
        ]
        if let helpURI = rule.helpLink { members.append(("helpUri", .string(helpURI))) }
        members.append(("defaultConfiguration", .object([("level", .string(level.rawValue))])))
        var properties: [(String, JSONValue)]
        if unresolved {
            // No "security" tag and no security-severity: GitHub lists the note as a note.
            let tags = rule.tags.filter { $0 != "security" } + ["unresolved"]
            properties = [("tags", .array(tags.map { .string($0) })), ("precision", "low")]
        } else {
            var tags = rule.tags
            if !tags.contains("security") { tags.insert("security", at: 0) }
            properties = [
                ("tags", .array(tags.map { .string($0) })),
                ("security-severity", .string(SecuritySeverity.score(rule, level: level))),
                ("precision", "high"),
            ]
        }
        properties.append(("problem.severity", .string(level == .note ? "recommendation" : level.rawValue)))
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    /// The baseline findings that are gone have no location left to point at, so
    /// they are listed in the run's properties rather than as results.
    private func runProperties(_ run: ScanRun) -> [(String, JSONValue)] {
        func records(_ entries: [RecordedFinding], state: String) -> JSONValue {
            .array(entries.map { entry in
                .object([("ruleId", .string(entry.rule)), ("file", .string(entry.file)), ("resource", .string(entry.resource)),
                         ("fingerprint", .string(entry.fingerprint)), (state == "absent" ? "baselineState" : "trend", .string(state))])
            })
        }
        var properties: [(String, JSONValue)] = []
        if let absent = run.baselineAbsent { properties.append(("ssmlint/baselineAbsent", records(absent, state: "absent"))) }
        if let comparison = run.comparison {
            properties.append(("ssmlint/comparedWith", .string(comparison.label)))
            properties.append(("ssmlint/fixed", records(comparison.fixed, state: "fixed")))
        }
        return properties.isEmpty ? [] : [("properties", .object(properties))]
    }

    private func suppressions(_ finding: Finding) -> [(String, JSONValue)] {
        guard let suppression = finding.suppression else { return [] }
        var text = suppression.reason
        if let expires = suppression.expires { text += " (until \(expires))" }
        return [("suppressions", .array([.object([
            ("kind", .string(suppression.kind.rawValue)),
            ("status", "accepted"),
            ("justification", .string(text)),
            ("properties", .object([("origin", .string(suppression.origin))])),
        ])]))]
    }

    private static func trimmed(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }

    private func result(_ finding: Finding, input: InputOutcome, rule: (id: String, index: Int?), artifactIndex: [String: Int]) -> JSONValue {
        let fingerprint = finding.fingerprint(path: input.path)
        var members: [(String, JSONValue)] = [("ruleId", .string(rule.id))]
        if let index = rule.index { members.append(("ruleIndex", .int(index))) }
        members.append(("level", .string(finding.level.rawValue)))
        var message = finding.message
        if let expired = finding.expiredSuppression {
            message += " (the suppression at \(expired.origin) expired on \(expired.expires.map(\.description) ?? "?"))"
        }
        members.append(("message", .object([("text", .string(message))])))
        func located(_ location: SourceLocation, _ resource: ResourceID) -> JSONValue {
            let file = location.file(in: input)
            return self.location(location, resource: resource, path: file, artifactIndex: artifactIndex[file])
        }
        members.append(("locations", .array([located(finding.location, finding.resource)])))
        if !finding.related.isEmpty {
            members.append(("relatedLocations", .array(finding.related.enumerated().map { index, related in
                var value = located(related.location, related.resource)
                if case .object(var fields) = value {
                    fields.insert(("id", .int(index + 1)), at: 0)
                    fields.append(("message", .object([("text", .string(related.message))])))
                    value = .object(fields)
                }
                return value
            })))
        }
        members.append(("partialFingerprints", .object([("ssmlint/v1", .string(fingerprint))])))
        members += suppressions(finding)
        if let state = finding.baselineState { members.append(("baselineState", .string(state.rawValue))) }
        var properties: [(String, JSONValue)] = []
        if let fix = finding.fix { properties.append(("fix", .string(fix))) }
        if let trend = finding.trend { properties.append(("ssmlint/trend", .string(trend.rawValue))) }
        if finding.isUnresolved { properties.append(("resolution", "unresolved")) }
        if !properties.isEmpty { members.append(("properties", .object(properties))) }
        return .object(members)
    }

    private func location(_ location: SourceLocation, resource: ResourceID, path: String, artifactIndex: Int?) -> JSONValue {
        let range = location.range
        let end = range.end >= range.start ? range.end : range.start
        return .object([
            ("physicalLocation", .object([
                ("artifactLocation", artifactLocation(path, index: artifactIndex)),
                ("region", .object([
                    ("startLine", .int(range.start.line)), ("startColumn", .int(range.start.column)),
                    ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
                ])),
            ])),
            ("logicalLocations", .array([.object([
                ("fullyQualifiedName", .string(resource.rawValue)),
                ("kind", "resource"),
            ])])),
        ])
    }

    private func artifactLocation(_ path: String, index: Int?) -> JSONValue {
        var members: [(String, JSONValue)] = [("uri", .string(URIPath.encode(path))), ("uriBaseId", "%SRCROOT%")]
        if let index { members.append(("index", .int(index))) }
        return .object(members)
    }
}
