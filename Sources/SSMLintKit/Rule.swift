@_exported import SSMLintAnalysis
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

/// What a rule may look at: the model, and the network analysis computed
/// once per input.
public struct RuleContext: Sendable {
    public let model: InfrastructureModel
    public let analysis: NetworkAnalysis
    /// The model as compiled packs receive it, encoded once for all their rules.
    let encodedModel: EncodedModel

    public init(model: InfrastructureModel, analysis options: NetworkAnalysis.Options = .init()) {
        self.model = model
        self.analysis = NetworkAnalysis(model: model, options: options)
        self.encodedModel = EncodedModel(model)
    }
}
