// swift-tools-version:6.1
// ssmlint: a static scanner for AWS Systems Manager Session Manager reachability.
// Layers (see README "Architecture"): YAML front end -> loaders -> model ->
// analysis -> rules -> engine (+ rule packs) -> reporters; the executable
// wires them together.
import PackageDescription

// Release builds optimise across modules: every layer works on the model's
// types, and a 17,000-resource template scanned 5-10% faster.
let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "ssmlint",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ssmlint", targets: ["ssmlint"]),
        // An example compiled rule pack (docs/rule-packs.md): load it with --plugin.
        .library(name: "SSMLintExamplePack", type: .dynamic, targets: ["ExamplePack"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries from Debian packages.
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        // SHA-256 for finding fingerprints (OpenSSL; the release binary links it statically).
        .systemLibrary(
            name: "CLibCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        // The only code that includes libxml2 headers (ICU clash, architecture.md §6).
        .target(name: "CXMLWriter", dependencies: ["CLibXML2"]),

        // Positions and ranges in source files, shared by the YAML front end and
        // the model (so the model does not link libyaml).
        .target(name: "SSMLintSource", swiftSettings: crossModule),
        // libyaml event loop -> node tree with ranges; serves YAML and JSON.
        .target(name: "SSMLintYAML", dependencies: ["CYAML", "SSMLintSource"], swiftSettings: crossModule),
        // The schema of rules/*.yaml, shared by the build-time registry
        // generator and run-time consumers.
        .target(name: "SSMLintRuleSchema", dependencies: ["SSMLintYAML"], swiftSettings: crossModule),
        // Typed resources with tri-state values and provenance.
        .target(name: "SSMLintModel", dependencies: ["SSMLintSource"], swiftSettings: crossModule),
        // CloudFormation (YAML/JSON) and Terraform plan loaders.
        .target(name: "SSMLintLoaders", dependencies: ["SSMLintModel", "SSMLintYAML"], swiftSettings: crossModule),
        // Derived network facts: compute targets, routes, DNS, SG coverage, paths.
        .target(name: "SSMLintAnalysis", dependencies: ["SSMLintModel"], swiftSettings: crossModule),
        // The engine core: rule protocol, findings, engine, selection, the scan run.
        .target(
            name: "SSMLintEngine",
            dependencies: [
                "SSMLintModel", "SSMLintAnalysis", "SSMLintRuleSchema", "CLibCrypto",
            ],
            swiftSettings: crossModule),
        // Rule packs: the declarative interpreter, the compiled-pack host, the
        // model as JSON, and the catalogue of built-in and pack rules.
        .target(name: "SSMLintPacks", dependencies: ["SSMLintEngine", "SSMLintYAML"], swiftSettings: crossModule),
        // Built-in rules; the registry is generated from rules/*.yaml.
        .target(
            name: "SSMLintRules",
            dependencies: ["SSMLintEngine", "SSMLintPacks"],
            swiftSettings: crossModule,
            plugins: ["RuleRegistryPlugin"]),
        // One input through loader, analysis and engine: rule examples (for the
        // tests and `rules --verify`).
        .target(name: "SSMLintScan", dependencies: ["SSMLintLoaders", "SSMLintEngine"], swiftSettings: crossModule),
        // The network as the analysis sees it, with the findings on its edges:
        // DOT, Mermaid, and SVG through Graphviz.
        .target(name: "SSMLintGraph", dependencies: ["SSMLintEngine", "SSMLintReporters"], swiftSettings: crossModule),
        // Console, SARIF, JUnit, JSON, Markdown, HTML.
        .target(
            name: "SSMLintReporters",
            dependencies: [
                "SSMLintEngine", "CXMLWriter",
            ],
            swiftSettings: crossModule),
        .executableTarget(
            name: "ssmlint",
            dependencies: [
                "SSMLintEngine", "SSMLintPacks", "SSMLintLoaders", "SSMLintScan", "SSMLintRules", "SSMLintReporters", "SSMLintGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: crossModule),

        // The example compiled pack: a C-shaped ABI over JSON, no ssmlint types.
        .target(name: "ExamplePack"),

        // Build-time: rules/*.yaml -> Swift registry.
        .executableTarget(name: "RuleRegistryGenerator", dependencies: ["SSMLintRuleSchema"]),
        .plugin(
            name: "RuleRegistryPlugin", capability: .buildTool(),
            dependencies: ["RuleRegistryGenerator"]),

        // `swift package generate-rule-docs`: rules/*.yaml -> docs/rules.md.
        .executableTarget(name: "RuleDocsGenerator", dependencies: ["SSMLintRuleSchema"]),
        .plugin(
            name: "RuleDocsPlugin",
            capability: .command(
                intent: .custom(verb: "generate-rule-docs", description: "Write docs/rules.md from rules/*.yaml"),
                permissions: [.writeToPackageDirectory(reason: "writes docs/rules.md")]),
            dependencies: ["RuleDocsGenerator"]),

        .testTarget(
            name: "SSMLintTests",
            dependencies: [
                "SSMLintSource", "SSMLintYAML", "SSMLintModel", "SSMLintLoaders", "SSMLintEngine", "SSMLintPacks", "SSMLintScan",
                "SSMLintRules", "SSMLintReporters", "SSMLintRuleSchema", "SSMLintAnalysis", "SSMLintGraph", "ssmlint",
            ],
            resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
