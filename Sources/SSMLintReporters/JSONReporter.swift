import SSMLintEngine

/// ssmlint's own JSON report: one object with the tool, a summary, every
/// input's status and every finding with its location and fingerprint.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ run: ScanRun) throws -> String {
        let findings = run.findings
        func count(_ level: Severity) -> JSONValue { .int(findings.filter { $0.level == level }.count) }
        let slugs = Dictionary(run.rules.map { ($0.id, $0.slug) }, uniquingKeysWith: { a, _ in a })
        let document: JSONValue = .object([
            ("tool", .object([("name", .string(run.tool.name)), ("version", .string(run.tool.version))])),
            ("summary", .object([
                ("inputs", .int(run.inputs.count)),
                ("failedInputs", .int(run.inputs.filter { $0.failure != nil }.count)),
                ("rules", .int(run.rules.count)),
                ("errors", count(.error)), ("warnings", count(.warning)), ("notes", count(.note)),
                ("exitStatus", .int(Int(run.exitStatus.rawValue))),
            ])),
            ("rules", .array(run.rules.map { rule in
                .object([("id", .string(rule.id)), ("slug", .string(rule.slug)), ("name", .string(rule.name)),
                         ("severity", .string(rule.severity.rawValue))])
            })),
            ("inputs", .array(run.inputs.map { input in
                var members: [(String, JSONValue)] = [
                    ("path", .string(input.path)),
                    ("format", input.format.map { .string($0.rawValue) } ?? .null),
                    ("status", input.failure == nil ? "scanned" : "failed"),
                ]
                if let failure = input.failure {
                    members.append(("error", .object([
                        ("message", .string(failure.message)),
                        ("line", failure.position.map { .int($0.line) } ?? .null),
                        ("column", failure.position.map { .int($0.column) } ?? .null),
                    ])))
                }
                members.append(("remarks", .array(input.remarks.map { .string($0) })))
                if !input.toolErrors.isEmpty { members.append(("toolErrors", .array(input.toolErrors.map { .string($0) }))) }
                members.append(("evaluations", .int(input.evaluations.count)))
                return .object(members)
            })),
            ("findings", .array(run.inputs.flatMap { input in
                input.findings.map { finding in
                    .object([
                        ("ruleId", .string(finding.ruleID)),
                        ("slug", .string(slugs[finding.ruleID] ?? "")),
                        ("level", .string(finding.level.rawValue)),
                        ("message", .string(finding.message)),
                        ("fix", finding.fix.map { .string($0) } ?? .null),
                        ("file", .string(input.path)),
                        ("resource", .string(finding.resource.rawValue)),
                        ("location", Self.range(finding.location)),
                        ("related", .array(finding.related.map { related in
                            .object([("resource", .string(related.resource.rawValue)), ("message", .string(related.message)),
                                     ("location", Self.range(related.location))])
                        })),
                        ("unresolved", .bool(finding.isUnresolved)),
                        ("fingerprint", .string(finding.fingerprint(path: input.path))),
                    ])
                }
            })),
        ])
        return document.serialized()
    }

    private static func range(_ location: SourceLocation) -> JSONValue {
        .object([
            ("startLine", .int(location.range.start.line)), ("startColumn", .int(location.range.start.column)),
            ("endLine", .int(location.range.end.line)), ("endColumn", .int(location.range.end.column)),
            ("path", .string(location.logicalPath)),
        ])
    }
}
