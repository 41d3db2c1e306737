import SSMLintModel

/// What the command line adds to an input: parameter values and the Region.
public struct LoadOptions: Sendable {
    /// `--parameter KEY=VALUE`: overrides a CloudFormation parameter's Default.
    public var parameters: [String: String]
    /// `--region`: fixes `AWS::Region` (otherwise it stays symbolic).
    public var region: String?
    /// The CloudFormation stack's name (`--stack-name`): fixes `AWS::StackName`.
    public var stackName: String?
    /// Values other templates of the same scan export, by export name:
    /// `Fn::ImportValue` of a name found here is that value.
    public var imports: [String: PropertyValue] = [:]
    /// A nested stack's parameter values as its parent passes them (they may
    /// name resources of the parent or of a sibling stack); they win over `parameters`.
    public var parameterValues: [String: PropertyValue] = [:]
    /// The outputs of this template's nested stacks, by the logical ID of
    /// their `AWS::CloudFormation::Stack`: `Fn::GetAtt Child.Outputs.X`.
    public var stackOutputs: [String: [String: PropertyValue]] = [:]
    /// `--include-default-off-resources`: a resource whose Condition is false
    /// only because of parameter Defaults is checked as existing under its
    /// condition instead of being left out.
    public var includeDefaultOffResources = false
    /// Whether each resource keeps its generic property tree
    /// (`Resource.properties`). Only rule packs read it; a scan without
    /// packs leaves it out, which on a large input saves a third of the model.
    public var keepsResourceProperties = true

    public init(parameters: [String: String] = [:], region: String? = nil, stackName: String? = nil) {
        self.parameters = parameters
        self.region = region
        self.stackName = stackName
    }
}

/// An input that cannot be loaded, located for a one-line diagnostic
/// (`file:line:col: error: message`).
public struct LoadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var position: SourcePosition?
    public var message: String

    public init(file: String, position: SourcePosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String {
        if let position { return "\(file):\(position.line):\(position.column): \(message)" }
        return "\(file): \(message)"
    }
}

/// A loaded input: its model, plus remarks about what could not be modelled
/// and warnings about what the user wrote (a suppression that cannot work).
public struct LoadedInput: Sendable {
    public var model: InfrastructureModel
    public var remarks: [String]
    public var warnings: [InputWarning]
    /// A Terraform plan's module calls: module path (`module.a.module.b`) ->
    /// `source` as written; what finding a resource's `.tf` block needs.
    public var terraformModuleSources: [String: String] = [:]
    /// A CloudFormation template's exported values by export name, for
    /// templates of the same scan that import them.
    public var exports: [String: PropertyValue] = [:]
    /// A CloudFormation template's output values by output name, for a parent stack.
    public var outputs: [String: PropertyValue] = [:]

    public init(model: InfrastructureModel, remarks: [String], warnings: [InputWarning] = []) {
        self.model = model
        self.remarks = remarks
        self.warnings = warnings
    }
}
