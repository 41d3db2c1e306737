import ArgumentParser
import Foundation
import SSMLintEngine

/// A problem with what the user asked for that has its own location (a line
/// of the configuration file, a rule pack): printed as one line,
/// `ssmlint: error: FILE:LINE:COL: message`, without the usage text, exit 64.
enum UsageFailure {
    static func exit(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("ssmlint: error: \(message)\n".utf8))
        return ExitCode(ExitStatus.usage.rawValue)
    }
}
