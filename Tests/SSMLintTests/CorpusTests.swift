import Foundation
import SSMLintEngine
import SSMLintPacks
import SSMLintLoaders
import SSMLintRules
import Testing

/// Real-world inputs from ../shared/corpus (skipped when it is absent).
@Suite("Corpus", .enabled(if: Paths.hasShared))
struct CorpusTests {
    static let corpus = Paths.shared.appendingPathComponent("corpus")

    struct Expectation: Sendable, CustomTestStringConvertible {
        var path: String
        var expect: String
        var testDescription: String { path }
    }

    static var robustnessFiles: [Expectation] {
        let table = corpus.appendingPathComponent("cfn-robustness/EXPECTATIONS.tsv")
        guard let text = try? String(contentsOf: table, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 8 else { return nil }
            return Expectation(path: columns[0], expect: columns[7])
        }
    }

    /// Valid YAML that PyYAML alone rejects (a tab before a trailing comment);
    /// cfn-lint and libyaml read it, and so does ssmlint.
    static let validDespitePyYAML: Set<String> = ["checkov/checks/resource/aws/unused/ec2_instance_with_ebs_volume.yaml"]

    func load(_ url: URL, display: String) throws -> Result<LoadedInput, LoadError> {
        let bytes = try [UInt8](Data(contentsOf: url))
        return InputLoader.load(bytes: bytes, file: display, options: LoadOptions())
    }

    @Test("cfn-robustness: 'parses' files load; 'may-fail' files fail with file, line and problem",
          arguments: robustnessFiles)
    func robustness(_ item: Expectation) throws {
        let result = try load(Self.corpus.appendingPathComponent("cfn-robustness/\(item.path)"), display: item.path)
        let engine = Engine(rules: BuiltInRules.all, options: Engine.Options(showUnresolved: true))
        switch result {
        case .success(let loaded):
            _ = engine.run(RuleContext(model: loaded.model))
            #expect(item.expect == "parses" || Self.validDespitePyYAML.contains(item.path),
                    "a may-fail file loaded without error")
        case .failure(let error):
            #expect(item.expect == "may-fail", "a 'parses' file failed: \(error)")
            #expect(error.position != nil && !error.message.isEmpty && !error.message.contains("\n"))
        }
    }

    static var realTemplates: [String] {
        let directory = corpus.appendingPathComponent("cfn-real")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !$0.hasSuffix(".tsv") }.sorted()
    }

    @Test("cfn-real: every template loads and every rule runs", arguments: realTemplates)
    func real(_ name: String) throws {
        let result = try load(Self.corpus.appendingPathComponent("cfn-real/\(name)"), display: name)
        switch result {
        case .success(let loaded):
            let run = Engine(rules: BuiltInRules.all, options: Engine.Options(showUnresolved: true))
                .run(RuleContext(model: loaded.model))
            #expect(!run.evaluations.isEmpty || loaded.model.resources.isEmpty || loaded.model.vpcs.isEmpty)
        case .failure(let error):
            // The only invalid real template repeats a Fn::ForEach key; cfn-lint rejects it too (E0000).
            #expect(name == "cwan__8-filtering_peered_tgw__cloudformation__workloads.yaml", "\(error)")
            #expect(error.message.contains("duplicate key") && error.position?.line == 367)
        }
    }
}
