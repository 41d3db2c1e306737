import SSMLintEngine
import SSMLintLoaders

/// A CDK cloud assembly (`cdk.out`) among the inputs: its `manifest.json`
/// names the stack each template deploys as, which fixes `AWS::StackName`
/// (exports named after their stack then link). `--stack-name` and the
/// configuration file win over the manifest.
extension ScanPipeline {
    struct CloudAssemblies {
        /// Stack name by the displayed path of a template the manifest lists.
        var stackNames: [String: String] = [:]
        /// Each manifest's outcome by input index: read (skipped, it is no
        /// template) or a one-line error.
        var manifests: [Int: Scanned] = [:]
    }

    /// This pipeline with the assemblies' stack names for templates that have none from the command line or configuration.
    func naming(_ assemblies: CloudAssemblies) -> ScanPipeline {
        guard !assemblies.stackNames.isEmpty else { return self }
        var named = self
        let names = assemblies.stackNames
        named.options = { [options] path in
            var options = options(path)
            if options.stackName == nil { options.stackName = names[path] }
            return options
        }
        return named
    }

    func cloudAssemblies(_ inputs: [InputCollector.Input]) -> CloudAssemblies {
        var result = CloudAssemblies()
        let manifestName = Array("manifest.json".utf8)
        var byRealPath: [[UInt8]: Int]?
        for (index, input) in inputs.enumerated() {
            guard case .file(let path) = input.source, path.split(separator: UInt8(ascii: "/")).last.map(Array.init) == manifestName,
                  case .success(let bytes) = read(input, stdin: nil),
                  let parsed = CloudAssemblyManifest.parse(bytes, file: input.displayPath) else { continue }
            let manifest: CloudAssemblyManifest
            switch parsed {
            case .failure(let error):
                result.manifests[index] = .scanned(InputOutcome(path: input.displayPath, format: nil,
                                                                failure: InputFailure(message: error.message, position: error.position)))
                continue
            case .success(let read): manifest = read
            }
            guard let real = InputCollector.realPath(path) else { continue }
            let directory = Array(real[..<(real.lastIndex(of: UInt8(ascii: "/")) ?? 0)])
            if byRealPath == nil {
                var paths: [[UInt8]: Int] = [:]
                for (other, input) in inputs.enumerated() {
                    if case .file(let path) = input.source, let real = InputCollector.realPath(path) { paths[real] = other }
                }
                byRealPath = paths
            }
            var refused: (stack: CloudAssemblyManifest.Stack, why: String)?
            for stack in manifest.stacks {
                let written = Array(stack.templateFile.utf8)
                guard Self.isPlainFile(written, in: directory) else {
                    refused = refused ?? (stack, "is not a regular file in the assembly directory (a missing file or a symbolic link is not followed)")
                    continue
                }
                guard let template = InputCollector.realPath(PathBytes.join(directory, written)),
                      let other = byRealPath?[template] else { continue }
                result.stackNames[inputs[other].displayPath] = stack.stackName
            }
            if let refused {
                result.manifests[index] = .scanned(InputOutcome(path: input.displayPath, format: nil, failure: InputFailure(
                    message: "CDK assembly manifest: stack artifact \(refused.stack.artifactID): templateFile '\(refused.stack.templateFile)' \(refused.why)",
                    position: refused.stack.position)))
            } else {
                result.manifests[index] = .skipped(SkippedInput(path: input.displayPath,
                    reason: "CDK assembly manifest (read for the names of its \(manifest.stacks.count) stacks)"))
            }
        }
        return result
    }
}
