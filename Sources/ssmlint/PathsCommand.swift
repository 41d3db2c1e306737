import ArgumentParser
import Foundation
import SSMLintEngine
import SSMLintLoaders
import SSMLintReporters

/// Prints what the reachability analysis concluded for every compute target:
/// its permissions, its way out, and its path to each Session Manager service.
/// The rules' findings are conclusions drawn from exactly these facts.
struct PathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "Show each instance's path to ssm, ssmmessages and ec2messages, and every way in (Session Manager, EC2 Instance Connect Endpoint), and why.")

    @Argument(help: ArgumentHelp("CloudFormation templates, Terraform plans or directories; - for standard input. Templates that import from or nest each other (a CDK assembly too) are linked as scan links them.", valueName: "file"))
    var files: [String]

    @OptionGroup(title: "Model") var analysis: AnalysisOptions

    @Flag(name: .customLong("no-color"), help: "Never colour output (paths prints plain text; accepted for symmetry with scan).")
    var noColor = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Missing expected argument '<file> ...'") }
    }

    func run() throws {
        var status = stat()
        let file = files[0]
        if files.count > 1 || (file != "-" && stat(file, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR) {
            return try describeLinked()
        }
        var raw = RawArguments()
        let read = file == "-" ? InputReader.readStandardInput(limit: .default)
            : InputReader.read(path: raw.bytes(of: file), origin: .named, limit: .default)
        let bytes: [UInt8]
        switch read {
        case .success(let contents): bytes = contents
        case .failure(let failure):
            FileHandle.standardError.write(Data((ReportText.oneLine("\(file): error: \(failure.message)") + "\n").utf8))
            throw ExitCode(ExitStatus.inputError.rawValue)
        }
        switch InputLoader.load(bytes: bytes, file: file, options: try analysis.loadOptions()) {
        case .failure(let error):
            FileHandle.standardError.write(Data("\(ReportText.oneLine(error.description))\n".utf8))
            throw ExitCode(ExitStatus.inputError.rawValue)
        case .success(let loaded):
            print(Self.describe(NetworkAnalysis(model: loaded.model, options: analysis.networkOptions)), terminator: "")
        }
    }

    /// Several inputs or a directory: each model scan would analyse (linked
    /// templates as one), under a line naming its inputs.
    private func describeLinked() throws {
        let root = FileManager.default.currentDirectoryPath
        let inputs = InputCollector(root: root).collect(files)
        let options = try analysis.loadOptions()
        let pipeline = ScanPipeline(engine: Engine(rules: []), options: { _ in options }, analysis: analysis.networkOptions,
                                    suppressions: SuppressionPolicy(rules: []), rootDirectory: root)
        let stdin = files.contains("-") ? InputReader.readStandardInput(limit: .default) : nil
        let units = pipeline.models(inputs, stdin: stdin)
        var failed = false
        for unit in units {
            if let failure = unit.failure {
                FileHandle.standardError.write(Data((ReportText.oneLine(failure) + "\n").utf8))
                failed = true
            }
            guard let model = unit.model else { continue }
            print(ReportText.oneLine("== \(unit.paths.joined(separator: " + ")) =="))
            print(Self.describe(NetworkAnalysis(model: model, options: analysis.networkOptions)), terminator: "")
        }
        if units.isEmpty {
            FileHandle.standardError.write(Data((ReportText.oneLine("ssmlint: error: no CloudFormation template or Terraform plan in \(files.joined(separator: ", "))") + "\n").utf8))
        }
        if failed || units.isEmpty { throw ExitCode(ExitStatus.inputError.rawValue) }
    }

    /// One line per fact; names and reasons from the input are escaped
    /// (`ReportText.oneLine`) so each stays on its line.
    static func describe(_ analysis: NetworkAnalysis) -> String {
        if analysis.targets.isEmpty { return "no compute targets (instances, auto scaling groups, launch templates with a subnet)\n" }
        let safe = ReportText.oneLine
        var text = ""
        let instanceConnect = analysis.instanceConnect()
        for target in analysis.targets {
            text += safe("\(target.displayName)\(target.info.condition.map { " [\(analysis.model.onlyWhen(condition: $0))]" } ?? "")") + "\n"
            text += safe("  subnet:      \(describe(target.subnet)), VPC \(describe(target.vpc)), public IPv4 \(describe(target.publicIPv4))") + "\n"
            var inferred = analysis.model.inferences[target.info.id] ?? []
            if case .known(.declared(let subnet)) = target.subnet { inferred += analysis.model.inferences[subnet] ?? [] }
            for inference in inferred { text += safe("  inferred:    \(inference)") + "\n" }
            switch analysis.permission(of: target) {
            case .granted(let role, let deprecated):
                text += safe("  permissions: granted by role \(role)\(deprecated.map { " (through the deprecated \($0))" } ?? "")") + "\n"
            case .missing(let reason, _): text += safe("  permissions: none: it \(reason) (connectivity rules skip it)") + "\n"
            case .unresolved(let reason): text += safe("  permissions: unresolved: \(reason.reason) (treated as meant for Session Manager)") + "\n"
            }
            text += safe("  way out:     \(describe(analysis.internetAccess(of: target)))") + "\n"
            for service in SSMService.allCases {
                let label = (service.rawValue + ":").padding(toLength: 13, withPad: " ", startingAt: 0)
                text += safe("  \(label)\(describe(analysis.path(of: target, to: service)))") + "\n"
            }
            for method in analysis.accessMethods(of: target, instanceConnect: instanceConnect) {
                let resources = method.resources.isEmpty ? "" : " [\(method.resources.map(\.rawValue).joined(separator: ", "))]"
                text += safe("  access:      \(method.kind.rawValue): \(method.state.rawValue)\(resources): \(method.detail)") + "\n"
            }
            for unresolved in analysis.remoteEndpointsWithoutDNS(of: target).found {
                text += "  not used:    endpoint \(unresolved.endpoint.endpoint.id) (\(unresolved.service.rawValue)) in \(unresolved.endpoint.vpc) is reached through \(describe(unresolved.connection)) (route \(unresolved.route)), but no private hosted zone of the VPC resolves its name\n"
            }
        }
        return text
    }

    private static func describe<T>(_ value: Value<T>) -> String {
        switch value {
        case .known(let known): return "\(known)"
        case .unknown(let reason): return "unknown (\(reason.reason))"
        case .absent: return "not set"
        }
    }

    private static func describe(_ access: InternetAccess) -> String {
        switch access {
        case .internetGateway(let gateway, _): return "internet gateway \(gateway)"
        case .natGateway(let nat, _): return "NAT gateway \(nat)"
        case .none(let reason, _): return "none: \(reason)"
        case .unknown(let reason): return "unknown: \(reason.reason)"
        }
    }

    private static func describe(_ connection: PeeredEndpointPath.Connection) -> String {
        switch connection {
        case .peering(let id): return "peering \(id)"
        case .transitGateway(let id, let from, let to): return "transit gateway \(id), attachments \(from) and \(to)"
        }
    }

    private static func describe(_ path: ServicePath) -> String {
        switch path {
        case .endpoint(let endpoint):
            let how: String
            if case .effective(.hostedZone(let zone)) = endpoint.dns { how = "via private hosted zone \(zone)" } else { how = "via private DNS" }
            return "endpoint \(endpoint.endpoint.id) (\(how))"
        case .peeredEndpoint(let path):
            return "endpoint \(path.endpoint.endpoint.id) in \(path.endpoint.vpc) (via private hosted zone \(path.zone), \(describe(path.connection)); routes \(path.forwardRoutes.map(\.rawValue).joined(separator: ", ")) out, \(path.returnRoutes.map(\.rawValue).joined(separator: ", ")) back)"
        case .internet(let access): return "public endpoint through \(describe(access))"
        case .none(let reason, _): return "no path: \(reason)"
        case .unknown(let reason): return "unknown: \(reason.reason)"
        }
    }
}
