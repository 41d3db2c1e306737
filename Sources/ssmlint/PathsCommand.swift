import ArgumentParser
import Foundation
import SSMLintKit
import SSMLintLoaders

/// Prints what the reachability analysis concluded for every compute target:
/// its permissions, its way out, and its path to each Session Manager service.
/// The rules' findings are conclusions drawn from exactly these facts.
struct PathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "Show each instance's path to ssm, ssmmessages and ec2messages, and why.")

    @Argument(help: ArgumentHelp("A CloudFormation template or Terraform plan; - for standard input.", valueName: "file"))
    var file: String

    @Option(name: .customLong("parameter"), help: ArgumentHelp("Override a CloudFormation parameter (repeatable).", valueName: "key=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("Deployment Region.", valueName: "region"))
    var region: String?

    func run() throws {
        let bytes = file == "-" ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : FileManager.default.contents(atPath: file).map { [UInt8]($0) }
        guard let bytes else { throw ValidationError("cannot read \(file)") }
        var overrides: [String: String] = [:]
        for parameter in parameters {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw ValidationError("--parameter expects KEY=VALUE, got '\(parameter)'") }
            overrides[String(parts[0])] = String(parts[1])
        }
        switch InputLoader.load(bytes: bytes, file: file, options: LoadOptions(parameters: overrides, region: region)) {
        case .failure(let error):
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(ExitStatus.inputError.rawValue)
        case .success(let loaded):
            print(Self.describe(NetworkAnalysis(model: loaded.model)), terminator: "")
        }
    }

    static func describe(_ analysis: NetworkAnalysis) -> String {
        if analysis.targets.isEmpty { return "no compute targets (instances, auto scaling groups, launch templates with a subnet)\n" }
        var text = ""
        for target in analysis.targets {
            text += "\(target.displayName)\(target.info.condition.map { " [condition \($0)]" } ?? "")\n"
            text += "  subnet:      \(describe(target.subnet)), VPC \(describe(target.vpc)), public IPv4 \(describe(target.publicIPv4))\n"
            switch analysis.permission(of: target) {
            case .granted(let role): text += "  permissions: granted by role \(role)\n"
            case .missing(let reason, _): text += "  permissions: none: it \(reason) (connectivity rules skip it)\n"
            case .unresolved(let reason): text += "  permissions: unresolved: \(reason.reason) (treated as meant for Session Manager)\n"
            }
            text += "  way out:     \(describe(analysis.internetAccess(of: target)))\n"
            for service in SSMService.allCases {
                let label = (service.rawValue + ":").padding(toLength: 13, withPad: " ", startingAt: 0)
                text += "  \(label)\(describe(analysis.path(of: target, to: service)))\n"
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

    private static func describe(_ path: ServicePath) -> String {
        switch path {
        case .endpoint(let endpoint):
            let how: String
            if case .effective(.hostedZone(let zone)) = endpoint.dns { how = "via private hosted zone \(zone)" } else { how = "via private DNS" }
            return "endpoint \(endpoint.endpoint.id) (\(how))"
        case .internet(let access): return "public endpoint through \(describe(access))"
        case .none(let reason, _): return "no path: \(reason)"
        case .unknown(let reason): return "unknown: \(reason.reason)"
        }
    }
}
