import ArgumentParser
import SSMLintEngine
import SSMLintLoaders

/// What every command that builds the model and its analysis accepts:
/// parameter values, the Region, and which instances the connectivity rules look at.
struct AnalysisOptions: ParsableArguments {
    @Option(name: .customLong("parameter"), help: ArgumentHelp("Override a CloudFormation parameter (repeatable).", valueName: "key=value"))
    var parameters: [ParameterAssignment] = []

    @Option(name: .customLong("parameter-file"), help: ArgumentHelp("Read CloudFormation parameter values from a file: the CLI's [{\"ParameterKey\": ..., \"ParameterValue\": ...}] list or a CodePipeline template configuration {\"Parameters\": {...}} (repeatable; later files and --parameter win).", valueName: "file"))
    var parameterFiles: [String] = []

    @Option(help: ArgumentHelp("Deployment Region (fixes AWS::Region; otherwise it stays symbolic).", valueName: "region"))
    var region: String?

    @Flag(name: .customLong("all-instances"), help: "Check connectivity for every instance, also those without an SSM instance profile (accounts using Default Host Management Configuration).")
    var allInstances = false

    @Flag(name: .customLong("include-default-off-resources"), help: "Check CloudFormation resources whose Condition is false only because of parameter Defaults, as resources that exist only under their condition (by default they are left out, as a deployment with the Defaults would).")
    var includeDefaultOffResources = false

    /// The command line's parameter values (files first, then `--parameter`) and Region.
    func loadOptions() throws -> LoadOptions {
        var values: [String: String] = [:]
        for file in parameterFiles { values.merge(try ParameterFiles.read(named: file)) { _, new in new } }
        for parameter in parameters { values[parameter.key] = parameter.value }
        var options = LoadOptions(parameters: values, region: region)
        options.includeDefaultOffResources = includeDefaultOffResources
        return options
    }

    var networkOptions: NetworkAnalysis.Options {
        NetworkAnalysis.Options(includeTargetsWithoutPermissions: allInstances)
    }
}

/// `KEY=VALUE` on the command line.
struct ParameterAssignment: ExpressibleByArgument {
    var key: String
    var value: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        key = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
