// swift-tools-version:6.1
// ssmlint: a static scanner for AWS Systems Manager Session Manager reachability.
// Layers (see README "Architecture"): YAML front end -> loaders -> model ->
// analysis -> rules -> engine -> reporters; the executable wires them together.
import PackageDescription

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
        // SHA-256 for SARIF partialFingerprints (OpenSSL; the release binary links it statically).
        .systemLibrary(
            name: "CLibCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        // The only code that includes libxml2 headers (ICU clash, architecture.md §6).
        .target(name: "CXMLWriter", dependencies: ["CLibXML2"]),

        // libyaml event loop -> node tree with ranges; serves YAML and JSON.
        .target(name: "SSMLintYAML", dependencies: ["CYAML"]),
        // The schema of rules/*.yaml, shared by the build-time registry
        // generator and run-time consumers.
        .target(name: "SSMLintRuleSchema", dependencies: ["SSMLintYAML"]),
        // Typed resources with tri-state values and provenance.
        .target(name: "SSMLintModel", dependencies: ["SSMLintYAML"]),
        // CloudFormation (YAML/JSON) and Terraform plan loaders.
        .target(name: "SSMLintLoaders", dependencies: ["SSMLintModel", "SSMLintYAML"]),
        // Derived network facts: compute targets, routes, DNS, SG coverage, paths.
        .target(name: "SSMLintAnalysis", dependencies: ["SSMLintModel"]),
        // Rule protocol, findings, engine.
        .target(name: "SSMLintKit", dependencies: ["SSMLintModel", "SSMLintAnalysis", "SSMLintRuleSchema"]),
        // Built-in rules; the registry is generated from rules/*.yaml.
        .target(
            name: "SSMLintRules",
            dependencies: ["SSMLintKit", "SSMLintModel"],
            plugins: ["RuleRegistryPlugin"]),
        // Console, SARIF, JUnit, JSON.
        .target(
            name: "SSMLintReporters",
            dependencies: [
                "SSMLintKit", "CXMLWriter", "CLibCrypto",
            ]),
        .executableTarget(
            name: "ssmlint",
            dependencies: [
                "SSMLintKit", "SSMLintLoaders", "SSMLintRules", "SSMLintReporters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

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
                "SSMLintYAML", "SSMLintModel", "SSMLintLoaders", "SSMLintKit",
                "SSMLintRules", "SSMLintReporters", "SSMLintRuleSchema", "SSMLintAnalysis", "ssmlint",
            ],
            resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
