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

    /// Records an issue for every SARIF file that is not valid SARIF 2.1.0 (or,
    /// with ../shared/tools, breaks a rule of GitHub code scanning).
    static func sarif(_ files: [URL], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try sarifSchemaProblems(files)
        #expect(problems.isEmpty, "SARIF schema: \(problems)", sourceLocation: sourceLocation)
        if let check = try CLI.check("check-sarif", files.map(\.path)) {
            #expect(check.status == 0, "check-sarif: \(check.stdout)", sourceLocation: sourceLocation)
        }
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
