import Foundation
import SSMLintEngine
import SSMLintYAML

/// Every rule a run knows, with where it comes from: built in, a declarative
/// pack file (`--rules-dir`), or a compiled pack (`--plugin`). IDs and slugs
/// are unique across all of them.
public struct RuleCatalogue: Sendable {
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case builtIn
        case pack(file: String)
        case plugin(path: String)

        public var description: String {
            switch self {
            case .builtIn: return "built-in"
            case .pack(let file): return "pack \(file)"
            case .plugin(let path): return "plugin \(path)"
            }
        }
    }

    public struct Entry: Sendable {
        public var rule: RegisteredRule
        public var source: Source
    }

    public private(set) var entries: [Entry]
    /// Positions in `entries` by rule ID and by slug, so that adding the
    /// thousands of rules a manifest may list stays linear.
    private var indexByID: [String: Int] = [:]
    private var indexBySlug: [String: Int] = [:]

    public init(builtIn rules: [RegisteredRule]) {
        entries = []
        for rule in rules { append(Entry(rule: rule, source: .builtIn)) }
    }

    private mutating func append(_ entry: Entry) {
        let definition = entry.rule.definition
        if indexByID[definition.id] == nil { indexByID[definition.id] = entries.count }
        if indexBySlug[definition.slug] == nil { indexBySlug[definition.slug] = entries.count }
        entries.append(entry)
    }

    public var rules: [RegisteredRule] { entries.map(\.rule) }
    public var definitions: [RuleDefinition] { entries.map(\.rule.definition) }

    public func find(_ name: String) -> Entry? {
        entries.first {
            $0.rule.definition.id.caseInsensitiveCompare(name) == .orderedSame
                || $0.rule.definition.slug.caseInsensitiveCompare(name) == .orderedSame
        }
    }

    /// A rule pack that cannot be used: scanning must not start (exit 64).
    public struct PackError: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Adds a rule, rejecting an ID or slug that another rule already has.
    public mutating func add(_ rule: RegisteredRule, source: Source, location: String) throws(PackError) {
        let definition = rule.definition
        if let clash = indexByID[definition.id].map({ entries[$0] }) {
            throw PackError("\(location): rule id \(definition.id) is already defined by \(clash.source)")
        }
        if let clash = indexBySlug[definition.slug].map({ entries[$0] }) {
            throw PackError("\(location): rule slug '\(definition.slug)' of \(definition.id) is already used by \(clash.rule.definition.id) (\(clash.source))")
        }
        append(Entry(rule: rule, source: source))
    }

    /// Loads every `*.yaml` / `*.yml` rule file of a declarative pack directory.
    public mutating func addPack(directory: String) throws(PackError) {
        for (file, definition, idPosition) in try Self.readPack(directory: directory) {
            guard let rule = DeclarativeRule.registered(definition) else {
                throw PackError("\(file):1:1: \(definition.id) has no 'check' block; pack rules are declarative (compiled rules come with --plugin)")
            }
            try add(rule, source: .pack(file: file),
                    location: "\(file):\(idPosition.line):\(idPosition.column)")
        }
    }

    /// Parses a pack directory without adding it (also used by `rules --verify`).
    public static func readPack(directory: String) throws(PackError) -> [(String, RuleDefinition, SourcePosition)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw PackError("\(directory): no such rule pack directory")
        }
        let files: [String]
        if isDirectory.boolValue {
            files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (directory as NSString).appendingPathComponent($0) }
        } else {
            files = [directory]
        }
        if files.isEmpty { throw PackError("\(directory): the rule pack holds no .yaml files") }
        let packRoot = isDirectory.boolValue ? directory : ((directory as NSString).deletingLastPathComponent as String).nonEmpty ?? "."
        var result: [(String, RuleDefinition, SourcePosition)] = []
        for file in files {
            let data: [UInt8]
            switch PackFile.read(file, inside: packRoot) {
            case .success(let bytes): data = bytes
            case .failure(let problem): throw PackError("\(file): \(problem.message)")
            }
            let base = (file as NSString).deletingLastPathComponent
            let parser = RuleDefinitionParser(file: file) { relative in
                // An example that cannot be read is reported by the parser as missing.
                (try? PackFile.read((base as NSString).appendingPathComponent(relative), inside: packRoot).get())
                    .map { String(decoding: $0, as: UTF8.self) }
            }
            do {
                let (definition, root) = try parser.parse(data)
                result.append((file, definition, root["id"]?.range.start ?? SourcePosition(line: 1, column: 1)))
            } catch {
                throw PackError(error.description)
            }
        }
        return result
    }

    /// Loads a compiled pack; its manifest rules join the catalogue.
    public mutating func addPlugin(path: String) throws(PackError) {
        let pack: CompiledPack
        do { pack = try CompiledPack(path: path) } catch { throw PackError(error.description) }
        for rule in pack.rules {
            try add(rule, source: .plugin(path: path), location: "\(path): rule \(rule.definition.id)")
        }
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
