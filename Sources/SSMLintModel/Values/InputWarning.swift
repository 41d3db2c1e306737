/// Something about an input the user should see that is not a finding of a
/// rule: a suppression that cannot suppress, for example. Reported on the
/// console, in SARIF as a notification and in JUnit as output; it does not
/// change the exit status.
public struct InputWarning: Sendable, Hashable {
    public var message: String
    public var position: SourcePosition?
    /// The file the warning is about when it is not the input itself (a
    /// Terraform plan's `.tf` files), as reports show it.
    public var file: String?

    public init(message: String, position: SourcePosition?, file: String? = nil) {
        self.message = message
        self.position = position
        self.file = file
    }
}
