import Foundation
import SSMLintRuleSchema

// Usage: RuleDocsGenerator OUTPUT.md RULE.yaml...
// Writes the rule reference (docs/rules.md) from the rule files.

let arguments = Array(CommandLine.arguments.dropFirst())
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: RuleDocsGenerator OUTPUT.md RULE.yaml...\n".utf8))
    exit(64)
}
var definitions: [RuleDefinition] = []
for path in arguments.dropFirst() {
    do {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        definitions.append(try RuleDefinitionParser(file: path).parse(bytes).0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}
definitions.sort { $0.id < $1.id }
do {
    try RuleDocumentation.markdown(definitions).write(toFile: output, atomically: true, encoding: .utf8)
    print("wrote \(output) (\(definitions.count) rules)")
} catch {
    FileHandle.standardError.write(Data("cannot write \(output): \(error)\n".utf8))
    exit(1)
}
