import SSMLintReporters

/// Which report goes where. `--format` may be given several times, each
/// followed by its own `--output`; a format without an output writes to
/// stdout. The pairing follows the order on the command line, which
/// ArgumentParser does not keep, so it is read from the raw arguments.
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

    static func parse(_ arguments: [String]) throws(Failure) -> OutputPlan {
        var targets: [Target] = []
        var pendingOutputs: [String] = []
        var index = 0
        func value(_ name: String, _ argument: String) throws(Failure) -> String {
            if let equals = argument.firstIndex(of: "=") { return String(argument[argument.index(after: equals)...]) }
            index += 1
            guard index < arguments.count else { throw Failure(description: "\(name) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--format" || argument.hasPrefix("--format=") || argument == "-f" {
                let name = try value("--format", argument)
                guard let format = ReportFormat(rawValue: name.lowercased()) else {
                    throw Failure(description: "unknown format '\(name)'; expected one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                targets.append(Target(format: format, path: nil))
            } else if argument == "--output" || argument.hasPrefix("--output=") || argument == "-o" {
                let path = try value("--output", argument)
                if let last = targets.indices.last, targets[last].path == nil {
                    targets[last].path = path
                } else {
                    pendingOutputs.append(path)
                }
            }
            index += 1
        }
        for path in pendingOutputs {
            guard let format = inferFormat(path) else {
                throw Failure(description: "--output \(path) does not follow a --format, and its extension names no format; write --format sarif|junit|json|console before it")
            }
            targets.append(Target(format: format, path: path))
        }
        if targets.isEmpty { targets = [Target(format: .console, path: nil)] }
        if targets.filter({ $0.path == nil }).count > 1 {
            throw Failure(description: "only one --format can write to standard output; give the others an --output FILE")
        }
        return OutputPlan(targets: targets)
    }

    static func inferFormat(_ path: String) -> ReportFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".sarif") || lower.hasSuffix(".sarif.json") { return .sarif }
        if lower.hasSuffix(".xml") { return .junit }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".txt") || lower.hasSuffix(".log") { return .console }
        return nil
    }
}
