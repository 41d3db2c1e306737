import ArgumentParser

@main
struct SSMLint: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "ssmlint",
        abstract: "Checks CloudFormation templates and Terraform plans for Session Manager reachability and exposure.",
        discussion: """
            ssmlint tells you before you deploy whether your EC2 instances will be reachable through \
            AWS Systems Manager Session Manager over PrivateLink, and flags designs that expose them \
            (SSH open to the world).

            Examples:
              ssmlint scan stack.yaml
              ssmlint scan templates/ --format sarif --output ssmlint.sarif
              ssmlint scan stack.yaml --format console --format junit --output ssmlint-junit.xml
              ssmlint scan stack.yaml --parameter SSHPort=22 --region ap-northeast-1
              ssmlint rules
              ssmlint explain SSM006
            """,
        version: version,
        subcommands: [ScanCommand.self, RulesCommand.self, ExplainCommand.self, PathsCommand.self, DiagnoseCommand.self,
                      GraphCommand.self, ProbePackCommand.self],
        defaultSubcommand: nil)

    static func main() {
        AllocatorTuning.apply()
        StandardStreams.secure()
        // ParsableCommand.main(nil), with printed output checked once the
        // command is done, whether it succeeded or not.
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            StandardStreams.exitIfPrintedOutputWasLost()
            exit(withError: error)
        }
        StandardStreams.exitIfPrintedOutputWasLost()
    }
}
