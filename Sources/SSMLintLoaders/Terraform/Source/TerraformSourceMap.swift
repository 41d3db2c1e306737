import SSMLintModel

/// Where the resources of a Terraform plan are declared in its configuration:
/// resource address -> the `resource "TYPE" "NAME"` block in a `.tf` file of
/// the root module or of a module it calls (local sources, or what terraform
/// init recorded in .terraform/modules/modules.json), with the
/// `# ssmlint:ignore` comments directly above each block.
///
/// A plan has no file names or line numbers, and the plan JSON is rarely in
/// the repository, so findings shown on the `.tf` line are the ones a pull
/// request diff can display.
public struct TerraformSourceMap: Sendable {
    /// One `resource` (or `data`) block.
    public struct Declaration: Sendable, Hashable {
        public var location: SourceLocation
        /// The `ssmlint:ignore` comments directly above the block, with where each is written.
        public var ignoreComments: [IgnoreComment]
    }

    public struct IgnoreComment: Sendable, Hashable {
        public var comment: TerraformIgnoreComment
        public var location: SourceLocation
    }

    private var declarations: [TerraformResourceAddress: Declaration] = [:]
    /// Module path -> why its files cannot be read.
    public private(set) var unavailableModules: [String: String] = [:]
    /// Problems in the `.tf` files a user should see: a file that was not
    /// read, text that is not valid HCL, an `ssmlint:ignore` comment that
    /// stands above no resource block.
    public private(set) var warnings: [InputWarning] = []
    /// How many `.tf` files were read.
    public private(set) var filesRead = 0

    /// Reads the configuration rooted at `directory`. `moduleSources` maps
    /// every module path of the plan (`module.a.module.b`) to its `source` as
    /// written; `boundary` is the tree outside which nothing is read (symlinks
    /// included); `display` turns a file path into the one reports show.
    public init(directory: String, moduleSources: [String: String], boundary: String,
                display: (String) -> String, limits: TerraformSourceLimits = TerraformSourceLimits()) {
        guard var files = TerraformSourceFiles(boundary: boundary, limits: limits) else { return }
        let root = TerraformSourceFiles.normalized(directory)
        var scanned: [String: [ScannedFile]] = [:]
        for (module, resolution) in TerraformModuleDirectories.resolve(root: root, sources: moduleSources, files: &files)
            .sorted(by: { $0.key < $1.key }) {
            switch resolution {
            case .unavailable(let reason):
                unavailableModules[module] = reason
            case .directory(let path):
                // A module called several times (or from several places) is read once.
                let directoryFiles = scanned[path] ?? scan(directory: path, files: &files, display: display)
                scanned[path] = directoryFiles
                index(module: module, files: directoryFiles)
            }
        }
        filesRead = files.filesRead
    }

    /// The block that declares a resource instance; an implicit resource (a
    /// VPC's default security group) is declared by its owner's block.
    public func declaration(of resource: ResourceID) -> Declaration? {
        let address = resource.implicit?.owner.rawValue ?? resource.rawValue
        return TerraformResourceAddress(address).flatMap { declarations[$0] }
    }

    /// Why a resource's block was not found, for a remark.
    public func whyNotFound(_ resource: ResourceID) -> String {
        guard let address = TerraformResourceAddress(resource.implicit?.owner.rawValue ?? resource.rawValue) else {
            return "not a resource address"
        }
        var module = address.modulePath
        while !module.isEmpty {
            if let reason = unavailableModules[module] { return "\(module): \(reason)" }
            module = TerraformModuleDirectories.parentPath(module)
        }
        return "no \(address.blockType) \"\(address.type)\" \"\(address.name)\" block in the module's .tf files"
    }

    /// The suppressions the comments above the blocks make for these resources:
    /// one per resource instance and rule, so every instance of a `count` or
    /// `for_each` resource is covered. Comments above blocks of resources that
    /// are not among them do nothing.
    public func ignoreDirectives(for resources: [ResourceID]) -> [IgnoreDirective] {
        var directives: [IgnoreDirective] = []
        var seen = Set<ResourceID>()
        for resource in resources where seen.insert(resource).inserted {
            for written in declaration(of: resource)?.ignoreComments ?? [] {
                for rule in written.comment.rules {
                    directives.append(IgnoreDirective(rule: rule, reason: written.comment.reason, expires: written.comment.expires,
                                                      resource: resource, location: written.location))
                }
            }
        }
        return directives
    }

    /// A `.tf` file as read: the path reports show and what the scanner found.
    private struct ScannedFile {
        var shown: String
        var scan: HCLScan
    }

    /// Indexes the resource blocks of one module (a directory may serve several).
    private mutating func index(module: String, files: [ScannedFile]) {
        for file in files {
            for block in file.scan.blocks where (block.type == "resource" || block.type == "data") && block.labels.count == 2 {
                let address = TerraformResourceAddress(modulePath: module, blockType: block.type, type: block.labels[0], name: block.labels[1])
                // Duplicate blocks are a Terraform error; the first (primary files before overrides) declares it.
                guard declarations[address] == nil else { continue }
                let logical = [module, block.type == "data" ? "data" : "", block.labels[0], block.labels[1]]
                    .filter { !$0.isEmpty }.joined(separator: ".")
                let comments = block.leadingComments.filter(\.isLineComment).compactMap { comment -> IgnoreComment? in
                    guard let directive = TerraformIgnoreComment(comment.text), !directive.rules.isEmpty else { return nil }
                    let range = SourceRange(start: comment.position, end: SourcePosition(line: comment.endLine, column: comment.position.column))
                    return IgnoreComment(comment: directive, location: SourceLocation(file: file.shown, range: range, logicalPath: logical))
                }
                declarations[address] = Declaration(
                    location: SourceLocation(file: file.shown, range: SourceRange(start: block.position, end: block.end), logicalPath: logical),
                    ignoreComments: comments)
            }
        }
    }

    /// Reads and scans a directory's `.tf` files once, with warnings for what
    /// was not read, text that is not valid HCL, and `ssmlint:ignore` comments
    /// that cannot apply to anything.
    private mutating func scan(directory: String, files: inout TerraformSourceFiles, display: (String) -> String) -> [ScannedFile] {
        var result: [ScannedFile] = []
        for name in files.terraformFiles(in: directory) {
            let path = directory + "/" + name
            let shown = display(path)
            let bytes: [UInt8]
            switch files.read(path) {
            case .failure(let refusal):
                warnings.append(InputWarning(message: "\(refusal.message); findings on its resources stay on the plan's lines",
                                             position: nil, file: shown))
                continue
            case .success(let read):
                bytes = read
            }
            let scan = HCLBlockScanner.scan(bytes)
            if let problem = scan.problem {
                warnings.append(InputWarning(message: "\(problem.message); resource blocks after this point are not found",
                                             position: problem.position, file: shown))
            }
            let attached = Set(scan.blocks.filter { $0.type == "resource" || $0.type == "data" }.flatMap(\.leadingComments).map(\.position))
            for comment in scan.comments where comment.isLineComment {
                guard let directive = TerraformIgnoreComment(comment.text) else { continue }
                if !attached.contains(comment.position) {
                    warnings.append(InputWarning(message: "this ssmlint:ignore comment is not directly above a resource block, so it suppresses nothing",
                                                 position: comment.position, file: shown))
                } else if directive.rules.isEmpty {
                    warnings.append(InputWarning(message: "this ssmlint:ignore comment names no rule, so it suppresses nothing; write the rule ID after it (ssmlint:ignore SSM006 reason)",
                                                 position: comment.position, file: shown))
                }
            }
            result.append(ScannedFile(shown: shown, scan: scan))
        }
        return result
    }
}
