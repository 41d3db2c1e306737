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

    @Test("a crash in the manifest call gives the documented message even when the Swift backtracer is enabled")
    func crashWithBacktracer() throws {
        let pack = try Self.library("crash2", """
            const char *ssmlint_pack_v1_manifest(void) { volatile int *p = 0; return (const char *)(long)*p; }
            char *ssmlint_pack_v1_check(const char *r) { return 0; }
            void ssmlint_pack_v1_free(char *r) {}
            """)
        let result = try CLI.run(["scan", "-", "--plugin", pack.path], stdin: Self.template,
                                 environment: ["SWIFT_BACKTRACE": "enable=yes,interactive=no"])
        #expect(result.status == 64)
        #expect(result.stderr == "ssmlint: error: \(pack.path): the pack crashed (signal 11) while ssmlint read its manifest\n", "\(result.stderr)")
    }

    @Test("a manifest call that never returns is stopped after the timeout; the probe child never outlives ssmlint")
    func hang() throws {
        let pack = try Self.library("hang", """
            #include <unistd.h>
            const char *ssmlint_pack_v1_manifest(void) { for (;;) pause(); return 0; }
            char *ssmlint_pack_v1_check(const char *r) { return 0; }
            void ssmlint_pack_v1_free(char *r) {}
            """)
        let start = Date()
        let result = try scan(plugin: pack)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(result.status == 64)
        #expect(result.stderr.contains("the pack did not return its manifest within 5 seconds; ssmlint stopped it"), "\(result.stderr)")
        #expect(Self.probes(of: pack).isEmpty)

        // ssmlint killed while it waits for the probe: the probe goes too.
        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = ["rules", "--plugin", pack.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var waited = 0
        while Self.probes(of: pack).isEmpty && waited < 100 { usleep(20_000); waited += 1 }
        #expect(!Self.probes(of: pack).isEmpty, "the probe runs")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        waited = 0
        while !Self.probes(of: pack).isEmpty && waited < 100 { usleep(20_000); waited += 1 }
        #expect(Self.probes(of: pack).isEmpty, "the probe left with ssmlint")
    }

    /// Process IDs of running probes of `pack` (from /proc).
    static func probes(of pack: URL) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard arguments.contains("probe-pack"), arguments.contains(pack.path) else { return nil }
            // A zombie has exited already.
            let state = (try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8))?.split(separator: ")").last?.split(separator: " ").first
            return state == "Z" ? nil : pid
        }
    }

    static let okPack = """
        #include <stdlib.h>
        #include <string.h>
        const char *ssmlint_pack_v1_manifest(void) { return "\(manifest)"; }
        char *ssmlint_pack_v1_check(const char *r) { return strdup("{\\"evaluated\\":[],\\"findings\\":[]}"); }
        void ssmlint_pack_v1_free(char *r) { free(r); }
        """

    @Test("--plugin with a bare file name loads that file from the current directory")
    func bareName() throws {
        let pack = try Self.library("bare", Self.okPack)
        let directory = pack.deletingLastPathComponent()
        let rules = try CLI.run(["rules", "--plugin", "libbare.so"], directory: directory)
        #expect(rules.status == 0, "\(rules.stderr)")
        #expect(rules.stdout.contains("TEST001"))
        let scan = try CLI.run(["scan", "-", "--plugin", "libbare.so"], stdin: Self.template, directory: directory)
        #expect(scan.status == 0, "\(scan.stderr)")
    }

    @Test("a manifest of 20,000 rules loads in linear time")
    func manyRules() throws {
        let pack = try Self.library("many", """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            static char *text = 0;
            const char *ssmlint_pack_v1_manifest(void) {
                if (!text) {
                    text = malloc(20000 * 128 + 64);
                    char *p = text + sprintf(text, "{\\"abi\\":1,\\"name\\":\\"many\\",\\"rules\\":[");
                    for (int i = 0; i < 20000; i++)
                        p += sprintf(p, "%s{\\"id\\":\\"MANY%05d\\",\\"name\\":\\"r\\",\\"severity\\":\\"note\\",\\"resources\\":[\\"AWS::EC2::VPC\\"]}", i ? "," : "", i);
                    strcpy(p, "]}");
                }
                return text;
            }
            char *ssmlint_pack_v1_check(const char *r) { return strdup("{\\"evaluated\\":[],\\"findings\\":[]}"); }
            void ssmlint_pack_v1_free(char *r) { free(r); }
            """)
        let start = Date()
        let rules = try CLI.run(["rules", "--plugin", pack.path])
        #expect(rules.status == 0, "\(rules.stderr)")
        #expect(rules.stdout.contains("MANY19999"))
        #expect(Date().timeIntervalSince(start) < 20, "took \(Date().timeIntervalSince(start)) s")
        // Every rule gets the model: it is encoded once per input, not once per rule.
        let scanStart = Date()
        let scan = try CLI.run(["scan", "-", "--plugin", pack.path, "--format", "junit"], stdin: Self.template)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(Date().timeIntervalSince(scanStart) < 30, "took \(Date().timeIntervalSince(scanStart)) s")
    }
}
