import ArgumentParser

/// `--baseline FILE` / `--write-baseline FILE`.
struct BaselineOptions: ParsableArguments {
    @Option(name: .customLong("baseline"), help: ArgumentHelp("Only findings that are not in this baseline fail the scan.", valueName: "file"))
    var read: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record today's findings in this file (then use --baseline FILE).", valueName: "file"))
    var write: String?
}
