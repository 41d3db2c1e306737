import ArgumentParser
import SSMLintKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List the rules with their IDs, slugs and default levels.")

    func run() throws {
        let rows = RuleCatalogue.definitions.map { [$0.id, $0.slug, $0.severity.rawValue, "built-in", $0.name] }
        print(TextTable.render(header: ["ID", "SLUG", "LEVEL", "SOURCE", "NAME"], rows: rows), terminator: "")
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
