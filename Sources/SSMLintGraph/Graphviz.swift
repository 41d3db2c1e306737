import Foundation

/// Renders DOT to SVG with Graphviz's `dot` (Debian package `graphviz`), when
/// it is installed. Several graphs go through one `dot` process: a nightly
/// audit draws hundreds of VPCs, and a process each would cost more than the scan.
public enum Graphviz {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The `dot` executable on PATH, if any.
    public static func executable(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("dot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The message shown when `dot` is missing.
    public static let missing = "Graphviz is not installed (no `dot` on PATH; Debian and Ubuntu: apt-get install graphviz)"

    /// One SVG document per DOT graph, in order. Each is the `<svg>` element
    /// alone (no XML prolog or doctype), ready to put inline in HTML.
    public static func renderSVG(_ graphs: [String], timeout: TimeInterval = 120) throws(Failure) -> [String] {
        guard !graphs.isEmpty else { return [] }
        guard let dot = executable() else { throw Failure(description: missing) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ssmlint-graph-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        } catch {
            throw Failure(description: "cannot create a temporary directory for Graphviz: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("graphs.dot")
        let output = directory.appendingPathComponent("graphs.svg")
        let errors = directory.appendingPathComponent("errors.txt")
        do {
            try Data(graphs.joined(separator: "\n").utf8).write(to: input)
            FileManager.default.createFile(atPath: errors.path, contents: nil)
            FileManager.default.createFile(atPath: output.path, contents: nil)
        } catch {
            throw Failure(description: "cannot write the DOT input for Graphviz: \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = dot
        // Standard output, not -o: with -o each graph of the input replaces the one before.
        process.arguments = ["-Tsvg", input.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try? FileHandle(forWritingTo: output)
        process.standardError = try? FileHandle(forWritingTo: errors)
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(dot.path): \(error.localizedDescription)")
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            finished.wait()
            throw Failure(description: "Graphviz did not finish within \(Int(timeout)) seconds")
        }
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path),
              let text = String(data: data, encoding: .utf8) else {
            let message = (FileManager.default.contents(atPath: errors.path)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
            throw Failure(description: "Graphviz failed (exit \(process.terminationStatus)): \(message.split(separator: "\n").first.map(String.init) ?? "no message")")
        }
        let documents = svgElements(text)
        guard documents.count == graphs.count else {
            throw Failure(description: "Graphviz returned \(documents.count) drawings for \(graphs.count) graphs")
        }
        return documents
    }

    /// The `<svg>…</svg>` elements of Graphviz's output, without prologs and comments before them.
    static func svgElements(_ text: String) -> [String] {
        var documents: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            documents.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return documents
    }
}
