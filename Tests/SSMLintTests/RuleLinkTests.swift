import Foundation
import SSMLintEngine
import SSMLintReporters
import SSMLintRuleSchema
import SSMLintRules
import Testing

/// Every rule says which documentation it rests on (`links:`), and users see
/// those links in `explain`, SARIF and docs/rules.md; no user-facing text cites
/// documents that users do not have.
@Suite("Rule documentation links")
struct RuleLinkTests {
    /// References to the project's internal research notes, which users never see.
    static func citesInternalDocuments(_ text: String) -> Bool {
        text.contains(#/\(F[0-9]+|domain\.md|architecture\.md|[Ss]eeds? 00[0-9]/#)
    }

    func parse(_ yaml: String) throws(RuleDefinitionError) -> RuleDefinition {
        try RuleDefinitionParser(file: "ACME001.yaml").parse(Array(yaml.utf8)).0
    }

    static let head = "id: ACME001\nname: Example\nseverity: warning\n"

    @Test("links parse in order, with their titles")
    func parsesLinks() throws {
        let rule = try parse(Self.head + """
            links:
              - title: "Amazon VPC User Guide: Security group rules"
                url: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
              - {title: 'AWS::EC2::SecurityGroup', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html#cfn-ec2-securitygroup-securitygroupegress'}
            """)
        #expect(rule.links == [
            RuleLink(title: "Amazon VPC User Guide: Security group rules",
                     url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"),
            RuleLink(title: "AWS::EC2::SecurityGroup",
                     url: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html#cfn-ec2-securitygroup-securitygroupegress"),
        ])
        #expect(rule.helpURI.isEmpty)
        #expect(rule.helpLink == "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
                "without helpUri, SARIF helpUri is the first link")
        let overridden = try parse(Self.head + "helpUri: https://wiki.example.com/acme001\nlinks: [{title: T, url: 'https://example.com/a'}]\n")
        #expect(overridden.helpLink == "https://wiki.example.com/acme001")
        #expect(try parse(Self.head).links.isEmpty)
    }

    @Test("a link URL that is not an absolute http(s) URL of URI characters is refused at its position",
          arguments: ["ftp://example.com/a", "https://", "https:///path", "https://exa mple.com", "docs.aws.amazon.com/vpc",
                      "https://example.com/%zz", "javascript:alert(1)", "https://example.com/\\u001B[31m", "https://例え.jp/"])
    func refusesBadURLs(_ url: String) {
        let yaml = Self.head + "links:\n  - title: T\n    url: \"\(url)\"\n"
        let error = #expect(throws: RuleDefinitionError.self) { try parse(yaml) }
        #expect(error?.message.contains("absolute http(s) URL") == true)
        #expect(error?.position.line == 6 && error?.position.column == 10)
    }

    @Test("a link needs a one-line title, only title and url keys, and a list")
    func refusesMalformedLinks() {
        let cases: [(String, String)] = [
            ("links:\n  - title: \"two\\nlines\"\n    url: https://example.com/a\n", "one non-empty line"),
            ("links:\n  - title: \"\"\n    url: https://example.com/a\n", "one non-empty line"),
            ("links:\n  - url: https://example.com/a\n", "missing required key 'title'"),
            ("links:\n  - title: T\n    url: https://example.com/a\n    href: x\n", "unknown link key 'href'"),
            ("links: https://example.com/a\n", "links must be a list"),
            ("links: [https://example.com/a]\n", "each link must be a mapping"),
            ("links:\n  - {title: A, url: 'https://example.com/a'}\n  - {title: B, url: 'https://example.com/a'}\n", "duplicate link url"),
            ("helpUri: not a url\n", "helpUri must be an absolute http(s) URL"),
        ]
        for (yaml, message) in cases {
            let error = #expect(throws: RuleDefinitionError.self) { try parse(Self.head + yaml) }
            #expect(error?.message.contains(message) == true, "\(yaml): \(error?.message ?? "no error")")
        }
    }

    @Test("markdown links escape what would end the label or the target")
    func markdown() {
        #expect(RuleLink(title: "AWS::EC2::VPC", url: "https://example.com/a").markdown == "[AWS::EC2::VPC](https://example.com/a)")
        #expect(RuleLink(title: "aws_vpc [b] `c` <d>", url: "https://example.com/x_(y)").markdown
                == #"[aws_vpc \[b\] \`c\` \<d\>](https://example.com/x_%28y%29)"#)
    }

    @Test("every built-in rule has AWS documentation links, a derived help page and self-contained text")
    func builtInRules() {
        for rule in BuiltInRules.definitions {
            #expect(!rule.links.isEmpty, "\(rule.id) has no links")
            for link in rule.links {
                #expect(RuleLink.isValidURL(link.url) && RuleLink.isValidTitle(link.title), "\(rule.id): \(link)")
            }
            #expect(rule.helpURI == ProjectLinks.ruleDocumentation(rule.id))
            #expect(rule.helpURI == "\(ProjectLinks.repository)/blob/main/docs/rules.md#\(rule.id.lowercased())")
            // GitHub code scanning truncates longer descriptions.
            #expect(rule.description.count <= 1024, "\(rule.id): description has \(rule.description.count) characters")
            let texts = [rule.name, rule.summary, rule.description, rule.remediation] + rule.examples.map(\.description)
            for text in texts {
                #expect(!Self.citesInternalDocuments(text), "\(rule.id) cites an internal document: \(text)")
            }
        }
    }

    @Test("no user-facing file (README, docs, rules and their examples) cites internal documents")
    func userFacingFiles() throws {
        let root = Paths.repository
        var files = [root.appendingPathComponent("README.md")]
        for directory in ["docs", "rules", "examples"] {
            let enumerator = try #require(FileManager.default.enumerator(at: root.appendingPathComponent(directory), includingPropertiesForKeys: [.isRegularFileKey]))
            // Screenshots (docs/examples/*.png) hold no text.
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                && url.pathExtension != "png" {
                files.append(url)
            }
        }
        #expect(files.count > 100)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!Self.citesInternalDocuments(text), "\(file.path) cites an internal document")
        }
    }

    @Test("explain prints every built-in rule's links, its help page and where the shared model is explained")
    func explain() throws {
        for rule in BuiltInRules.definitions {
            let result = try CLI.run(["explain", rule.id])
            #expect(result.status == 0)
            #expect(result.stdout.contains("\nDocumentation:\n"), "\(rule.id)")
            for link in rule.links {
                #expect(result.stdout.contains("  \(link.title)\n    \(link.url)\n"), "\(rule.id): \(link.url)")
            }
            #expect(result.stdout.contains("More: \(ProjectLinks.ruleDocumentation(rule.id))"))
            #expect(result.stdout.contains(ProjectLinks.howItDecides))
        }
    }

    @Test("explain prints a declarative pack rule's links")
    func explainPackRule() throws {
        let pack = Paths.repository.appendingPathComponent("examples/rule-pack").path
        let result = try CLI.run(["explain", "ACME002", "--rules-dir", pack])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Documentation:\n  AWS Systems Manager User Guide: SSH connections through Session Manager\n    https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-getting-started-enable-ssh-connections.html\n"))
        #expect(!result.stdout.contains(ProjectLinks.howItDecides), "how-it-decides describes the built-in rules only")
    }

    @Test("a malformed link in a pack stops the run with exit 64 and its position")
    func packWithBadLink() throws {
        let directory = try CLI.temporaryDirectory()
        let rule = try String(contentsOf: Paths.repository.appendingPathComponent("examples/rule-pack/ACME003.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "url: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
                                  with: "url: docs.aws.amazon.com/vpc")
        try rule.write(to: directory.appendingPathComponent("ACME003.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["rules", "--rules-dir", directory.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("ACME003.yaml:7:10:"), "\(result.stderr)")
        #expect(result.stderr.contains("absolute http(s) URL"))
    }

    @Test("SARIF rule descriptors carry the links in help and the rule's page in helpUri; informationUri is the project's")
    func sarif() throws {
        let template = """
            Resources:
              SshGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: ssh
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
            """
        let pack = Paths.repository.appendingPathComponent("examples/rule-pack").path
        let directory = try CLI.temporaryDirectory()
        let output = directory.appendingPathComponent("out.sarif")
        let result = try CLI.run(["scan", "-", "--rules-dir", pack, "--format", "sarif", "--output", output.path], stdin: template)
        #expect(result.status == 1, "\(result.stderr)")
        try ReportValidation.sarif([output])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["informationUri"] as? String == ProjectLinks.repository)
        let descriptors = try #require(driver["rules"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: descriptors.map { ($0["id"] as! String, $0) })
        for rule in BuiltInRules.definitions {
            let descriptor = try #require(byID[rule.id])
            #expect(descriptor["helpUri"] as? String == ProjectLinks.ruleDocumentation(rule.id))
            let help = try #require(descriptor["help"] as? [String: String])
            let markdown = try #require(help["markdown"]), text = try #require(help["text"])
            #expect(markdown.contains("**Documentation.**"))
            for link in rule.links {
                #expect(markdown.contains("- \(link.markdown)"), "\(rule.id): \(link.url)")
                #expect(text.contains("- \(link.title): \(link.url)"), "\(rule.id): \(link.url)")
            }
            #expect(!Self.citesInternalDocuments(markdown) && !Self.citesInternalDocuments(text))
        }
        let acme = try #require(byID["ACME003"])
        #expect(acme["helpUri"] as? String == "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
                "a pack rule without helpUri points at its first link")
        if let check = try CLI.check("check-sarif", [output.path]) {
            #expect(check.status == 0, "\(check.stdout)")
        }
    }

    @Test("a compiled pack's manifest may carry links; explain and SARIF show them")
    func compiledPackLinks() throws {
        let plugin = CompiledPackTests.examplePack.path
        let explain = try CLI.run(["explain", "EXAMPLE001", "--plugin", plugin])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("Documentation:\n  Amazon EC2 User Guide: Configure the instance metadata options\n    https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html\n"))
        let bad = try CompiledPackTests.library("badlinks", """
            const char *ssmlint_pack_v1_manifest(void) { return "{\\"abi\\":1,\\"rules\\":[{\\"id\\":\\"TEST001\\",\\"name\\":\\"t\\",\\"severity\\":\\"error\\",\\"links\\":[{\\"title\\":\\"t\\",\\"url\\":\\"javascript:alert(1)\\"}]}]}"; }
            char *ssmlint_pack_v1_check(const char *r) { return 0; }
            void ssmlint_pack_v1_free(char *r) {}
            """)
        let result = try CLI.run(["rules", "--plugin", bad.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("rule TEST001: each link needs a one-line title and an absolute http(s) url"), "\(result.stderr)")
    }

    @Test("docs/rules.md lists every rule's links and points to how-it-decides.md, which exists")
    func documentation() throws {
        let docs = try String(contentsOf: Paths.repository.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        for rule in BuiltInRules.definitions {
            for link in rule.links { #expect(docs.contains("- \(link.markdown)\n"), "\(rule.id): \(link.url)") }
        }
        #expect(docs.contains("(how-it-decides.md)"))
        let decides = try String(contentsOf: Paths.repository.appendingPathComponent("docs/how-it-decides.md"), encoding: .utf8)
        #expect(decides.contains("## DNS decides the path"))
    }
}
