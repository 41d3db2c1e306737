import SSMLintEngine

/// ssmlint's own JSON report: one object with the tool, a summary, every
/// input's status and every finding with its location and fingerprint.
public struct JSONReporter: JSONDocumentReporter {
    public init() {}

    public func document(_ run: ScanRun) throws -> JSONValue {
        let tally = Self.tally(run)
        let slugs = Dictionary(run.rules.map { ($0.id, $0.slug) }, uniquingKeysWith: { a, _ in a })
        let positions = run.inputs.indices.flatMap { input in run.inputs[input].findings.indices.map { (input: input, finding: $0) } }
        let document: JSONValue = .object([
            ("tool", .object([("name", .string(run.tool.name)), ("version", .string(run.tool.version))])),
            ("summary", .object([
                ("inputs", .int(run.inputs.count)),
                ("failedInputs", .int(run.inputs.filter { $0.failure != nil }.count)),
                ("rules", .int(run.rules.count)),
                ("errors", .int(tally.errors)), ("warnings", .int(tally.warnings)), ("notes", .int(tally.notes)),
                ("suppressed", .int(tally.suppressed)),
                ("skippedFiles", .int(run.skipped.count)),
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
                if !input.warnings.isEmpty {
                    members.append(("warnings", .array(input.warnings.map { warning in
                        .object([("message", .string(warning.message)), ("line", warning.position.map { .int($0.line) } ?? .null),
                                 ("column", warning.position.map { .int($0.column) } ?? .null)])
                    })))
                }
                if !input.toolErrors.isEmpty { members.append(("toolErrors", .array(input.toolErrors.map { .string($0) }))) }
                members.append(("evaluations", .int(input.evaluations.count)))
                return .object(members)
            })),
            ("findings", .writtenArray(count: positions.count) { index, json in
                // Read in place: a copy of the input's outcome per finding
                // updated the reference counts its arrays share on every core.
                let position = positions[index]
                let finding = run.inputs[position.input].findings[position.finding]
                Self.write(finding, slug: slugs[finding.ruleID] ?? "", in: run.inputs[position.input], to: &json)
            }),
            ("skipped", .array(run.skipped.map { .object([("path", .string($0.path)), ("reason", .string($0.reason))]) })),
        ] + comparisons(run))
        return document
    }

    /// Findings per level and how many are suppressed, in one pass that reads
    /// the two fields in place: `countFindings` hands its predicate a copy of
    /// each whole finding (a dozen reference counts), four times over.
    private static func tally(_ run: ScanRun) -> (errors: Int, warnings: Int, notes: Int, suppressed: Int) {
        var tally = (errors: 0, warnings: 0, notes: 0, suppressed: 0)
        for input in run.inputs.indices {
            run.inputs[input].findings.withUnsafeBufferPointer { findings in
                for index in findings.indices {
                    switch findings[index].level {
                    case .error: tally.errors += 1
                    case .warning: tally.warnings += 1
                    case .note: tally.notes += 1
                    }
                    if findings[index].suppression != nil { tally.suppressed += 1 }
                }
            }
        }
        return tally
    }

    private func comparisons(_ run: ScanRun) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if let absent = run.baselineAbsent { members.append(("baselineAbsent", .array(absent.map(Self.record)))) }
        if let comparison = run.comparison {
            members.append(("comparison", .object([
                ("with", .string(comparison.label)),
                ("new", .int(run.countFindings { $0.trend == .new })),
                ("fixed", .array(comparison.fixed.map(Self.record))),
            ])))
        }
        return members
    }

    private static func record(_ record: RecordedFinding) -> JSONValue {
        .object([("ruleId", .string(record.rule)), ("file", .string(record.file)), ("resource", .string(record.resource)),
                 ("message", .string(record.message)), ("fingerprint", .string(record.fingerprint))])
    }

    private static func suppression(_ suppression: Suppression) -> JSONValue {
        .object([("kind", .string(suppression.kind.rawValue)), ("reason", .string(suppression.reason)),
                 ("expires", suppression.expires.map { .string($0.description) } ?? .null), ("origin", .string(suppression.origin))])
    }

    /// One finding, written as text (a large report has thousands).
    private static func write(_ finding: Finding, slug: String, in input: InputOutcome, to json: inout JSONWriter) {
        json.object { json in
            json.member("ruleId", finding.ruleID)
            json.member("slug", slug)
            json.member("level", finding.level.rawValue)
            json.member("message", finding.message)
            json.member("fix", finding.fix)
            json.member("file", input.path)
            json.member("resource", finding.resource.rawValue)
            json.member("location") { write(finding.location, in: input, to: &$0) }
            json.member("related") { json in
                json.array { json in
                    for related in finding.related {
                        json.element { json in
                            json.object { json in
                                json.member("resource", related.resource.rawValue)
                                json.member("message", related.message)
                                json.member("location") { write(related.location, in: input, to: &$0) }
                            }
                        }
                    }
                }
            }
            json.member("unresolved", finding.isUnresolved)
            json.member("fingerprint", finding.fingerprint(path: input.path))
            json.member("suppression", finding.suppression.map(suppression) ?? .null)
            json.member("expiredSuppression", finding.expiredSuppression.map(suppression) ?? .null)
            json.member("baselineState", finding.baselineState?.rawValue)
            json.member("trend", finding.trend?.rawValue)
        }
    }

    private static func write(_ location: SourceLocation, in input: InputOutcome, to json: inout JSONWriter) {
        json.object { json in
            json.member("file", location.file(in: input))
            json.member("startLine", location.range.start.line)
            json.member("startColumn", location.range.start.column)
            json.member("endLine", location.range.end.line)
            json.member("endColumn", location.range.end.column)
            json.member("path", location.logicalPath)
        }
    }
}
