#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import ArgumentParser
import Foundation
import SSMLintEngine

/// Standard input, output and error as ssmlint found them at start.
///
/// When one of them is closed (`ssmlint scan - <&-`), the next file ssmlint
/// opens would take its number: a template could then be read as standard
/// input, or a report written over it. Each closed one is therefore held by
/// /dev/null, and a closed standard input is remembered so that `-` reports it.
enum StandardStreams {
    nonisolated(unsafe) private(set) static var inputWasClosed = false

    static func secure() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            guard fcntl(descriptor, F_GETFD) == -1, errno == EBADF else { continue }
            if descriptor == STDIN_FILENO { inputWasClosed = true }
            // open returns the lowest free number, which is this one.
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
    }

    /// Text printed with `print` goes through C stdio, which reports a failed
    /// write only through its flush and error flag: checked once a command is
    /// done, so output lost to a full disk is exit 70 and one line, not a
    /// silent success.
    static func exitIfPrintedOutputWasLost() {
        let reason: String
        if fflush(stdout) != 0 {
            reason = InputReader.describe(errno)
        } else if ferror(stdout) != 0 {
            reason = "a write failed"
        } else {
            return
        }
        FileHandle.standardError.write(Data("ssmlint: error: cannot write standard output: \(reason)\n".utf8))
        exit(ExitStatus.internalError.rawValue)
    }

    /// Writes a report to standard output. A write that fails (a full disk
    /// behind a redirection) is an error message and exit 70, not a crash.
    static func writeOutput(_ produce: (inout ReportFile.Writer) -> Void) throws {
        do {
            try ReportFile.Writer.run(produce, to: STDOUT_FILENO, path: "standard output")
        } catch {
            FileHandle.standardError.write(Data("ssmlint: error: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.internalError.rawValue)
        }
    }
}
