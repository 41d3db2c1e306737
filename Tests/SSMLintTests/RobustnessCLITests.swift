import Foundation
import SSMLintEngine
import SSMLintReporters
import Testing

/// Hostile command lines, file systems and inputs: the contract's exit status
/// and a one-line message, no crash, no hang, and no file touched but the
/// named output.
@Suite("Robustness: command line")
struct RobustnessCLITests {
    static let openSSH = CLITests.openSSH
    static let fixtures = Paths.fixtures.appendingPathComponent("robustness")

    /// Runs a bash script with `$S` set to the ssmlint binary.
    static func shell(_ script: String, in directory: URL, environment: [String: String] = [:]) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["S"] = Paths.binary.path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errors = ThreadedRead(error.fileHandleForReading)
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                          stderr: String(decoding: errors.wait(), as: UTF8.self))
    }

    /// Reads a pipe to its end on another thread, so neither pipe of a child can fill up.
    final class ThreadedRead: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }

    static func directory(_ files: [String: String] = [:]) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        return directory
    }

    static func leftovers(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".ssmlint-") || $0.hasSuffix(".tmp") }
    }

    static func isSymbolicLink(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    // MARK: Loader crashes and hangs, end to end

    @Test("one hostile input among others: exit 1 for the others' findings, no trap, no hang")
    func hostileAmongOthers() throws {
        let directory = try Self.directory(["open.yaml": Self.openSSH])
        for name in ["tf-negative-index.json", "tf-negative-index-attribute.json", "tf-module-cycle.json", "cfn-cidr-intmin.yaml"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        let start = Date()
        let result = try CLI.run(["scan", ".", "--no-color"], directory: directory)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("open.yaml:7:11: error: [SSM006"))
        #expect(result.stdout.contains("5 inputs scanned,"))
    }

    // MARK: --output

    @Test("a planted link at the old temporary name is never written through; the report is a new regular file")
    func plantedTemporaryLink() throws {
        let directory = try Self.directory(["in.yaml": Self.openSSH, "victim.txt": "victim\n"])
        // exec keeps the shell's PID, which the old temporary name was made of.
        let result = try Self.shell("umask 022; ln -s victim.txt .r.sarif.$$.tmp; exec \"$S\" scan in.yaml --format sarif --output r.sarif",
                                    in: directory)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try String(contentsOf: directory.appendingPathComponent("victim.txt"), encoding: .utf8) == "victim\n")
        let report = directory.appendingPathComponent("r.sarif")
        #expect(!Self.isSymbolicLink(report))
        #expect(try String(contentsOf: report, encoding: .utf8).contains("\"version\": \"2.1.0\""))
        let permissions = try FileManager.default.attributesOfItem(atPath: report.path)[.posixPermissions] as? Int
        #expect(permissions == 0o644, "a new report gets the usual permissions, not mkstemp's 0600")
        #expect(try Self.leftovers(in: directory).filter { $0.hasPrefix(".ssmlint-") }.isEmpty)
    }

    @Test("an existing report keeps its permissions; a 251-character output name works")
    func replaceAndLongName() throws {
        let directory = try Self.directory(["in.yaml": Self.openSSH, "r.json": "old"])
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: directory.appendingPathComponent("r.json").path)
        #expect(try CLI.run(["scan", "in.yaml", "--format", "json", "--output", "r.json"], directory: directory).status == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("r.json").path)
        #expect(attributes[.posixPermissions] as? Int == 0o640)
        let long = String(repeating: "r", count: 245) + ".sarif"
        #expect(long.utf8.count == 251)
        let result = try CLI.run(["scan", "in.yaml", "--format", "sarif", "--output", long], directory: directory)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(long).path))
        #expect(try Self.leftovers(in: directory).isEmpty)
    }

    @Test("outputs that are refused before the scan, with exit 64 and one line saying why")
    func refusedOutputs() throws {
        let directory = try Self.directory(["in.yaml": Self.openSSH, "victim.txt": "victim\n", "real/keep.txt": "x"])
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("committed.sarif").path, withDestinationPath: "/dev/null")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.sarif").path, withDestinationPath: "victim.txt")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("linked").path, withDestinationPath: "real")
        let cases: [([String], String)] = [
            (["--format", "sarif=r.out", "--format", "json=./r.out"], "ssmlint: error: r.out and ./r.out are the same file"),
            (["--format", "sarif=/dev/stdout", "--format", "json=/dev/stdout"], "ssmlint: error: /dev/stdout is named twice"),
            (["--format", "console", "--format", "sarif=/dev/stdout"], "/dev/stdout is standard output, where another report already goes"),
            (["--format", "sarif", "--output", "in.yaml"], "in.yaml is also an input (in.yaml); ssmlint never overwrites a file it scans"),
            (["--format", "sarif", "--output", "real"], "report file real is a directory"),
            (["--format", "sarif", "--output", ""], "a report file needs a name"),
            (["--format", "sarif", "--output", "/proc/version"], "cannot write /proc/version: no file can be created in /proc"),
            (["--format", "sarif", "--output", "missing/r.sarif"], "the directory missing does not exist"),
            (["--format", "sarif", "--output", "committed.sarif"], "report file committed.sarif is a symbolic link"),
            (["--format", "sarif=link.sarif"], "report file link.sarif is a symbolic link"),
            (["--format", "sarif", "--output", "linked/r.sarif"], "passes through the symbolic link linked"),
            (["--write-baseline", "link.sarif"], "baseline file link.sarif is a symbolic link"),
            (["--format", "json=b.json", "--write-baseline", "./b.json"], "b.json and ./b.json are the same file"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(["scan", "in.yaml"] + arguments, directory: directory)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "nothing is scanned or written: \(arguments)")
        }
        #expect(try String(contentsOf: directory.appendingPathComponent("victim.txt"), encoding: .utf8) == "victim\n")
        #expect(try String(contentsOf: directory.appendingPathComponent("in.yaml"), encoding: .utf8) == Self.openSSH)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("real").path) == ["keep.txt"])
        #expect(try Self.leftovers(in: directory).isEmpty)
        // Devices are written in place; /dev/null may take several reports.
        let null = try CLI.run(["scan", "in.yaml", "--format", "sarif=/dev/null", "--format", "json=/dev/null"], directory: directory)
        #expect(null.status == 1 && null.stderr.isEmpty, "\(null.stderr)")
        let stdout = try CLI.run(["scan", "in.yaml", "--format", "sarif", "--output", "/dev/stdout"], directory: directory)
        #expect(stdout.status == 1 && stdout.stdout.contains("\"version\": \"2.1.0\""), "\(stdout.stderr)")
    }

    @Test("SIGINT or SIGTERM while a report is pending removes its temporary file")
    func interrupted() throws {
        for signal in [SIGINT, SIGTERM] {
            let directory = try Self.directory()
            let process = Process()
            process.executableURL = Paths.binary
            process.arguments = ["scan", "-", "--format", "sarif", "--output", "r.sarif"]
            process.currentDirectoryURL = directory
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let exited = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in exited.signal() }
            try process.run()
            // The temporary file exists from the start; ssmlint then waits for standard input.
            var waited = 0
            while try Self.leftovers(in: directory).isEmpty, waited < 100 {
                usleep(50_000)
                waited += 1
            }
            #expect(try !Self.leftovers(in: directory).isEmpty, "the temporary file is created before the scan")
            kill(process.processIdentifier, signal)
            if exited.wait(timeout: .now() + 10) == .timedOut {
                Issue.record("ssmlint did not stop on signal \(signal)")
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            try input.fileHandleForWriting.close()
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "signal \(signal)")
        }
    }

    // MARK: Standard input and special files

    @Test("standard input: closed, endless, or larger than --max-input-size is an input error, not a crash")
    func standardInput() throws {
        let directory = try Self.directory(["open.yaml": Self.openSSH, "big.yaml": CLITests.clean + String(repeating: "# padding\n", count: 200_000)])
        let closed = try Self.shell("exec \"$S\" scan - open.yaml --no-color <&-", in: directory)
        #expect(closed.status == 2, "\(closed.stderr)")
        #expect(closed.stdout.contains("stdin: error: standard input is closed"))
        #expect(closed.stdout.contains("open.yaml:7:11: error: [SSM006"), "the other input is still scanned")
        let zero = try Self.shell("exec \"$S\" scan - --no-color --max-input-size 1M < /dev/zero", in: directory)
        #expect(zero.status == 2)
        #expect(zero.stdout.contains("stdin: error: standard input is larger than the input size limit of 1 MiB; raise it with --max-input-size"))
        let endless = try Self.shell("exec \"$S\" scan - --no-color < /dev/zero", in: directory)
        #expect(endless.status == 2 && endless.stdout.contains("input size limit of 128 MiB"), "the default limit")
        let file = try CLI.run(["scan", "big.yaml", "open.yaml", "--max-input-size", "1MiB", "--no-color"], directory: directory)
        #expect(file.status == 2)
        #expect(file.stdout.contains("big.yaml: error: the file is larger than the input size limit of 1 MiB"))
        #expect(file.stdout.contains("open.yaml:7:11: error: [SSM006"))
        #expect(try CLI.run(["scan", "big.yaml", "--max-input-size", "2M"], directory: directory).status == 0)
        for bad in ["0", "-1", "ten", "1T", "99999999999999999999G"] {
            #expect(try CLI.run(["scan", "open.yaml", "--max-input-size", bad], directory: directory).status == 64, "\(bad)")
        }
    }

    @Test("FIFOs, /dev/stdin and process substitution named explicitly are read; a directory scan never opens a FIFO")
    func specialFiles() throws {
        let directory = try Self.directory(["open.yaml": Self.openSSH, "scan/clean.yaml": CLITests.clean])
        let substitution = try Self.shell("\"$S\" scan <(cat open.yaml) --no-color", in: directory)
        #expect(substitution.status == 1 && substitution.stdout.contains("error: [SSM006"), "\(substitution.stdout)\(substitution.stderr)")
        let devStdin = try Self.shell("\"$S\" scan /dev/stdin --no-color < open.yaml", in: directory)
        #expect(devStdin.status == 1 && devStdin.stdout.contains("error: [SSM006"), "\(devStdin.stdout)\(devStdin.stderr)")
        let fifo = try Self.shell("mkfifo named.yaml && (cat open.yaml > named.yaml &) && \"$S\" scan named.yaml --no-color", in: directory)
        #expect(fifo.status == 1 && fifo.stdout.contains("named.yaml:7:11: error: [SSM006"), "\(fifo.stdout)\(fifo.stderr)")
        // No writer ever opens this FIFO: reading it would block for ever.
        let start = Date()
        let scan = try Self.shell("mkfifo scan/planted.yaml && exec \"$S\" scan scan --no-color", in: directory)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(scan.status == 2)
        #expect(scan.stdout.contains("scan/planted.yaml: error: not a regular file (a FIFO); directory scans read only regular files"))
        #expect(scan.stdout.contains("2 inputs scanned (1 could not be loaded)"))
    }

    @Test("a report that cannot be written (a full disk) is exit 70 and one line, whether on standard output or in a file")
    func fullDisk() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let directory = try Self.directory(["open.yaml": Self.openSSH])
        let commands = [
            ("scan, console on standard output", "\"$S\" scan open.yaml --no-color > /dev/full"),
            ("scan, SARIF on standard output", "\"$S\" scan open.yaml --format sarif > /dev/full"),
            ("scan, JSON into --output", "\"$S\" scan open.yaml --format json --output /dev/full"),
            ("graph on standard output", "\"$S\" graph open.yaml > /dev/full"),
            ("paths on standard output", "\"$S\" paths open.yaml > /dev/full"),
            ("diagnose on standard output", "\"$S\" diagnose open.yaml > /dev/full"),
            ("rules on standard output", "\"$S\" rules > /dev/full"),
        ]
        for (name, command) in commands {
            let result = try Self.shell(command, in: directory)
            #expect(result.status == 70, "\(name): \(result.status) \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("ssmlint: error: cannot write ") && lines[0].hasSuffix("no space left on device"),
                    "\(name): \(result.stderr)")
        }
    }

    // MARK: Directory scans

    @Test("symbolic links in a directory scan: inside the tree scanned, outside or broken reported without reading them")
    func symbolicLinks() throws {
        let outside = try Self.directory(["secret.yaml": "SECRET-CONTENT: [unclosed\n"])
        // The template lives in a hidden directory, which a scan does not enter: only the link reaches it.
        let directory = try Self.directory(["tree/.shared/open.yaml": Self.openSSH])
        let tree = directory.appendingPathComponent("tree")
        let links: [(String, String)] = [
            ("linked.yaml", ".shared/open.yaml"), ("outside.yaml", outside.appendingPathComponent("secret.yaml").path),
            ("dangling.yaml", "nowhere.yaml"), ("loop.yaml", "loop.yaml"), ("dir.yaml", ".shared"), ("linked-dir", outside.path),
        ]
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent(name).path, withDestinationPath: target)
        }
        let result = try CLI.run(["scan", "tree", "--no-color"], directory: directory)
        #expect(result.status == 2)
        #expect(result.stdout.contains("tree/linked.yaml:7:11: error: [SSM006"), "a linked template is scanned: \(result.stdout)")
        #expect(result.stdout.contains("tree/outside.yaml: error: symbolic link to a file outside the scanned directory; not read"))
        #expect(result.stdout.contains("tree/dangling.yaml: error: broken symbolic link"))
        #expect(result.stdout.contains("tree/loop.yaml: error: symbolic link loop"))
        #expect(result.stdout.contains("tree/dir.yaml: error: symbolic link to a directory, not a regular file"))
        #expect(!result.stdout.contains("SECRET") && !result.stderr.contains("SECRET"), "the content of a file outside is never shown")
        #expect(!result.stdout.contains("linked-dir"), "links to directories are not followed")
        // Named explicitly, the file outside is read: the user chose it.
        let named = try CLI.run(["scan", "tree/outside.yaml", "--no-color"], directory: directory)
        #expect(named.status == 2 && named.stdout.contains("tree/outside.yaml:2:1: error:"), "\(named.stdout)")
    }

    @Test("file names that are not UTF-8 are scanned and shown with \\x escapes, found or named")
    func nonUTF8Names() throws {
        let directory = try Self.directory()
        let setup = try Self.shell("mkdir tree && printf '%s' \"$T\" > \"$(printf 'tree/caf\\351.yaml')\"", in: directory, environment: ["T": Self.openSSH])
        #expect(setup.status == 0, "\(setup.stderr)")
        let found = try CLI.run(["scan", "tree", "--no-color"], directory: directory)
        #expect(found.status == 1)
        #expect(found.stdout.contains("tree/caf\\xE9.yaml:7:11: error: [SSM006"), "\(found.stdout)")
        let named = try Self.shell("exec \"$S\" scan \"$(printf 'tree/caf\\351.yaml')\" --no-color", in: directory)
        #expect(named.status == 1, "\(named.stdout)")
        #expect(named.stdout.contains("tree/caf\\xE9.yaml:7:11: error: [SSM006"), "\(named.stdout)")
        let sarif = try CLI.run(["scan", "tree", "--format", "sarif"], directory: directory)
        #expect(sarif.stdout.contains("caf%5CxE9.yaml"), "the SARIF URI is percent-encoded")
    }

    @Test("an unreadable directory is an input error naming it; the rest is scanned")
    func unreadableDirectory() throws {
        let directory = try Self.directory(["tree/open.yaml": Self.openSSH, "tree/locked/hidden.yaml": Self.openSSH])
        let locked = directory.appendingPathComponent("tree/locked")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        // root reads any directory: run as nobody then.
        let prefix = getuid() == 0 ? "exec setpriv --reuid=65534 --regid=65534 --clear-groups " : "exec "
        let result = try Self.shell(prefix + "\"$S\" scan tree --no-color", in: directory)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("tree/locked: error: cannot read the directory: permission denied"), "\(result.stdout)")
        #expect(result.stdout.contains("tree/open.yaml:7:11: error: [SSM006"))
    }

    // MARK: Files a checkout's configuration names

    @Test("a planted .ssmlint.yaml link, and pack files that lead elsewhere, are refused without being read")
    func configurationLinks() throws {
        let outside = try Self.directory(["secret.yaml": "SECRET-CONTENT: [unclosed\n"])
        let directory = try Self.directory(["open.yaml": Self.openSSH, "rules/README.md": "pack\n"])
        let manager = FileManager.default
        for target in ["/dev/zero", outside.appendingPathComponent("secret.yaml").path] {
            try? manager.removeItem(at: directory.appendingPathComponent(".ssmlint.yaml"))
            try manager.createSymbolicLink(atPath: directory.appendingPathComponent(".ssmlint.yaml").path, withDestinationPath: target)
            let start = Date()
            let result = try CLI.run(["scan", "open.yaml"], directory: directory)
            #expect(Date().timeIntervalSince(start) < 10)
            #expect(result.status == 64, "\(target): \(result.stderr)")
            #expect(result.stderr == "ssmlint: error: cannot read the configuration file \(directory.path)/.ssmlint.yaml: it is a symbolic link, which is not followed here\n"
                    || result.stderr.contains("it is a symbolic link, which is not followed here"), "\(result.stderr)")
            #expect(!result.stderr.contains("SECRET"))
        }
        // Named explicitly, a configuration may be anything readable, within the size limit.
        let zero = try CLI.run(["scan", "open.yaml", "--config", "/dev/zero"], directory: directory)
        #expect(zero.status == 64 && zero.stderr.contains("larger than the input size limit"), "\(zero.stderr)")
        try manager.removeItem(at: directory.appendingPathComponent(".ssmlint.yaml"))
        try "rulePacks: [rules]\n".write(to: directory.appendingPathComponent(".ssmlint.yaml"), atomically: false, encoding: .utf8)
        for (name, target) in [("ACME002.yaml", "/dev/zero"), ("ACME003.yaml", outside.appendingPathComponent("secret.yaml").path)] {
            let link = directory.appendingPathComponent("rules/\(name)")
            try manager.createSymbolicLink(atPath: link.path, withDestinationPath: target)
            defer { try? manager.removeItem(at: link) }
            let start = Date()
            let result = try CLI.run(["scan", "open.yaml"], directory: directory)
            #expect(Date().timeIntervalSince(start) < 10)
            #expect(result.status == 64, "\(name): \(result.stderr)")
            #expect(result.stderr.contains("rules/\(name): not read: it leads outside the rule pack's directory"), "\(result.stderr)")
            #expect(!result.stderr.contains("SECRET"))
        }
        let baseline = try CLI.run(["scan", "open.yaml", "--no-config", "--baseline", "/dev/zero"], directory: directory)
        #expect(baseline.status == 64 && baseline.stderr.contains("cannot read the baseline /dev/zero: the file is larger than the input size limit"),
                "\(baseline.stderr)")
    }

    // MARK: Console output

    @Test("logical IDs, for_each keys and file names are escaped on the console, with or without colour")
    func escapedConsole() throws {
        let directory = try Self.directory()
        for name in ["log-injection-logical-id.yaml", "log-injection-tf-address.json"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        try "Resources: [unclosed\n".write(to: directory.appendingPathComponent("evil\n::error file=x::forged\u{1B}[2K.yaml"),
                                           atomically: false, encoding: .utf8)
        let result = try CLI.run(["scan", ".", "--no-color"], directory: directory)
        #expect(result.status == 2)
        let lines = result.stdout.split(separator: "\n")
        // Three inputs and the summary, one line each; each finding's fix is indented below it.
        #expect(lines.filter { !$0.hasPrefix("    ") }.count == 4, "\(result.stdout.debugDescription)")
        #expect(lines.count == 6, "\(result.stdout.debugDescription)")
        #expect(!lines.contains { $0.hasPrefix("::") })
        #expect(!result.stdout.contains("\r") && !result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("Evil\\n::error file=README.md,line=1::forged annotation\\n\\u{1B}[2K\\u{1B}[1Afake"))
        #expect(result.stdout.contains("aws_security_group.sg[\"k\\n::error file=README.md,line=1::forged\\u{1B}[31m\"]"))
        #expect(result.stdout.contains("evil\\n::error file=x::forged\\u{1B}[2K.yaml:"))
        // With the console report elsewhere, input errors go to standard error, escaped too.
        let sarif = try CLI.run(["scan", ".", "--format", "sarif"], directory: directory)
        #expect(sarif.stderr.split(separator: "\n").count == 1 && sarif.stderr.contains("evil\\n::error"), "\(sarif.stderr)")
        let paths = try CLI.run(["paths", "-"], stdin: """
            Resources:
              "Evil\\n::error::x":
                Type: AWS::EC2::Instance
                Properties: {SubnetId: subnet-1}
            """)
        #expect(paths.stdout.hasPrefix("instance Evil\\n::error::x\n"), "\(paths.stdout)")
    }

    @Test("the console reporter escapes input text and keeps only its own colour codes")
    func consoleReporter() throws {
        let hostile = "Evil\n::error::x\r\u{1B}[2K\u{202E}\u{7F}\u{85}\u{2028}\ttab"
        let finding = Finding(ruleID: "SSM006", level: .error, message: "group \(hostile) is open", resource: ResourceID(hostile),
                              location: SourceLocation(file: "t.yaml", range: .none, logicalPath: "Resources/x"),
                              related: [RelatedLocation(resource: ResourceID(hostile), location: SourceLocation(file: "t.yaml", range: .none, logicalPath: "x"),
                                                        message: hostile)])
        let run = ScanRun(tool: ToolInfo(name: "ssmlint", version: "0", informationURI: "https://example.com"), rules: [],
                          inputs: [InputOutcome(path: "dir/\(hostile).yaml", format: .cloudFormation, findings: [finding]),
                                   InputOutcome(path: hostile, format: nil, failure: InputFailure(message: hostile))],
                          failOn: .error)
        for color in [false, true] {
            let text = try ConsoleReporter(color: color).render(run)
            #expect(text.split(separator: "\n").count == 4, "\(text.debugDescription)")
            #expect(!text.contains("\r") && !text.contains("\u{202E}") && !text.contains("\u{85}") && !text.contains("\u{2028}"))
            #expect(text.contains("Evil\\n::error::x\\r\\u{1B}[2K\\u{202E}\\u{7F}\\u{85}\\u{2028}\\ttab"))
            // Only the reporter's own SGR codes remain.
            let own = text.replacingOccurrences(of: #"\u{1B}\[(1|0|1;31|1;33|1;36)m"#, with: "", options: .regularExpression)
            #expect(!own.contains("\u{1B}"), "color \(color)")
        }
    }
}
