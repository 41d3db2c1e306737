import ArgumentParser
import Foundation
import SSMLintEngine
import SSMLintLoaders
import SSMLintPacks
import SSMLintReporters

/// How the command line and `.ssmlint.yaml` combine for a scan: the command
/// line wins for single values; lists (enable, disable, excludes, rule packs)
/// add up; `--only` replaces the file's `only`.
enum ScanSettings {
    /// The selected rules, with the file's severity overrides applied to their metadata.
    static func selectRules(_ options: RuleSelectionOptions, config: Configuration?, catalogue: RuleCatalogue) throws -> [RuleDefinition] {
        var merged = options
        if let config {
            if merged.only.isEmpty { merged.only = config.only }
            merged.enable = config.enable + merged.enable
            merged.disable = config.disable + merged.disable
        }
        var selected = try merged.select(from: catalogue.definitions)
        for override in config?.severity ?? [] {
            guard let entry = catalogue.find(override.rule) else {
                throw UsageFailure.exit("\(config!.file):\(override.position.line):\(override.position.column): rules.severity names no known rule: '\(override.rule)'")
            }
            for index in selected.indices where selected[index].id == entry.rule.id {
                selected[index].severity = override.level
                selected[index].severityVariants = selected[index].severityVariants.mapValues { _ in override.level }
            }
        }
        return selected
    }

    /// A rule carrying the (possibly overridden) metadata the run selected.
    static func overriding(_ selected: [RuleDefinition]) -> (RegisteredRule) -> RegisteredRule {
        let byID = Dictionary(selected.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return { rule in RegisteredRule(definition: byID[rule.id] ?? rule.definition, implementation: rule.implementation) }
    }

    /// Parameters, Region and stack name for one input: the file's (global,
    /// then matching `templates` entries), then the command line's.
    static func loadOptions(for path: String, cli: LoadOptions, stackName: String? = nil, config: Configuration?) -> LoadOptions {
        var options = LoadOptions(parameters: cli.parameters, region: cli.region, stackName: stackName)
        options.includeDefaultOffResources = cli.includeDefaultOffResources || config?.includeDefaultOffResources == true
        options.keepsResourceProperties = cli.keepsResourceProperties
        guard let config else { return options }
        let fromFile = config.settings(for: path)
        options.parameters = fromFile.parameters.merging(cli.parameters) { _, new in new }
        options.region = cli.region ?? fromFile.region
        options.stackName = stackName ?? fromFile.stackName
        return options
    }

    /// The file's suppressions; one naming no known rule is a usage error.
    static func checkedSuppressions(_ config: Configuration?, catalogue: RuleCatalogue) throws -> [SuppressionRule] {
        guard let config else { return [] }
        for suppression in config.suppressions where catalogue.find(suppression.rule) == nil {
            throw UsageFailure.exit("\(suppression.suppression.origin): the suppression names no known rule: '\(suppression.rule)'")
        }
        return config.suppressions
    }

    static func readBaseline(_ file: String) throws -> Baseline {
        let data = try read(file, what: "the baseline")
        do { return try Baseline(json: data, file: file) } catch { throw UsageFailure.exit(error.description) }
    }

    static func readComparison(_ file: String, display: String) throws -> Comparison {
        let data = try read(file, what: "the earlier report")
        do { return try Comparison(report: data, file: file, label: display) } catch { throw UsageFailure.exit(error.description) }
    }

    /// A file the command line names, read with the input size limit.
    private static func read(_ file: String, what: String) throws -> Data {
        switch InputReader.read(path: Array(file.utf8), origin: .named, limit: .default) {
        case .success(let bytes): return Data(bytes)
        case .failure(let failure): throw UsageFailure.exit(ReportText.oneLine("cannot read \(what) \(file): \(failure.message)"))
        }
    }

    /// The Terraform configuration directory: `--terraform-source`, else the
    /// file's `terraformSource`; one that is not a directory is a usage error.
    static func terraformSource(option: String?, config: Configuration?) throws -> String? {
        var isDirectory: ObjCBool = false
        if let option {
            guard FileManager.default.fileExists(atPath: option, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw UsageFailure.exit("--terraform-source \(option): no such directory")
            }
            return option
        }
        guard let config, let setting = config.terraformSource else { return nil }
        guard FileManager.default.fileExists(atPath: setting.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageFailure.exit("\(config.file):\(setting.position.line):\(setting.position.column): terraformSource: no such directory: \(setting.path)")
        }
        return setting.path
    }
}
