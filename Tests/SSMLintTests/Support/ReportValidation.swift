import Foundation
import Testing

/// Validates reports against the schemas vendored in Fixtures/schemas (never
/// skipped), and against ../shared/tools' consumer rules when they are present.
enum ReportValidation {
    static let schemas = Paths.fixtures.appendingPathComponent("schemas")

    /// What is wrong with SARIF files against the SARIF 2.1.0 schema ("" when nothing).
    static func sarifSchemaProblems(_ files: [URL]) throws -> String {
        let script = """
            import json, sys, jsonschema
            validator = jsonschema.Draft4Validator(json.load(open(sys.argv[1])))
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path, encoding="utf-8"))):
                    print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, schemas.appendingPathComponent("sarif-schema-2.1.0.json").path] + files.map(\.path))
        return result.status == 0 ? result.output : "validator failed (\(result.status)): \(result.output)"
    }

    /// What is wrong with JUnit files against the Jenkins JUnit schema ("" when nothing).
    static func junitSchemaProblems(_ files: [URL]) throws -> String {
        let result = try run("/usr/bin/env", ["xmllint", "--noout", "--schema", schemas.appendingPathComponent("junit-10.xsd").path] + files.map(\.path))
        return result.status == 0 ? "" : result.output
    }

    /// Records an issue for every SARIF file that is not valid SARIF 2.1.0, whose
    /// results disagree with the security severity GitHub would show for them
    /// (see `severityProblems`), or (with ../shared/tools) that breaks a rule of
    /// GitHub code scanning.
    static func sarif(_ files: [URL], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try sarifSchemaProblems(files)
        #expect(problems.isEmpty, "SARIF schema: \(problems)", sourceLocation: sourceLocation)
        for file in files {
            let severity = try severityProblems(Data(contentsOf: file))
            #expect(severity.isEmpty, "\(file.lastPathComponent): \(severity.joined(separator: "; "))", sourceLocation: sourceLocation)
        }
        if let check = try CLI.check("check-sarif", files.map(\.path)) {
            #expect(check.status == 0, "check-sarif: \(check.stdout)", sourceLocation: sourceLocation)
        }
    }

    /// GitHub shows a security rule's `security-severity` from the descriptor a
    /// result points at, not the result's level. Each result must point (by
    /// ruleIndex, else ruleId) at a descriptor of its own level, and a note
    /// must never show as Medium or above (score 4.0+), nor a warning as High
    /// or above (7.0+).
    static func severityProblems(_ sarif: Data) throws -> [String] {
        let log = try #require(try JSONSerialization.jsonObject(with: sarif) as? [String: Any])
        var problems: [String] = []
        for (runIndex, run) in ((log["runs"] as? [[String: Any]]) ?? []).enumerated() {
            let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
            let rules = (driver?["rules"] as? [[String: Any]]) ?? []
            for (resultIndex, result) in ((run["results"] as? [[String: Any]]) ?? []).enumerated() {
                let place = "runs[\(runIndex)].results[\(resultIndex)]"
                let descriptor: [String: Any]?
                if let index = result["ruleIndex"] as? Int, rules.indices.contains(index) {
                    descriptor = rules[index]
                } else {
                    descriptor = rules.first { $0["id"] as? String == result["ruleId"] as? String }
                }
                guard let descriptor else { problems.append("\(place): no descriptor"); continue }
                let level = (result["level"] as? String) ?? "warning"
                let defaultLevel = (descriptor["defaultConfiguration"] as? [String: Any])?["level"] as? String ?? "warning"
                if level != defaultLevel { problems.append("\(place): level \(level) points at a \(defaultLevel) descriptor \(descriptor["id"] ?? "")") }
                guard let text = (descriptor["properties"] as? [String: Any])?["security-severity"] as? String else { continue }
                let score = try #require(Double(text))
                if level == "note" && score >= 4.0 { problems.append("\(place): a note shows as security severity \(text)") }
                if level == "warning" && score >= 7.0 { problems.append("\(place): a warning shows as security severity \(text)") }
            }
        }
        return problems
    }

    /// What is wrong with GitLab Code Quality reports against the schema in
    /// Fixtures/schemas, or for fingerprints that repeat ("" when nothing).
    static func gitlabProblems(_ files: [URL]) throws -> String {
        let script = """
            import json, sys, jsonschema
            validator = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
            for path in sys.argv[2:]:
                raw = open(path, "rb").read()
                if raw.startswith(b"\\xef\\xbb\\xbf"):
                    print(f"{path}: starts with a byte order mark")
                report = json.loads(raw)
                for error in validator.iter_errors(report):
                    print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
                prints = [issue.get("fingerprint") for issue in report if isinstance(issue, dict)]
                for repeated in sorted({p for p in prints if prints.count(p) > 1}):
                    print(f"{path}: fingerprint {repeated} repeats (GitLab keeps only the first issue)")
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, schemas.appendingPathComponent("gitlab-code-quality.schema.json").path] + files.map(\.path))
        return result.status == 0 ? result.output : "validator failed (\(result.status)): \(result.output)"
    }

    static func gitlab(text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try gitlabProblems([write(text, as: "gl-code-quality-report.json")])
        #expect(problems.isEmpty, "GitLab Code Quality: \(problems)", sourceLocation: sourceLocation)
    }

    /// Records an issue for every JUnit file that the Jenkins JUnit schema rejects
    /// (or, with ../shared/tools, that a CI consumer would misread).
    static func junit(_ files: [URL], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try junitSchemaProblems(files)
        #expect(problems.isEmpty, "JUnit schema: \(problems)", sourceLocation: sourceLocation)
        if let check = try CLI.check("check-junit", files.map(\.path)) {
            #expect(check.status == 0, "check-junit: \(check.stdout)", sourceLocation: sourceLocation)
        }
    }

    /// Validates a SARIF or JUnit document held in memory.
    static func sarif(text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try sarif([write(text, as: "report.sarif")], sourceLocation: sourceLocation)
    }

    static func junit(text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try junit([write(text, as: "report.xml")], sourceLocation: sourceLocation)
    }

    static func write(_ text: String, as name: String) throws -> URL {
        let file = try CLI.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
