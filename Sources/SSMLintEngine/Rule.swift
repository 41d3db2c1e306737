@_exported import SSMLintAnalysis
@_exported import SSMLintModel
@_exported import SSMLintRuleSchema

/// A check over one scanned input. A rule never parses, never resolves an
/// intrinsic and never picks its own level: it reports findings (optionally
/// naming a severity variant declared in its YAML) and the resources it
/// evaluated, and the engine does the rest. Its metadata is not part of it:
/// the generated registry (or a rule pack) pairs it with its definition.
public protocol Rule: Sendable {
    func check(_ context: RuleContext, _ report: inout RuleReport)
    /// True for rules that read `Resource.properties`, the generic property
    /// trees (rule packs, which may ask for any property). When no selected
    /// rule does, a scan loads its inputs without them.
    var readsResourceProperties: Bool { get }
}

extension Rule {
    public var readsResourceProperties: Bool { false }
}

/// A rule together with its metadata: what the engine runs and what reports describe.
public struct RegisteredRule: Sendable {
    public let definition: RuleDefinition
    public let implementation: any Rule

    public init(definition: RuleDefinition, implementation: any Rule) {
        self.definition = definition
        self.implementation = implementation
    }

    public var id: String { definition.id }
}

/// What a rule may look at: the model, and the network analysis computed
/// once per input.
public struct RuleContext: Sendable {
    public let model: InfrastructureModel
    public let analysis: NetworkAnalysis
    /// What rules derive from the input and share, made once (a compiled
    /// pack's thousand rules all send the same encoded model).
    public let derived = DerivedValues()

    public init(model: InfrastructureModel, analysis options: NetworkAnalysis.Options = .init()) {
        self.model = model
        self.analysis = NetworkAnalysis(model: model, options: options)
    }
}
