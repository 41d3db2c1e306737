import ArgumentParser
import Foundation
import SSMLintEngine
import SSMLintLoaders
import SSMLintReporters
import SSMLintRules
import SSMLintScan

/// Per compute target, the checks `ssm-cli get-diagnostics` makes on a running
/// instance, answered from the template or plan before deployment.
struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Show, per instance, the Session Manager checks the agent's own diagnostics make: pass, warn, fail or unknown, and why.",
        discussion: """
            Rows: instance profile permissions, and for each of ssm, ssmmessages and ec2messages \
            name resolution, route and TCP 443 (endpoint and instance security groups, network ACLs). \
            A row fails or warns exactly when a finding of `ssmlint scan` (all built-in rules, \
            no configuration file) concerns it; the finding's rule is named. IMDS settings are not \
            modelled, so there is no row for them.

            Exit status: 0 no row fails; 1 a row fails; 2 an input could not be read or parsed \
            (the others are still diagnosed); 64 usage error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case console, json
    }

    @Argument(help: ArgumentHelp("CloudFormation templates or Terraform plans; - for standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .customLong("instance"), help: ArgumentHelp("Only this compute target (logical ID or Terraform address; repeatable).", valueName: "name"))
    var instances: [String] = []

    @Option(name: [.short, .long], help: "Output format.")
    var format: Format = .console

    @OptionGroup(title: "Model") var analysis: AnalysisOptions

    func validate() throws {
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (standard input) may be given once") }
    }

    func run() throws {
        var raw = RawArguments()
        let loadOptions = try analysis.loadOptions()
        let engine = Engine(rules: BuiltInRules.all)
        var diagnosed: [(file: String, diagnosis: Diagnosis)] = []
        var inputFailed = false
        for file in files {
            let read = file == "-" ? InputReader.readStandardInput(limit: .default)
                : InputReader.read(path: raw.bytes(of: file), origin: .named, limit: .default)
            let bytes: [UInt8]
            switch read {
            case .success(let contents): bytes = contents
            case .failure(let failure):
                Self.error("\(file): error: \(failure.message)")
                inputFailed = true
                continue
            }
            switch InputLoader.load(bytes: bytes, file: file, options: loadOptions) {
            case .failure(let error):
                Self.error(error.description)
                inputFailed = true
            case .success(let loaded):
                let context = RuleContext(model: loaded.model, analysis: analysis.networkOptions)
                diagnosed.append((file, Diagnosis(analysis: context.analysis, findings: engine.run(context).findings)))
            }
        }
        let wanted = Set(instances)
        let selected = diagnosed.map { entry in
            (file: entry.file, targets: entry.diagnosis.targets.filter { wanted.isEmpty || wanted.contains($0.resource.rawValue) })
        }
        let missing = wanted.subtracting(selected.flatMap { $0.targets.map(\.resource.rawValue) })
        for name in missing.sorted() { Self.error("error: no compute target named \(name) in the inputs") }
        switch format {
        case .console: print(Self.table(selected), terminator: "")
        case .json: print(Self.json(selected).serialized(indent: true))
        }
        if inputFailed || !missing.isEmpty { throw ExitCode(ExitStatus.inputError.rawValue) }
        if selected.contains(where: { $0.targets.contains { $0.checks.contains { $0.status == .fail } } }) {
            throw ExitCode(ExitStatus.findings.rawValue)
        }
    }

    private static func error(_ text: String) {
        FileHandle.standardError.write(Data((ReportText.oneLine(text) + "\n").utf8))
    }

    /// One block per target: a row per check with its status and reason.
    /// Text from the input is escaped so each row stays on its line.
    static func table(_ inputs: [(file: String, targets: [Diagnosis.Target])]) -> String {
        let safe = ReportText.oneLine
        var text = ""
        for input in inputs {
            if input.targets.isEmpty { text += safe("\(input.file): no compute targets") + "\n"; continue }
            for target in input.targets {
                text += safe("\(input.file):\(target.location.range.start.line): \(target.displayName)") + "\n"
                let width = target.checks.map(\.name.count).max() ?? 0
                for check in target.checks {
                    let name = check.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    let status = check.status.rawValue.uppercased().padding(toLength: 7, withPad: " ", startingAt: 0)
                    text += safe("  \(name)  \(status) \(check.reason)") + "\n"
                }
            }
        }
        return text
    }

    static func json(_ inputs: [(file: String, targets: [Diagnosis.Target])]) -> JSONValue {
        .object([
            ("inputs", .array(inputs.map { input in
                .object([
                    ("file", .string(input.file)),
                    ("targets", .array(input.targets.map { target in
                        .object([
                            ("resource", .string(target.resource.rawValue)),
                            ("name", .string(target.displayName)),
                            ("line", .int(target.location.range.start.line)),
                            ("checks", .array(target.checks.map { check in
                                .object([
                                    ("check", .string(check.name)),
                                    ("service", check.service.map { .string($0.rawValue) } ?? .null),
                                    ("status", .string(check.status.rawValue)),
                                    ("reason", .string(check.reason)),
                                    ("rules", .array(check.rules.map { .string($0) })),
                                ])
                            })),
                        ])
                    })),
                ])
            })),
        ])
    }
}
