import SSMLintEngine

/// Output formats, as named by `--format`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case console, sarif, junit, json
}

/// Renders a whole scan run. Reporters see the run (rules, inputs, failures,
/// findings), never just a list of findings.
public protocol Reporter {
    func render(_ run: ScanRun) throws -> String
}

public struct ReporterFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

public enum Reporters {
    public static func make(_ format: ReportFormat, color: Bool, root: String) -> any Reporter {
        switch format {
        case .console: return ConsoleReporter(color: color)
        case .sarif: return SARIFReporter(rootDirectory: root)
        case .junit: return JUnitReporter()
        case .json: return JSONReporter()
        }
    }
}
