import Foundation
import Synchronization
import SSMLintYAML
import Testing

/// libyaml on a thread of its own (large inputs) must give exactly the tree,
/// or the error, that it gives on the calling thread.
@Suite("YAML events produced on a second thread")
struct YAMLEventPipelineTests {
    /// The whole tree as text: kinds, tags, styles, ranges and scalars.
    static func dump(_ node: YAMLNode, into out: inout String) {
        out += "\(node.range.start.line):\(node.range.start.column)-\(node.range.end.line):\(node.range.end.column) \(node.tag ?? "") "
        switch node.content {
        case .scalar(let text, let style): out += "s\(style.rawValue) \(text.debugDescription)\n"
        case .sequence(let items):
            out += "[\(items.count)\n"
            for item in items { dump(item, into: &out) }
            out += "]\n"
        case .mapping(let entries):
            out += "{\(entries.count)\n"
            for entry in entries {
                dump(entry.key, into: &out)
                dump(entry.value, into: &out)
            }
            out += "}\n"
        }
    }

    static func outcome(_ bytes: [UInt8], _ production: YAMLEventProduction, limits: YAMLLimits = .standard) -> String {
        do {
            guard let root = try YAMLParser.parse(bytes, limits: limits, events: production) else { return "no document" }
            var text = ""
            dump(root, into: &text)
            return text
        } catch {
            return "error at \(error.position) (related \(error.relatedPosition.map { "\($0)" } ?? "none")): \(error.message)"
        }
    }

    static func expectSame(_ bytes: [UInt8], limits: YAMLLimits = .standard, expectError: Bool? = nil,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let inline = outcome(bytes, .inline, limits: limits)
        let pipelined = outcome(bytes, .pipelined, limits: limits)
        #expect(inline == pipelined, sourceLocation: sourceLocation)
        if let expectError {
            #expect(inline.hasPrefix("error at ") == expectError, "\(inline.prefix(200))", sourceLocation: sourceLocation)
        }
    }

    /// Thousands of events: many batches of the producer, and every way the
    /// stream can end in one of them.
    static func bigList(_ count: Int) -> String {
        (0..<count).map { "  - item\($0)\n" }.joined()
    }

    @Test("valid documents of every size, across many batches")
    func valid() {
        Self.expectSame([], expectError: false)
        Self.expectSame(Array("# only a comment\n".utf8), expectError: false)
        Self.expectSame(Array("a: 1\n".utf8), expectError: false)
        for count in [1, 511, 512, 1021, 1022, 1023, 1024, 4096, 5000, 20_000] {
            Self.expectSame(Array("List:\n\(Self.bigList(count))".utf8), expectError: false)
        }
        let anchors = "Base: &base {a: 1, b: [x, y]}\n" + (0..<3000).map { "K\($0): *base\n" }.joined()
        Self.expectSame(Array(anchors.utf8), expectError: false)
        let json = "{\"resource_changes\": [" + (0..<4000).map { "{\"address\": \"a.b\($0)\", \"n\": \($0)}" }.joined(separator: ", ") + "]}"
        Self.expectSame(Array(json.utf8), expectError: false)
        let skipped = YAMLLimits(skippedPaths: [["Skip", "*"]])
        Self.expectSame(Array("Skip:\n\(Self.bigList(3000))Keep:\n\(Self.bigList(3000))".utf8), limits: skipped, expectError: false)
    }

    @Test("libyaml's errors come after the events before them, wherever they fall")
    func libyamlErrors() {
        for count in [0, 1, 1023, 1024, 3000] {
            let list = "List:\n\(Self.bigList(count))"
            Self.expectSame(Array((list + "Bad: [1, 2\nNext: 3\n").utf8), expectError: true)
            Self.expectSame(Array((list + "Bad: \"unterminated\n").utf8), expectError: true)
            // An invalid UTF-8 byte: a reader error, located by its byte offset.
            Self.expectSame(Array(list.utf8) + [0x61, 0x3A, 0x20, 0xFF, 0x0A], expectError: true)
            Self.expectSame(Array((list + "---\nsecond: document\n").utf8), expectError: true)
            Self.expectSame(Array((list + "Broken: *missing\n").utf8), expectError: true)
        }
    }

    @Test("the builder's own errors stop the producer, early or late")
    func builderErrors() {
        for count in [0, 1500, 6000] {
            let list = "List:\n\(Self.bigList(count))"
            // Early: a duplicate key, then far more events than the batches hold.
            Self.expectSame(Array(("A: 1\nA: 2\n" + list).utf8), expectError: true)
            // The builder's error comes first even when libyaml fails further on.
            Self.expectSame(Array(("A: 1\nA: 2\n" + list + "Bad: [1, 2\n").utf8), expectError: true)
            Self.expectSame(Array((list + "List: again\n").utf8), expectError: true)
            Self.expectSame(Array((list + "? [a, b]\n: complex key\n").utf8), expectError: true)
            let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
            Self.expectSame(Array((list + "Deep: \(deep)\n").utf8), expectError: true)
        }
        let laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + (1..<8).map { "\(Character(UnicodeScalar(97 + $0)!)): &\(Character(UnicodeScalar(97 + $0)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + $0)!))", count: 10).joined(separator: ", ") + "]\n" }.joined()
        Self.expectSame(Array(laughs.utf8), expectError: true)
    }

    @Test("every fixture, example and corpus file gives the same tree or error")
    func realInputs() throws {
        var directories = [Paths.fixtures, Paths.examples]
        if Paths.hasShared {
            directories += [Paths.shared.appendingPathComponent("corpus"), Paths.shared.appendingPathComponent("robustness")]
        }
        let files = Paths.documents(under: directories)
        let differing = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            guard let data = try? Data(contentsOf: files[index]) else { return }
            let bytes = [UInt8](data)
            if Self.outcome(bytes, .inline) != Self.outcome(bytes, .pipelined) { differing.withLock { $0.append(files[index].path) } }
        }
        #expect(differing.withLock { $0 } == [])
        let compared = files.count
        #expect(compared >= (Paths.hasShared ? 1000 : 100), "only \(compared) files compared")
    }
}
