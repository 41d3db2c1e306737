import ArgumentParser
import SSMLintEngine

/// `--only`, `--enable`, `--disable`: which rules run.
struct RuleSelectionOptions: ParsableArguments {
    @Option(name: .customLong("only"), help: ArgumentHelp("Run only these rules (IDs or slugs, repeatable or comma-separated).", valueName: "rule"))
    var only: [String] = []

    @Option(name: .customLong("enable"), help: ArgumentHelp("Run these rules even if disabled.", valueName: "rule"))
    var enable: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Do not run these rules.", valueName: "rule"))
    var disable: [String] = []

    /// The selected rule definitions; an unknown rule name is a usage error.
    func select(from definitions: [RuleDefinition]) throws -> [RuleDefinition] {
        do {
            return try RuleSelection(only: only, enable: enable, disable: disable).apply(to: definitions)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
