@_exported import SSMLintModel
@_exported import SSMLintRuleSchema

/// A check over one scanned input. A rule never parses, never resolves an
/// intrinsic and never picks its own level: it reports findings (optionally
/// naming a severity variant declared in its YAML) and the resources it
/// evaluated, and the engine does the rest.
public protocol Rule: Sendable {
    var definition: RuleDefinition { get }
    init(definition: RuleDefinition)
    func check(_ context: RuleContext, _ report: inout RuleReport)
}

extension Rule {
    public var id: String { definition.id }
}

/// What a rule may look at.
public struct RuleContext: Sendable {
    public let model: InfrastructureModel

    public init(model: InfrastructureModel) {
        self.model = model
    }
}
