/// Where ssmlint lives on the web. This is the one place to change for a fork
/// or a mirror: the SARIF `informationUri`, every built-in rule's `helpUri`
/// (through the generated registry) and the CLI all read it.
public enum ProjectLinks {
    /// The project's home page.
    public static let repository = "https://github.com/ssmlint/ssmlint"

    /// Where the files under docs/ can be read in a browser.
    public static let documentation = repository + "/blob/main/docs"

    /// The section of docs/rules.md about a built-in rule (`SSM006` -> `…/rules.md#ssm006`).
    public static func ruleDocumentation(_ id: String) -> String {
        documentation + "/rules.md#" + id.lowercased()
    }

    /// How ssmlint decides: paths, DNS, unknowns, CloudFormation and Terraform defaults.
    public static let howItDecides = documentation + "/how-it-decides.md"
}
