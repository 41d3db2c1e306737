import SSMLintEngine

/// SARIF 2.1.0 for GitHub code scanning: one run, every
/// evaluated rule in `tool.driver.rules`, logical locations named by the
/// resource's logical ID or address, stable partial fingerprints, input
/// failures as tool execution notifications.
///
/// Suppressed findings are left out unless `sarifIncludeSuppressed` is set:
/// GitHub code scanning does not honour SARIF `suppressions` by default, so an
/// uploaded suppressed result would become an open alert.
public struct SARIFReporter: Reporter {
    public var settings: ReportSettings
    /// Absolute path of the directory report URIs are relative to (%SRCROOT%).
    public var rootDirectory: String { settings.root }

    public init(settings: ReportSettings) {
        self.settings = settings
    }

    public init(rootDirectory: String) {
        self.init(settings: ReportSettings(root: rootDirectory))
    }

    public func render(_ run: ScanRun) throws -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: run.rules.enumerated().map { ($0.element.id, $0.offset) })
        let artifactIndex = Dictionary(run.inputs.enumerated().map { ($0.element.path, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var results: [JSONValue] = []
        for input in run.inputs {
            for finding in input.findings where finding.suppression == nil || settings.sarifIncludeSuppressed {
                results.append(result(finding, input: input, ruleIndex: ruleIndex[finding.ruleID], artifactIndex: artifactIndex[input.path]))
            }
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
                var location: [(String, JSONValue)] = [("artifactLocation", artifactLocation(input.path, index: artifactIndex[input.path]))]
                if let position = warning.position {
                    location.append(("region", .object([("startLine", .int(position.line)), ("startColumn", .int(position.column))])))
                }
                notifications.append(.object([
                    ("level", "warning"),
                    ("message", .object([("text", .string("\(input.path): \(warning.message)"))])),
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
        let root = rootDirectory.hasSuffix("/") ? rootDirectory : rootDirectory + "/"
        let sarif: JSONValue = .object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
            ("version", "2.1.0"),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string(run.tool.name)),
                    ("version", .string(run.tool.version)),
                    ("semanticVersion", .string(run.tool.version)),
                    ("informationUri", .string(run.tool.informationURI)),
                    ("rules", .array(run.rules.map(descriptor))),
                ]))])),
                ("invocations", .array([.object([
                    ("executionSuccessful", .bool(failures.isEmpty && run.inputs.allSatisfy { $0.toolErrors.isEmpty })),
                    ("toolExecutionNotifications", .array(notifications)),
                ])])),
                ("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string("file://" + URIPath.encode(root)))]))])),
                ("artifacts", .array(run.inputs.map { input in
                    .object([("location", .object([("uri", .string(URIPath.encode(input.path))), ("uriBaseId", "%SRCROOT%")]))])
                })),
                ("columnKind", "unicodeCodePoints"),
                ("results", .array(results)),
            ] + runProperties(run))])),
        ])
        return sarif.serialized()
    }

    private func descriptor(_ rule: RuleDefinition) -> JSONValue {
        var tags = rule.tags
        if !tags.contains("security") { tags.insert("security", at: 0) }
        let description = trimmed(rule.description), remediation = trimmed(rule.remediation)
        var text = remediation.isEmpty ? description : remediation
        var markdown = description
        if !remediation.isEmpty { markdown += "\n\n**Remediation.** \(remediation)" }
        if !rule.links.isEmpty {
            text += "\n\nDocumentation:\n" + rule.links.map { "- \($0.title): \($0.url)" }.joined(separator: "\n")
            markdown += "\n\n**Documentation.**\n\n" + rule.links.map { "- \($0.markdown)" }.joined(separator: "\n")
        }
        if !rule.helpURI.isEmpty { markdown += "\n\n[\(rule.id) documentation](\(rule.helpURI))" }
        var members: [(String, JSONValue)] = [
            ("id", .string(rule.id)),
            ("name", .string(rule.slug)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(description))])),
            ("help", .object([("text", .string(text)), ("markdown", .string(markdown))])),
        ]
        if let helpURI = rule.helpLink { members.append(("helpUri", .string(helpURI))) }
        members.append(("defaultConfiguration", .object([("level", .string(rule.severity.rawValue))])))
        members.append(("properties", .object([
            ("tags", .array(tags.map { .string($0) })),
            ("security-severity", .string(rule.securitySeverity)),
            ("precision", "high"),
            ("problem.severity", .string(rule.severity == .note ? "recommendation" : rule.severity.rawValue)),
        ])))
        return .object(members)
    }

    /// The baseline findings that are gone have no location left to point at, so
    /// they are listed in the run's properties rather than as results.
    private func runProperties(_ run: ScanRun) -> [(String, JSONValue)] {
        guard let absent = run.baselineAbsent else { return [] }
        return [("properties", .object([
            ("ssmlint/baselineAbsent", .array(absent.map { entry in
                .object([("ruleId", .string(entry.rule)), ("file", .string(entry.file)), ("resource", .string(entry.resource)),
                         ("fingerprint", .string(entry.fingerprint)), ("baselineState", "absent")])
            })),
        ]))]
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

    private func trimmed(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }

    private func result(_ finding: Finding, input: InputOutcome, ruleIndex: Int?, artifactIndex: Int?) -> JSONValue {
        let fingerprint = finding.fingerprint(path: input.path)
        var members: [(String, JSONValue)] = [("ruleId", .string(finding.ruleID))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        members.append(("level", .string(finding.level.rawValue)))
        var message = finding.message
        if let expired = finding.expiredSuppression {
            message += " (the suppression at \(expired.origin) expired on \(expired.expires.map(\.description) ?? "?"))"
        }
        members.append(("message", .object([("text", .string(message))])))
        members.append(("locations", .array([location(finding.location, resource: finding.resource, path: input.path, artifactIndex: artifactIndex)])))
        if !finding.related.isEmpty {
            members.append(("relatedLocations", .array(finding.related.enumerated().map { index, related in
                var value = location(related.location, resource: related.resource, path: input.path, artifactIndex: artifactIndex)
                if case .object(var fields) = value {
                    fields.insert(("id", .int(index + 1)), at: 0)
                    fields.append(("message", .object([("text", .string(related.message))])))
                    value = .object(fields)
                }
                return value
            })))
        }
        members.append(("partialFingerprints", .object([
            ("primaryLocationLineHash", .string(fingerprint)),
            ("ssmlint/v1", .string(fingerprint)),
        ])))
        members += suppressions(finding)
        if let state = finding.baselineState { members.append(("baselineState", .string(state.rawValue))) }
        var properties: [(String, JSONValue)] = []
        if let fix = finding.fix { properties.append(("fix", .string(fix))) }
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
