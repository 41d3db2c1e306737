import SSMLintEngine

extension SourceLocation {
    /// The file a location is in, as reports show it: usually the input
    /// itself, but a Terraform finding can be on a line of a `.tf` file.
    func file(in input: InputOutcome) -> String {
        file.isEmpty ? input.path : file
    }
}
