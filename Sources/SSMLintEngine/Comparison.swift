import Foundation

/// Whether a finding was already in an earlier run's report (`--compare`).
public enum Trend: String, Sendable {
    case new, unchanged
}

/// What changed since an earlier run (`--compare PREVIOUS.json`, a JSON
/// report of that run): each finding is new or unchanged, and the earlier
/// findings no finding matches any more are fixed. Unlike a baseline it does
/// not change the exit status; nightly audits use it to show which
/// repositories got better or worse.
public struct Comparison: Sendable {
    /// How the earlier run is named in summaries ("since nightly-2026-11-29.json").
    public var label: String
    public var previous: [RecordedFinding]
    /// Filled in by `compare`: the earlier findings that are gone.
    public var fixed: [RecordedFinding] = []

    public init(label: String, previous: [RecordedFinding]) {
        self.label = label
        self.previous = previous
    }

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the findings of an ssmlint JSON report (`--format json`).
    public init(report data: Data, file: String, label: String) throws(Invalid) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              (object["tool"] as? [String: Any])?["name"] as? String == "ssmlint",
              let findings = object["findings"] as? [[String: Any]] else {
            throw Invalid(description: "\(file): not an ssmlint JSON report (write one with --format json)")
        }
        var previous: [RecordedFinding] = []
        for item in findings where item["unresolved"] as? Bool != true {
            guard let fingerprint = item["fingerprint"] as? String else {
                throw Invalid(description: "\(file): a finding of the report has no fingerprint")
            }
            previous.append(RecordedFinding(fingerprint: fingerprint, rule: item["ruleId"] as? String ?? "",
                                            file: item["file"] as? String ?? "", resource: item["resource"] as? String ?? "",
                                            message: item["message"] as? String ?? ""))
        }
        self.init(label: label, previous: previous)
    }

    /// Marks the run's findings and records which earlier findings are fixed.
    public mutating func compare(_ run: inout ScanRun) {
        fixed = RecordedFinding.match(previous, in: &run) { finding, matched in finding.trend = matched ? .unchanged : .new }
    }
}
