import ArgumentParser

/// `--baseline FILE` / `--write-baseline FILE`, and `--compare PREVIOUS.json`.
struct BaselineOptions: ParsableArguments {
    @Option(name: .customLong("baseline"), help: ArgumentHelp("Only findings that are not in this baseline fail the scan.", valueName: "file"))
    var read: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record today's findings in this file (then use --baseline FILE).", valueName: "file"))
    var write: String?

    @Option(name: .customLong("compare"), help: ArgumentHelp("Mark findings new or unchanged against an earlier run's JSON report, and count the fixed ones (the exit status does not change).", valueName: "previous.json"))
    var compare: String?
}
