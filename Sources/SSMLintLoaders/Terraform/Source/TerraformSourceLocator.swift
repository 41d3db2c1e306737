import Foundation

/// Finds the Terraform configuration a plan was made from: the directory given
/// (`--terraform-source`, or `terraformSource:` in the configuration file) for
/// every plan, else the plan file's own directory when it holds `*.tf` files.
public struct TerraformSourceLocator: Sendable {
    /// The configuration's root module directory; nil: each plan's directory.
    public var directory: String?
    /// The report root. Nothing outside it is read, unless the given directory
    /// itself lies outside it (then nothing outside that directory is read).
    public var root: String
    /// File path -> the path reports show (relative to the report root).
    public var display: @Sendable (String) -> String
    public var limits: TerraformSourceLimits

    public init(directory: String?, root: String, display: @escaping @Sendable (String) -> String,
                limits: TerraformSourceLimits = TerraformSourceLimits()) {
        self.directory = directory
        self.root = root
        self.display = display
        self.limits = limits
    }

    /// The source map for a plan read from `planPath` (nil: standard input),
    /// or nil when there is no configuration to read.
    public func map(forPlanAt planPath: String?, moduleSources: [String: String]) -> TerraformSourceMap? {
        let source: String
        if let directory {
            source = directory
        } else {
            guard let planPath else { return nil }
            let planDirectory = (planPath as NSString).deletingLastPathComponent
            source = planDirectory.isEmpty ? "." : planDirectory
            guard Self.holdsTerraformFiles(source) else { return nil }
        }
        let absolute = URL(fileURLWithPath: source).standardizedFileURL.path
        let boundary = Self.isInside(absolute, root) ? root : absolute
        return TerraformSourceMap(directory: absolute, moduleSources: moduleSources, boundary: boundary, display: display, limits: limits)
    }

    static func holdsTerraformFiles(_ directory: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.contains { $0.hasSuffix(".tf") && !$0.hasPrefix(".") }
    }

    /// Whether `path` is `directory` or lies below it, both with symlinks resolved.
    static func isInside(_ path: String, _ directory: String) -> Bool {
        guard let real = TerraformSourceFiles.realPath(path), let base = TerraformSourceFiles.realPath(directory) else { return false }
        return real == base || real.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }
}
