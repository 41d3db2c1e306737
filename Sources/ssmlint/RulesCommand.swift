import ArgumentParser
import Foundation
import SSMLintEngine
import SSMLintPacks
import SSMLintReporters
import SSMLintScan
import SSMLintRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules (built-in and from packs), or verify a rule pack's examples.",
        discussion: """
            Examples:
              ssmlint rules
              ssmlint rules --rules-dir acme-rules
              ssmlint rules --verify acme-rules
            """)

    @OptionGroup var packs: PackOptions

    @Option(help: ArgumentHelp("Run the examples of every rule in this declarative pack directory and report the ones that do not give their expected findings.", valueName: "dir"))
    var verify: String?

    func run() throws {
        if let directory = verify { return try verifyPack(directory) }
        let catalogue = try packs.catalogue()
        let rows = catalogue.entries.map { entry in
            let rule = entry.rule.definition
            return [rule.id, rule.slug, rule.severity.rawValue, entry.source.description, rule.name].map(ReportText.oneLine)
        }
        print(TextTable.render(header: ["ID", "SLUG", "LEVEL", "SOURCE", "NAME"], rows: rows), terminator: "")
    }

    private func verifyPack(_ directory: String) throws {
        // IDs must also be free among the built-in rules, as in a scan.
        var catalogue = RuleCatalogue(builtIn: BuiltInRules.all)
        do { try catalogue.addPack(directory: directory) } catch {
            FileHandle.standardError.write(Data("ssmlint: error: \(ReportText.oneLine(error.description))\n".utf8))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        var failures = 0
        var examples = 0
        let packRules = catalogue.entries.filter { $0.source != .builtIn }
        for entry in packRules {
            let rule = entry.rule.definition
            if rule.examples.isEmpty { print("\(entry.source.description): \(rule.id) has no examples (add triggering and non-triggering ones)") }
            examples += rule.examples.count
            for failure in ExampleRunner.verify(entry.rule) {
                failures += 1
                print("\(entry.source.description): \(failure)")
            }
        }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        print("ssmlint: \(plural(packRules.count, "rule")), \(plural(examples, "example")), \(failures) failed")
        if failures > 0 || examples == 0 { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}

enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
