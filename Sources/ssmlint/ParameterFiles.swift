import Foundation
import SSMLintLoaders
import SSMLintReporters

/// Reads CloudFormation parameter files (`--parameter-file`, `parameterFiles`
/// in `.ssmlint.yaml`). Any problem is a usage error (exit 64) on one line
/// naming the file, and the line and column when the content is at fault.
enum ParameterFiles {
    /// Far above any real parameter file.
    static let sizeLimit = InputSizeLimit(bytes: 4 << 20)

    /// A file named on the command line: read as named, like an input.
    static func read(named path: String) throws -> [String: String] {
        try parse(InputReader.read(path: Array(path.utf8), origin: .named, limit: sizeLimit), shown: path)
    }

    /// A file the configuration names. The configuration comes from the
    /// checkout, so the file is read only when it is a regular file inside
    /// `root` (links that stay inside are followed); a planted link to a file
    /// elsewhere, a FIFO or a device is refused before it is opened.
    /// `origin` (`.ssmlint.yaml:3:20`) says where the configuration names it.
    static func read(configured path: String, inside root: String, shown: String, origin: String) throws -> [String: String] {
        let read: Result<[UInt8], InputReader.Failure>
        if let real = InputCollector.realPath(Array(path.utf8)) {
            if let base = InputCollector.realPath(Array(root.utf8)), PathBytes.hasPrefix(real, directory: base) {
                read = InputReader.read(path: real, origin: .discovered, limit: sizeLimit)
            } else {
                read = .failure(InputReader.Failure(message: "not read: it leads outside the repository (through a symbolic link or ..)"))
            }
        } else {
            read = .failure(InputReader.Failure(message: "cannot read the file: \(InputReader.describe(errno))"))
        }
        return try parse(read, shown: shown, origin: origin + ": ")
    }

    private static func parse(_ read: Result<[UInt8], InputReader.Failure>, shown: String, origin: String = "") throws -> [String: String] {
        switch read {
        case .failure(let failure):
            throw UsageFailure.exit(ReportText.oneLine("\(origin)cannot read the parameter file \(shown): \(failure.message)"))
        case .success(let bytes):
            do {
                return try ParameterFile.parse(bytes, file: shown)
            } catch {
                throw UsageFailure.exit(ReportText.oneLine(error.description))
            }
        }
    }
}
