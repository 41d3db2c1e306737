import SSMLintReporters

/// Which report goes where. Each `--format` names a format and, after `=`,
/// the file it is written to; a format without a file writes to standard
/// output. `--output FILE` is the file of the only `--format` given, or,
/// without `--format`, a report in the format its extension names (.sarif,
/// .xml, .json, .md, .txt).
struct OutputPlan: Equatable {
    struct Target: Equatable {
        var format: ReportFormat
        /// nil: standard output.
        var path: String?
    }

    var targets: [Target]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(targets formats: [ReportTarget], output: [String]) throws(Failure) {
        var targets = formats.map { Target(format: $0.format, path: $0.path) }
        if output.count > 1 {
            throw Failure(description: "--output may be given once; with several reports write --format sarif=FILE --format junit=FILE")
        }
        if let path = output.first {
            switch targets.count {
            case 0:
                guard let format = Self.inferFormat(path) else {
                    throw Failure(description: "--output \(path): its extension names no format; add --format \(ReportFormat.allCases.map(\.rawValue).joined(separator: "|"))")
                }
                targets = [Target(format: format, path: path)]
            case 1 where targets[0].path == nil:
                targets[0].path = path
            case 1:
                throw Failure(description: "--format \(targets[0].format.rawValue)=\(targets[0].path!) already names its file; drop --output \(path)")
            default:
                throw Failure(description: "--output is ambiguous with several --format options; name each file as --format FORMAT=FILE")
            }
        }
        if targets.isEmpty { targets = [Target(format: .console, path: nil)] }
        if targets.filter({ $0.path == nil }).count > 1 {
            throw Failure(description: "only one --format can write to standard output; give the others a file (--format FORMAT=FILE)")
        }
        // Whether the files can be written, and are distinct files, is
        // judged with the inputs in hand (OutputPathPolicy).
        self.targets = targets
    }

    static func inferFormat(_ path: String) -> ReportFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".sarif") || lower.hasSuffix(".sarif.json") { return .sarif }
        if lower.hasSuffix(".xml") { return .junit }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".txt") || lower.hasSuffix(".log") { return .console }
        if lower.hasSuffix(".md") { return .markdown }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        return nil
    }
}
