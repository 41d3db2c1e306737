#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SSMLintEngine

/// A rule pack compiled into a shared library and loaded with dlopen from an
/// explicit path (`--plugin`). The boundary is C-shaped and data-only, ABI v1:
///
///     const char *ssmlint_pack_v1_manifest(void);      // JSON; owned by the pack
///     char *ssmlint_pack_v1_check(const char *req);     // JSON; released with:
///     void ssmlint_pack_v1_free(char *result);
///
/// No Swift types cross it (Swift has no stable ABI on Linux). Calls into one
/// pack are serialised, so a pack need not be thread-safe. Libraries are never
/// unloaded: rules keep calling into them for the life of the process.
public final class CompiledPack: @unchecked Sendable {
    public static let abiVersion = 1

    public struct LoadError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    public let path: String
    public let name: String
    public let version: String
    public let definitions: [RuleDefinition]
    private let handle: UnsafeMutableRawPointer
    private let check: @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
    private let release: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void
    private let lock = NSLock()

    public init(path: String) throws(LoadError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw LoadError(path: path, message: "no such file") }
        guard let handle = dlopen(Self.loadablePath(path), RTLD_NOW | RTLD_LOCAL) else {
            throw LoadError(path: path, message: "cannot load the library: \(String(cString: dlerror()))")
        }
        self.handle = handle
        guard let manifestSymbol = dlsym(handle, "ssmlint_pack_v1_manifest") else {
            let other = (2...9).first { dlsym(handle, "ssmlint_pack_v\($0)_manifest") != nil }
            throw LoadError(path: path, message: other.map {
                "the pack is built for rule-pack ABI v\($0); this ssmlint supports v\(Self.abiVersion)"
            } ?? "not an ssmlint rule pack (no ssmlint_pack_v\(Self.abiVersion)_manifest symbol)")
        }
        guard let checkSymbol = dlsym(handle, "ssmlint_pack_v1_check"), let freeSymbol = dlsym(handle, "ssmlint_pack_v1_free") else {
            throw LoadError(path: path, message: "the pack exports a manifest but not ssmlint_pack_v1_check and ssmlint_pack_v1_free")
        }
        typealias ManifestFunction = @convention(c) () -> UnsafePointer<CChar>?
        let manifest = unsafeBitCast(manifestSymbol, to: ManifestFunction.self)
        check = unsafeBitCast(checkSymbol, to: (@convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?).self)
        release = unsafeBitCast(freeSymbol, to: (@convention(c) (UnsafeMutablePointer<CChar>?) -> Void).self)
        guard let text = manifest() else { throw LoadError(path: path, message: "the manifest call returned nothing") }
        let parsed = try Self.parseManifest(String(cString: text), path: path)
        name = parsed.name
        version = parsed.version
        definitions = parsed.rules
    }

    /// The path dlopen is given: a name without a slash would make dlopen
    /// search the library path instead of loading the file that was named
    /// (and checked) in the current directory.
    public static func loadablePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    static func parseManifest(_ text: String, path: String) throws(LoadError) -> (name: String, version: String, rules: [RuleDefinition]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw LoadError(path: path, message: "the manifest is not a JSON object")
        }
        guard (object["abi"] as? Int) == abiVersion else {
            throw LoadError(path: path, message: "the manifest declares ABI \(object["abi"].map { "\($0)" } ?? "none"); this ssmlint supports v\(abiVersion)")
        }
        let name = object["name"] as? String ?? URL(fileURLWithPath: path).lastPathComponent
        guard let rules = object["rules"] as? [[String: Any]], !rules.isEmpty else {
            throw LoadError(path: path, message: "the manifest lists no rules")
        }
        var definitions: [RuleDefinition] = []
        for rule in rules {
            guard let id = rule["id"] as? String, Self.isRuleID(id),
                  let ruleName = rule["name"] as? String,
                  let severity = (rule["severity"] as? String).flatMap(Severity.init(rawValue:)) else {
                throw LoadError(path: path, message: "a manifest rule needs id (like ACME001), name and severity (error, warning or note): \(rule)")
            }
            let helpURI = rule["helpUri"] as? String ?? ""
            let linkItems = rule["links"] ?? [[String: Any]]()
            guard let items = linkItems as? [[String: Any]], helpURI.isEmpty || RuleLink.isValidURL(helpURI) else {
                throw LoadError(path: path, message: "rule \(id): links must be a list of {title, url} objects and helpUri an absolute http(s) URL")
            }
            var links: [RuleLink] = []
            for item in items {
                guard let title = item["title"] as? String, RuleLink.isValidTitle(title), let url = item["url"] as? String, RuleLink.isValidURL(url) else {
                    throw LoadError(path: path, message: "rule \(id): each link needs a one-line title and an absolute http(s) url")
                }
                links.append(RuleLink(title: title, url: url))
            }
            definitions.append(RuleDefinition(
                id: id, slug: rule["slug"] as? String ?? id.lowercased(), name: ruleName,
                summary: rule["summary"] as? String ?? ruleName, description: rule["description"] as? String ?? ruleName,
                remediation: rule["remediation"] as? String ?? "", helpURI: helpURI, links: links,
                severity: severity, securitySeverity: rule["securitySeverity"] as? String ?? "4.0",
                tags: rule["tags"] as? [String] ?? [], implementation: nil, examples: [],
                resourceTypes: rule["resources"] as? [String] ?? []))
        }
        return (name, object["version"] as? String ?? "", definitions)
    }

    /// `ACME001`: a capital letter, capitals and digits, three digits at the end.
    static func isRuleID(_ id: String) -> Bool {
        let scalars = Array(id.unicodeScalars)
        guard scalars.count >= 4, let first = scalars.first, ("A"..."Z").contains(first) else { return false }
        return scalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
            && scalars.suffix(3).allSatisfy { ("0"..."9").contains($0) }
    }

    /// Runs the pack on a model for one rule; returns the decoded response.
    func run(rule: String, model: String) -> Result<[String: Any], LoadError> {
        let request = "{\"abi\":\(Self.abiVersion),\"rules\":[\"\(rule)\"],\"model\":\(model)}"
        let text: String? = lock.withLock {
            request.withCString { pointer in
                guard let result = check(pointer) else { return nil }
                defer { release(result) }
                return String(cString: result)
            }
        }
        guard let text else { return .failure(LoadError(path: path, message: "the check call returned nothing")) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return .failure(LoadError(path: path, message: "the check call returned invalid JSON: \(text.prefix(80))"))
        }
        return .success(object)
    }

    /// One rule per manifest rule, all backed by this pack.
    public var rules: [RegisteredRule] {
        definitions.map { RegisteredRule(definition: $0, implementation: CompiledPackRule(pack: self, ruleID: $0.id)) }
    }
}

/// A rule implemented by a compiled pack.
struct CompiledPackRule: Rule {
    let pack: CompiledPack
    let ruleID: String

    /// The pack receives the whole model, properties included.
    var readsResourceProperties: Bool { true }

    func check(_ context: RuleContext, _ report: inout RuleReport) {
        // Every rule of a pack gets the same model: encode it once per input.
        let model = context.derived.value(ModelJSON.encodedKey) { ModelJSON.encode(context.model).serialized(indent: false) }
        switch pack.run(rule: ruleID, model: model) {
        case .failure(let error):
            report.toolError("rule pack \(error.path): \(error.message)")
        case .success(let response):
            for item in response["evaluated"] as? [[String: Any]] ?? [] {
                guard (item["ruleId"] as? String) == ruleID, let id = item["resource"] as? String,
                      context.model.resource(ResourceID(id)) != nil else { continue }
                report.evaluated(ResourceID(id))
            }
            for item in response["findings"] as? [[String: Any]] ?? [] {
                guard (item["ruleId"] as? String) == ruleID else { continue }
                guard let id = item["resource"] as? String, let resource = context.model.resource(ResourceID(id)),
                      let message = item["message"] as? String else {
                    report.toolError("rule pack \(pack.path): a \(ruleID) finding names no resource of the input or has no message")
                    continue
                }
                report.violation(at: resource.info, message: message, fix: item["fix"] as? String,
                                 variant: item["variant"] as? String, key: item["key"] as? String ?? "")
            }
        }
    }
}
