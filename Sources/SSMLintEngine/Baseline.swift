import Foundation

/// SARIF's baseline states: a finding the baseline did not have, one it had,
/// and (for the summary) one it had that is gone.
public enum BaselineState: String, Sendable {
    case new, unchanged, absent
}

/// A finding as a baseline or an earlier report records it: enough to match it
/// again (the fingerprint) and to tell users what it was.
public struct RecordedFinding: Sendable, Hashable {
    public var fingerprint: String
    public var rule: String
    public var file: String
    public var resource: String
    public var message: String

    public init(fingerprint: String, rule: String, file: String, resource: String, message: String) {
        self.fingerprint = fingerprint
        self.rule = rule
        self.file = file
        self.resource = resource
        self.message = message
    }

    /// Marks each finding of the run that matches one of `records` (each record
    /// matches once); returns the records no finding matched.
    static func match(_ records: [RecordedFinding], in run: inout ScanRun,
                      mark: (inout Finding, _ matched: Bool) -> Void) -> [RecordedFinding] {
        var remaining: [String: Int] = [:]
        for record in records { remaining[record.fingerprint, default: 0] += 1 }
        for inputIndex in run.inputs.indices {
            let path = run.inputs[inputIndex].path
            for findingIndex in run.inputs[inputIndex].findings.indices where !run.inputs[inputIndex].findings[findingIndex].isUnresolved {
                let fingerprint = run.inputs[inputIndex].findings[findingIndex].fingerprint(path: path)
                let matched = (remaining[fingerprint] ?? 0) > 0
                if matched { remaining[fingerprint]! -= 1 }
                mark(&run.inputs[inputIndex].findings[findingIndex], matched)
            }
        }
        return records.filter { record in
            guard let count = remaining[record.fingerprint], count > 0 else { return false }
            remaining[record.fingerprint] = count - 1
            return true
        }
    }
}

/// The findings a repository accepted when it adopted ssmlint
/// (`--write-baseline FILE`); with `--baseline FILE` only findings that are not
/// in it fail the run. Entries are keyed by fingerprint (rule, input path
/// relative to the report root, resource and the rule's key; never line
/// numbers or absolute paths), so a baseline survives edits that move lines
/// and works on every machine.
public struct Baseline: Sendable {
    public typealias Entry = RecordedFinding

    public static let formatVersion = 1
    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The baseline of a run: every finding that counts today (suppressed and
    /// unresolved ones are not recorded).
    public init(run: ScanRun) {
        var entries: [Entry] = []
        for input in run.inputs {
            for finding in input.findings where finding.suppression == nil && !finding.isUnresolved {
                entries.append(Entry(fingerprint: finding.fingerprint(path: input.path), rule: finding.ruleID, file: input.path,
                                     resource: finding.resource.rawValue, message: finding.message))
            }
        }
        self.entries = entries.sorted { ($0.file, $0.rule, $0.resource, $0.fingerprint) < ($1.file, $1.rule, $1.resource, $1.fingerprint) }
    }

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a baseline file written by `--write-baseline`.
    public init(json data: Data, file: String) throws(Invalid) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Invalid(description: "\(file): not a baseline (expected the JSON object --write-baseline writes)")
        }
        guard object["ssmlintBaseline"] as? Int == Self.formatVersion else {
            throw Invalid(description: "\(file): not an ssmlint baseline of format \(Self.formatVersion) (key ssmlintBaseline)")
        }
        guard let items = object["findings"] as? [[String: Any]] else {
            throw Invalid(description: "\(file): the baseline has no findings list")
        }
        var entries: [Entry] = []
        for (index, item) in items.enumerated() {
            guard let fingerprint = item["fingerprint"] as? String, !fingerprint.isEmpty else {
                throw Invalid(description: "\(file): finding \(index + 1) of the baseline has no fingerprint")
            }
            entries.append(Entry(fingerprint: fingerprint, rule: item["rule"] as? String ?? "", file: item["file"] as? String ?? "",
                                 resource: item["resource"] as? String ?? "", message: item["message"] as? String ?? ""))
        }
        self.entries = entries
    }

    /// The file `--write-baseline` writes: sorted, one finding per entry, no absolute paths.
    public func serialized() -> String {
        JSONValue.object([
            ("ssmlintBaseline", .int(Self.formatVersion)),
            ("findings", .array(entries.map { entry in
                .object([("fingerprint", .string(entry.fingerprint)), ("rule", .string(entry.rule)), ("file", .string(entry.file)),
                         ("resource", .string(entry.resource)), ("message", .string(entry.message))])
            })),
        ]).serialized()
    }

    /// Marks every finding of the run new or unchanged; returns the baseline
    /// entries no finding matches any more (fixed since the baseline).
    public func compare(_ run: inout ScanRun) -> [Entry] {
        RecordedFinding.match(entries, in: &run) { finding, matched in finding.baselineState = matched ? .unchanged : .new }
    }
}
