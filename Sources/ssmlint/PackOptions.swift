import ArgumentParser
import Foundation
import SSMLintEngine
import SSMLintPacks
import SSMLintReporters
import SSMLintRules

/// `--rules-dir` and `--plugin`: the rules beyond the built-in ones.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("rules-dir"), help: ArgumentHelp("A declarative rule pack: a directory of rule YAML files with check blocks (repeatable).", valueName: "dir"))
    var ruleDirectories: [String] = []

    @Option(name: .customLong("plugin"), help: ArgumentHelp("A compiled rule pack (shared library) to load; explicit paths only (repeatable).", valueName: "path"))
    var plugins: [String] = []

    /// The built-in rules plus every pack; a bad pack stops the run (exit 64).
    /// `extraDirectories`: declarative packs named by the configuration file
    /// (which can never name a compiled pack).
    func catalogue(extraDirectories: [String] = []) throws -> RuleCatalogue {
        var catalogue = RuleCatalogue(builtIn: BuiltInRules.all)
        do {
            for directory in extraDirectories + ruleDirectories { try catalogue.addPack(directory: directory) }
            for plugin in plugins {
                try PluginProbe.check(plugin)
                try catalogue.addPlugin(path: plugin)
            }
        } catch {
            FileHandle.standardError.write(Data("ssmlint: error: \(ReportText.oneLine(error.description))\n".utf8))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        return catalogue
    }
}

/// Loads a compiled pack in a child process first, so a pack that crashes or
/// hangs in its manifest call is reported instead of taking ssmlint down:
/// the child runs without the Swift backtracer (so a crash is a plain
/// signal), is killed after `timeout`, and dies with ssmlint if ssmlint dies.
enum PluginProbe {
    static let timeout: TimeInterval = 5

    static func check(_ path: String) throws(RuleCatalogue.PackError) {
        guard FileManager.default.fileExists(atPath: path) else { throw RuleCatalogue.PackError("\(path): no such file") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        if let executable = Bundle.main.executableURL { process.executableURL = executable }
        process.arguments = ["probe-pack", path]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment[ProbePackCommand.parentVariable] = String(getpid())
        process.environment = environment
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch { return }   // cannot probe: load directly
        // Read the child's messages while it runs, so a long one cannot block it.
        let output = ChildOutput()
        let reader = Thread { output.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            throw RuleCatalogue.PackError("\(path): the pack did not return its manifest within \(Int(timeout)) seconds; ssmlint stopped it")
        }
        if process.terminationReason == .uncaughtSignal {
            throw RuleCatalogue.PackError("\(path): the pack crashed (signal \(process.terminationStatus)) while ssmlint read its manifest")
        }
        if process.terminationStatus != 0 {
            let message = output.waitForText().split(separator: "\n").first.map(String.init) ?? "the pack could not be loaded"
            throw RuleCatalogue.PackError(message.replacingOccurrences(of: "ssmlint: error: ", with: ""))
        }
    }
}

/// What a probe child writes to standard error, handed from the reading thread.
private final class ChildOutput: @unchecked Sendable {
    private var data: Data?
    private let condition = NSCondition()

    func set(_ value: Data) {
        condition.withLock {
            data = value
            condition.broadcast()
        }
    }

    /// The text once the child has closed its end (it has exited by then).
    func waitForText() -> String {
        condition.withLock {
            while data == nil { condition.wait() }
            return String(decoding: data ?? Data(), as: UTF8.self)
        }
    }
}

/// Hidden: loads a compiled pack and reads its manifest (run by PluginProbe).
struct ProbePackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe-pack", shouldDisplay: false)
    /// The process ID of the ssmlint that started the probe.
    static let parentVariable = "SSMLINT_PROBE_PARENT"

    @Argument var path: String

    func run() throws {
        // Never outlive ssmlint, even if it is killed while waiting for this
        // child and the manifest call never returns: leave as soon as the
        // parent is no longer ssmlint (it names itself, since it may die
        // before this line runs), and after twice its timeout in any case.
        // The alarm's signal may be blocked by the thread that spawned us.
        let parent = ProcessInfo.processInfo.environment[Self.parentVariable].flatMap { pid_t($0) } ?? getppid()
        Thread.detachNewThread {
            while getppid() == parent { usleep(50_000) }
            _exit(Int32(ExitStatus.internalError.rawValue))
        }
        var alarmSignal = sigset_t()
        sigemptyset(&alarmSignal)
        sigaddset(&alarmSignal, SIGALRM)
        sigprocmask(SIG_UNBLOCK, &alarmSignal, nil)
        alarm(UInt32(PluginProbe.timeout) * 2)
        do {
            let pack = try CompiledPack(path: path)
            print("\(pack.name) \(pack.version): \(pack.definitions.map(\.id).joined(separator: ", "))")
        } catch {
            FileHandle.standardError.write(Data("ssmlint: error: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }
}
