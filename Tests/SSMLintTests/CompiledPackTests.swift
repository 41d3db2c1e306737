import Foundation
import Testing

/// Compiled packs (--plugin): the example pack built with the package, and
/// the failure modes, each with a small C library compiled here.
@Suite("Compiled rule packs")
struct CompiledPackTests {
    static var examplePack: URL { Paths.binary.deletingLastPathComponent().appendingPathComponent("libSSMLintExamplePack.so") }

    static let template = """
        Resources:
          Legacy:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
          Hardened:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              MetadataOptions: {HttpTokens: required}
          Unknown:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              MetadataOptions: {HttpTokens: !Ref Tokens}
        Parameters:
          Tokens: {Type: String}
        """

    @Test("the example pack builds with the package, loads and reports")
    func example() throws {
        #expect(FileManager.default.fileExists(atPath: Self.examplePack.path), "swift build builds the SSMLintExamplePack product")
        let result = try CLI.run(["scan", "-", "--plugin", Self.examplePack.path, "--format", "junit"], stdin: Self.template)
        #expect(result.status == 0, "warnings do not fail the default threshold: \(result.stderr)")
        #expect(result.stdout.contains("<testcase classname=\"stdin.EXAMPLE001\" name=\"Legacy\">"))
        #expect(result.stdout.contains("Legacy does not set HttpTokens, so it accepts IMDSv1"))
        #expect(result.stdout.contains("<testcase classname=\"stdin.EXAMPLE001\" name=\"Hardened\"/>"))
        let rules = try CLI.run(["rules", "--plugin", Self.examplePack.path])
        #expect(rules.stdout.contains("EXAMPLE001  imdsv2-required"))
        #expect(rules.stdout.contains("plugin \(Self.examplePack.path)"))
        let sarif = try CLI.run(["scan", "-", "--plugin", Self.examplePack.path, "--format", "sarif", "--only", "EXAMPLE001"], stdin: Self.template)
        #expect(sarif.stdout.contains("\"id\": \"EXAMPLE001\""))
        #expect(!sarif.stdout.contains("\"fullyQualifiedName\": \"Unknown\""), "an unknown value gives no finding")
        try ReportValidation.sarif(text: sarif.stdout)
    }

    /// Compiles C source into a shared library with the first C compiler found.
    static func library(_ name: String, _ source: String) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("\(name).c")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("lib\(name).so")
        for compiler in ["cc", "gcc", "clang"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [compiler, "-shared", "-fPIC", "-o", output.path, file.path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus == 0 { return output }
        }
        throw CocoaError(.featureUnsupported)
    }

    static let manifest = #"{\"abi\":1,\"name\":\"t\",\"rules\":[{\"id\":\"TEST001\",\"name\":\"t\",\"severity\":\"error\",\"resources\":[\"AWS::EC2::Instance\"]}]}"#

    func scan(plugin: URL) throws -> CLI.Result {
        try CLI.run(["scan", "-", "--plugin", plugin.path], stdin: Self.template)
    }

    @Test("a missing pack or a library that is no pack is a clear usage error")
    func missing() throws {
        let missing = try CLI.run(["scan", "-", "--plugin", "/nonexistent/libpack.so"], stdin: Self.template)
        #expect(missing.status == 64 && missing.stderr.contains("/nonexistent/libpack.so: no such file"))
        let other = try scan(plugin: try Self.library("other", "int unrelated(void) { return 1; }"))
        #expect(other.status == 64 && other.stderr.contains("not an ssmlint rule pack"))
    }

    @Test("a pack built for another ABI version is named as such")
    func wrongABI() throws {
        let pack = try Self.library("v2", #"const char *ssmlint_pack_v2_manifest(void) { return "{}"; }"#)
        let result = try scan(plugin: pack)
        #expect(result.status == 64)
        #expect(result.stderr.contains("built for rule-pack ABI v2; this ssmlint supports v1"))
        let declared = try Self.library("abi3", """
            const char *ssmlint_pack_v1_manifest(void) { return "{\\"abi\\":3,\\"rules\\":[]}"; }
            char *ssmlint_pack_v1_check(const char *r) { return 0; }
            void ssmlint_pack_v1_free(char *r) {}
            """)
        let mismatch = try scan(plugin: declared)
        #expect(mismatch.status == 64 && mismatch.stderr.contains("declares ABI 3"))
    }

    @Test("a pack that crashes in its manifest call is reported, not fatal")
    func crash() throws {
        let pack = try Self.library("crash", """
            const char *ssmlint_pack_v1_manifest(void) { volatile int *p = 0; return (const char *)(long)*p; }
            char *ssmlint_pack_v1_check(const char *r) { return 0; }
            void ssmlint_pack_v1_free(char *r) {}
            """)
        let result = try scan(plugin: pack)
        #expect(result.status == 64)
        #expect(result.stderr.contains("the pack crashed (signal 11) while ssmlint read its manifest"))
    }

    @Test("invalid JSON from the pack is a clear error: a bad manifest stops the run, a bad check answer is a tool error")
    func invalidJSON() throws {
        let badManifest = try Self.library("badmanifest", """
            const char *ssmlint_pack_v1_manifest(void) { return "not json"; }
            char *ssmlint_pack_v1_check(const char *r) { return 0; }
            void ssmlint_pack_v1_free(char *r) {}
            """)
        let manifest = try scan(plugin: badManifest)
        #expect(manifest.status == 64 && manifest.stderr.contains("the manifest is not a JSON object"))
        let badCheck = try Self.library("badcheck", """
            #include <stdlib.h>
            #include <string.h>
            const char *ssmlint_pack_v1_manifest(void) { return "\(Self.manifest)"; }
            char *ssmlint_pack_v1_check(const char *r) { return strdup("{not json"); }
            void ssmlint_pack_v1_free(char *r) { free(r); }
            """)
        let check = try CLI.run(["scan", "-", "--plugin", badCheck.path, "--format", "sarif"], stdin: Self.template)
        #expect(check.status == 70)
        #expect(check.stdout.contains("the check call returned invalid JSON"))
        #expect(check.stdout.contains("\"executionSuccessful\": false"))
        try ReportValidation.sarif(text: check.stdout)
    }
}
