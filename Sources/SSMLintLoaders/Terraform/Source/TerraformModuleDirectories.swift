import SSMLintYAML

/// Where each module of a plan's configuration lives on disk. A local source
/// (`./modules/net`, `../shared`) is resolved against its parent module's
/// directory, as Terraform does; any other source (registry, git, archive)
/// was downloaded by `terraform init`, whose `.terraform/modules/modules.json`
/// in the root module's directory records the directory it went to. Without
/// that file such a module cannot be found.
enum TerraformModuleDirectories {
    enum Resolution: Equatable {
        case directory(String)
        /// Why the module's files cannot be read, said to users.
        case unavailable(String)
    }

    static let manifestPath = ".terraform/modules/modules.json"
    static let maxModules = 1_000

    /// Module path (`module.a.module.b`, "" for the root) -> directory.
    /// `sources` maps every module path of the plan to its `source` as written.
    static func resolve(root: String, sources: [String: String], files: inout TerraformSourceFiles) -> [String: Resolution] {
        var result: [String: Resolution] = ["": .directory(root)]
        let manifest = readManifest(root: root, files: &files)
        // Parents before children: a local source is relative to its parent's directory.
        let ordered = sources.keys.sorted { (depth($0), $0) < (depth($1), $1) }
        for (count, path) in ordered.enumerated() {
            guard count < maxModules else {
                result[path] = .unavailable("the configuration has more than \(maxModules) module calls; the rest are not read")
                continue
            }
            let source = sources[path] ?? ""
            // Where terraform init put the module, if it says and that is inside the tree.
            let recorded = manifest[manifestKey(path)]
                .map { TerraformSourceFiles.normalized($0.hasPrefix("/") ? $0 : root + "/" + $0) }
                .flatMap { files.isDirectory($0) ? $0 : nil }
            if isLocal(source) {
                let local: String? = {
                    guard case .directory(let parent)? = result[parentPath(path)] else { return nil }
                    let directory = TerraformSourceFiles.normalized(parent + "/" + source)
                    return files.isDirectory(directory) ? directory : nil
                }()
                if let directory = local ?? recorded {
                    result[path] = .directory(directory)
                } else if case .unavailable(let reason)? = result[parentPath(path)] {
                    result[path] = .unavailable("its parent module cannot be found: \(reason)")
                } else {
                    result[path] = .unavailable("its source \(source) does not lead to a directory inside the source tree")
                }
            } else if let recorded {
                result[path] = .directory(recorded)
            } else {
                result[path] = .unavailable("its source \(source) is not a local directory, and \(manifestPath) (written by terraform init) does not say where it was installed")
            }
        }
        return result
    }

    /// `./x`, `../x` (Terraform's local paths; anything else is downloaded).
    static func isLocal(_ source: String) -> Bool {
        source.hasPrefix("./") || source.hasPrefix("../") || source == "." || source == ".."
    }

    /// How many module calls deep: `module.a.module.b` is 2 (names never hold dots).
    static func depth(_ path: String) -> Int {
        path.split(separator: ".").count / 2
    }

    /// `module.a.module.b` -> `module.a`; a top-level module's parent is the root ("").
    static func parentPath(_ path: String) -> String {
        path.split(separator: ".").dropLast(2).joined(separator: ".")
    }

    /// `module.a.module.b` -> `a.b`, the key modules.json uses.
    static func manifestKey(_ path: String) -> String {
        path.split(separator: ".").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }.joined(separator: ".")
    }

    /// modules.json's Key -> Dir (relative to the root module's directory); empty when absent or unreadable.
    static func readManifest(root: String, files: inout TerraformSourceFiles) -> [String: String] {
        let path = root + "/" + manifestPath
        guard files.contains(path), case .success(let bytes) = files.read(path),
              let document = try? YAMLParser.parse(bytes), let modules = document["Modules"]?.sequence else { return [:] }
        var result: [String: String] = [:]
        for module in modules {
            guard let key = module["Key"]?.scalar, !key.isEmpty, let directory = module["Dir"]?.scalar, !directory.isEmpty else { continue }
            result[key] = directory
        }
        return result
    }
}
