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

    /// Files that parse but are not templates (or are Serverless services whose
    /// resources live in other files): a directory scan skips them.
    static let notTemplates: Set<String> = [
        "cfn-lint/bad/not_cloudformation.yaml", "cfn_nag/json/structural/no_resources.json",
        "cfn_nag/yaml/ignore_fatal/non_cfn.yml", "checkov/parser/cfn_file.yaml", "checkov/parser/cfn_file_circular.yaml",
    ]

    func load(_ url: URL, display: String) throws -> Result<LoadedInput, LoadError> {
        let bytes = try [UInt8](Data(contentsOf: url))
        return InputLoader.load(bytes: bytes, file: display, options: LoadOptions())
    }

    @Test("cfn-robustness: 'parses' files load; 'may-fail' files fail with file, line and problem",
          arguments: robustnessFiles)
    func robustness(_ item: Expectation) throws {
        let url = Self.corpus.appendingPathComponent("cfn-robustness/\(item.path)")
        // As a directory scan finds them: files that are not templates are skipped, with a reason.
        let outcome = InputLoader.load(bytes: [UInt8](try Data(contentsOf: url)), file: item.path, options: LoadOptions(), origin: .discovered)
        let result: Result<LoadedInput, LoadError>
        switch outcome {
        case .loaded(let loaded): result = .success(loaded)
        case .failed(let error): result = .failure(error)
        case .skipped(let reason):
            #expect(item.expect == "may-fail" || Self.notTemplates.contains(item.path), "skipped: \(reason)")
            #expect(!reason.isEmpty && !reason.contains("\n"))
            // Named on the command line, the same file is an input error with a position,
            // except a Serverless service, which loads (its resources are in other files).
            let named = try load(url, display: item.path)
            if item.path.hasPrefix("checkov/parser/cfn_file") {
                #expect(try named.get().remarks.contains { $0.contains("Serverless Framework service") })
                return
            }
            guard case .failure(let error) = named else {
                Issue.record("a named non-template loaded")
                return
            }
            #expect(error.position != nil && !error.message.contains("\n"))
            return
        }
        switch result {
        case .success(let loaded):
            #expect(item.expect == "parses" || Self.validDespitePyYAML.contains(item.path),
                    "a may-fail file loaded without error")
            // Whatever the rules find, they find it inside the file, with a message.
            let run = Engine(rules: BuiltInRules.all, options: Engine.Options(showUnresolved: true)).run(RuleContext(model: loaded.model))
            let lines = try Data(contentsOf: url).reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }   // at least the line count, CR, LF or CRLF
            #expect(run.toolErrors.isEmpty)
            for finding in run.findings {
                #expect((1...lines).contains(finding.location.range.start.line), "\(finding.ruleID) on \(finding.resource) points outside the file")
                #expect(!finding.message.isEmpty && !finding.message.contains("\n"))
            }
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

    @Test("cfn-real: every template gives exactly the findings recorded for it", arguments: realTemplates)
    func real(_ name: String) throws {
        let result = try load(Self.corpus.appendingPathComponent("cfn-real/\(name)"), display: name)
        switch result {
        case .success(let loaded):
            let run = Engine(rules: BuiltInRules.all).run(RuleContext(model: loaded.model))
            #expect(run.toolErrors.isEmpty)
            CorpusExpectations.check(run.findings, file: name, in: "cfn-real")
        case .failure(let error):
            // The only invalid real template repeats a Fn::ForEach key; cfn-lint rejects it too (E0000).
            #expect(name == "cwan__8-filtering_peered_tgw__cloudformation__workloads.yaml", "\(error)")
            #expect(error.message.contains("duplicate key") && error.position?.line == 367)
        }
    }
}

/// The findings ssmlint gives on the real corpus, recorded in
/// Fixtures/corpus/*.findings.tsv by scripts/update-corpus-expectations. A
/// difference is a change in what users see on real code: review it, judge
/// each new or lost finding, then update the file.
enum CorpusExpectations {
    static func recorded(_ set: String) -> [String: [String]] {
        let url = Paths.fixtures.appendingPathComponent("corpus/\(set).findings.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var byFile: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard columns.count == 2 else { continue }
            byFile[columns[0], default: []].append(columns[1])
        }
        return byFile
    }

    static func check(_ findings: [Finding], file: String, in set: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let actual = findings.map { "\($0.ruleID)\t\($0.level.rawValue)\t\($0.resource)" }.sorted()
        let expected = (recorded(set)[file] ?? []).sorted()
        #expect(actual == expected, """
            \(set)/\(file): findings changed (run scripts/update-corpus-expectations after judging them)
            now: \(actual.joined(separator: "; "))
            recorded: \(expected.joined(separator: "; "))
            """, sourceLocation: sourceLocation)
    }
}
