import Foundation

/// Renders DOT to SVG with Graphviz's `dot` (Debian package `graphviz`), when
/// it is installed. Each graph gets a `dot` process of its own, as many at a
/// time as there are cores: Graphviz 2.43 draws the second and later graphs of
/// one process with their clusters in an order that changes from run to run,
/// so a report that drew several graphs in one process changed whenever it was
/// made again (a diff or a cache of reports then shows changes that are not
/// real). A report draws at most a few dozen graphs.
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
    /// alone (no XML prolog or doctype), ready to put inline in HTML. The
    /// first graph (in order) that fails decides the error. `timeout` bounds
    /// the whole call, however many graphs there are.
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
        let results = RenderResults(count: graphs.count)
        let deadline = DispatchTime.now() + timeout
        // concurrentPerform runs as many iterations at once as there are cores.
        DispatchQueue.concurrentPerform(iterations: graphs.count) { index in
            results[index] = Result { () throws(Failure) in
                try render(graphs[index], dot: dot, files: directory.appendingPathComponent("graph\(index)"),
                           deadline: deadline, timeout: timeout)
            }
        }
        var documents: [String] = []
        for index in graphs.indices { documents.append(try results[index].get()) }
        return documents
    }

    /// One graph through one `dot` process; `files` names its input, output
    /// and error files (with extensions added).
    private static func render(_ graph: String, dot: URL, files: URL, deadline: DispatchTime,
                               timeout: TimeInterval) throws(Failure) -> String {
        let timedOut = Failure(description: "Graphviz did not finish within \(Int(timeout)) seconds")
        guard DispatchTime.now() < deadline else { throw timedOut }
        let input = files.appendingPathExtension("dot")
        let output = files.appendingPathExtension("svg")
        let errors = files.appendingPathExtension("txt")
        do {
            try Data(graph.utf8).write(to: input)
        } catch {
            throw Failure(description: "cannot write the DOT input for Graphviz: \(error.localizedDescription)")
        }
        // Without its error file, dot's messages would go to ssmlint's own standard error.
        guard FileManager.default.createFile(atPath: errors.path, contents: nil),
              FileManager.default.createFile(atPath: output.path, contents: nil) else {
            throw Failure(description: "cannot create Graphviz's output files in \(files.deletingLastPathComponent().path)")
        }
        let process = Process()
        process.executableURL = dot
        process.arguments = ["-Tsvg", "-o", output.path, input.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try? FileHandle(forWritingTo: errors)
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(dot.path): \(error.localizedDescription)")
        }
        if finished.wait(timeout: deadline) == .timedOut {
            process.terminate()
            finished.wait()
            throw timedOut
        }
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path),
              let text = String(data: data, encoding: .utf8) else {
            let message = (FileManager.default.contents(atPath: errors.path)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
            throw Failure(description: "Graphviz failed (exit \(process.terminationStatus)): \(message.split(separator: "\n").first.map(String.init) ?? "no message")")
        }
        let documents = svgElements(text)
        guard documents.count == 1 else {
            throw Failure(description: "Graphviz returned \(documents.count) drawings for one graph")
        }
        return documents[0]
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

/// Each graph's result, written by the worker that rendered it (each index once).
private final class RenderResults: @unchecked Sendable {
    private var results: [Result<String, Graphviz.Failure>]
    private let lock = NSLock()

    init(count: Int) {
        results = Array(repeating: .failure(Graphviz.Failure(description: "not rendered")), count: count)
    }

    subscript(index: Int) -> Result<String, Graphviz.Failure> {
        get { lock.withLock { results[index] } }
        set { lock.withLock { results[index] = newValue } }
    }
}
