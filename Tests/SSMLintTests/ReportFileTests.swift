import Foundation
@testable import ssmlint
import Testing

@Suite("Report files")
struct ReportFileTests {
    @Test("a report abandoned part-way is not put in place: the old report stays, no temporary file is left")
    func abandoned() throws {
        let directory = try CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("report.xml").path
        try "old report\n".write(toFile: path, atomically: true, encoding: .utf8)
        let file = try ReportFile(path: path, target: try OutputPathPolicy.check(path).target)
        #expect(throws: ReportFile.Failure.self) {
            try file.write { output in
                output.append("<testsuites>")
                output.abandon("cannot render the junit report: libxml2 failed")
                output.abandon("a later reason is not the one shown")
            }
        }
        do {
            try file.write { $0.append("second attempt") }
            Issue.record("the file was written twice")
        } catch {
            #expect(error.description.contains("already written"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.xml"])
    }

    @Test("the reason a report was abandoned is the error shown")
    func abandonedReason() throws {
        let directory = try CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("report.xml").path
        let file = try ReportFile(path: path, target: try OutputPathPolicy.check(path).target)
        do {
            try file.write { output in
                output.abandon("cannot render the junit report: libxml2 failed")
                output.abandon("a later reason is not the one shown")
            }
            Issue.record("an abandoned report was written")
        } catch {
            #expect(error.description == "cannot render the junit report: libxml2 failed")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
