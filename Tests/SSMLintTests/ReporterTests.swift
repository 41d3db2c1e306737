import Foundation
import SSMLintEngine
import SSMLintPacks
import SSMLintReporters
import SSMLintRules
import Testing

@Suite("Reporters")
struct ReporterTests {
    static let template = """
        Resources:
          VPC:
            Type: AWS::EC2::VPC
            Properties: {CidrBlock: 10.0.0.0/16}
          Endpoint:
            Type: AWS::EC2::VPCEndpoint
            Properties:
              VpcId: !Ref VPC
              ServiceName: !Sub com.amazonaws.${AWS::Region}.ssmmessages
              VpcEndpointType: Interface
              PrivateDnsEnabled: true
              SubnetIds: [subnet-0123456789abcdef0]
              SecurityGroupIds: [sg-0123456789abcdef0]
          SshGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
        """

    func run(_ text: String, path: String = "stack.yaml", failOn: FailureThreshold = .error) throws -> ScanRun {
        let result = try Scan.run(text, file: path)
        return ScanRun(
            tool: ToolInfo(name: "ssmlint", version: "0.1.0", informationURI: ProjectLinks.repository),
            rules: BuiltInRules.definitions,
            inputs: [InputOutcome(path: path, format: .cloudFormation, findings: result.findings, evaluations: result.evaluations)],
            failOn: failOn)
    }

    func sarifResults(_ run: ScanRun) throws -> [[String: Any]] {
        let text = try SARIFReporter(rootDirectory: "/work").render(run)
        try ReportValidation.sarif(text: text)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let runs = try #require(json["runs"] as? [[String: Any]])
        return try #require(runs.first?["results"] as? [[String: Any]])
    }

    @Test("SARIF names each result's primary resource by its logical ID")
    func logicalLocations() throws {
        let results = try sarifResults(try run(Self.template))
        var names: [String: String] = [:]
        for result in results {
            let locations = try #require(result["locations"] as? [[String: Any]])
            let logical = try #require(locations.first?["logicalLocations"] as? [[String: Any]])
            names[result["ruleId"] as! String] = logical.first?["fullyQualifiedName"] as? String
            #expect(logical.first?["kind"] as? String == "resource")
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let region = try #require(physical["region"] as? [String: Any])
            #expect(region["startLine"] != nil && region["endLine"] != nil && region["startColumn"] != nil && region["endColumn"] != nil)
        }
        #expect(names == ["SSM001": "VPC", "SSM006": "SshGroup"])
        let ssm001 = try #require(results.first { $0["ruleId"] as? String == "SSM001" })
        let related = try #require(ssm001["relatedLocations"] as? [[String: Any]])
        let relatedName = (related.first?["logicalLocations"] as? [[String: Any]])?.first?["fullyQualifiedName"] as? String
        #expect(relatedName == "Endpoint")
    }

    @Test("partial fingerprints survive lines moving, and differ per resource")
    func fingerprints() throws {
        func prints(_ text: String) throws -> [String: String] {
            var result: [String: String] = [:]
            for item in try sarifResults(try run(text)) {
                let fingerprints = try #require(item["partialFingerprints"] as? [String: String])
                result[item["ruleId"] as! String] = fingerprints["ssmlint/v1"]
            }
            return result
        }
        let moved = "Description: a template\nMetadata:\n  Note: lines were added above\n" + Self.template
        let before = try prints(Self.template)
        let after = try prints(moved)
        #expect(before == after)
        #expect(before["SSM001"] != before["SSM006"])
        #expect(before.values.allSatisfy { $0.count == 64 })
        // SHA-256 of rule, file, resource and the rule's key, separated by U+001F: the
        // value ssmlint has always written here. Another value would reopen every alert
        // code scanning tracks, and would need a new key (ssmlint/v2).
        #expect(before["SSM006"] == "1ff4bc8d010a7459e0530bca3eb206364a13f716a52b1a965041c58ac0483f4c")
    }

    @Test("JUnit: one test case per evaluated pair, unique names, failures carry file:line and the fix once")
    func junit() throws {
        let scan = try run(Self.template)
        let text = try JUnitReporter().render(scan)
        try ReportValidation.junit(text: text)
        // classname FILE.RULE: Jenkins shows the file as the package and the rule as the class.
        #expect(text.contains("<testcase classname=\"stack.yaml.SSM006\" name=\"SshGroup\">"))
        #expect(text.contains("<testcase classname=\"stack.yaml.SSM001\" name=\"VPC\">"))
        #expect(text.contains("<testcase classname=\"stack.yaml.SSM013\" name=\"Endpoint\"/>"), "a passing pair is a passing test case")
        #expect(text.contains("stack.yaml:18:30: error: [SSM006]"))
        #expect(text.contains("  fix: Remove the rule and reach the instances with Session Manager"))
        #expect(!text.contains("Remediation: "), "findings with a fix of their own do not repeat the rule's remediation")
        let evaluated = scan.inputs[0].evaluations.count
        #expect(text.contains("tests=\"\(evaluated)\" failures=\"2\""))
        let names = text.components(separatedBy: "<testcase ").dropFirst().map { $0.prefix { $0 != ">" } }
        #expect(names.count == evaluated)
        #expect(Set(names).count == names.count)
    }

    @Test("JUnit: a report of hundreds of cases reaches its destination in chunks, whole and valid")
    func junitStreamed() throws {
        var template = "Resources:\n"
        for index in 0..<300 {
            template += """
                Vpc\(index):
                  Type: AWS::EC2::VPC
                  Properties: {CidrBlock: 10.0.0.0/16}
                Ssh\(index):
                  Type: AWS::EC2::SecurityGroup
                  Properties:
                    GroupDescription: ssh
                    VpcId: !Ref Vpc\(index)
                    SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]

            """
        }
        let scan = try run(template)
        struct Chunks: JSONOutput {
            var bytes: [UInt8] = []
            var appends = 0
            mutating func append(_ byte: UInt8) { bytes.append(byte); appends += 1 }
            mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes.append(contentsOf: bytes); appends += 1 }
        }
        var chunks = Chunks()
        try JUnitReporter().write(scan, to: &chunks)
        let evaluated = scan.inputs[0].evaluations.count
        #expect(evaluated > 2 * 256, "more than two chunks")
        #expect(chunks.appends > evaluated / 256, "written as it is made, not at the end")
        let text = String(decoding: chunks.bytes, as: UTF8.self)
        try ReportValidation.junit(text: text)
        #expect(text.components(separatedBy: "<testcase ").count - 1 == evaluated)
        #expect(text.contains("tests=\"\(evaluated)\" failures=\"300\""))
        #expect(try JUnitReporter().render(scan) == text)
    }

    @Test("JUnit: what fails does not depend on --fail-on, which only sets the exit status")
    func junitThreshold() throws {
        let strict = try JUnitReporter().render(try run(Self.template, failOn: .error))
        let never = try JUnitReporter().render(try run(Self.template, failOn: .never))
        #expect(strict == never)
        #expect(never.contains("failures=\"2\""))
    }

    @Test("JUnit: a file with nothing to evaluate is one passing case; suppressed findings are skipped cases with the reason")
    func junitEmptyAndSuppressed() throws {
        var scan = try run("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n", path: "bucket.yaml")
        #expect(try JUnitReporter().render(scan).contains("<testcase classname=\"bucket.yaml.input\" name=\"scan\">"))
        scan = try run(Self.template)
        let index = try #require(scan.inputs[0].findings.firstIndex { $0.ruleID == "SSM006" })
        scan.inputs[0].findings[index].suppression = Suppression(kind: .inSource, reason: "approved bastion", expires: nil, origin: "stack.yaml:3:5")
        let text = try JUnitReporter().render(scan)
        try ReportValidation.junit(text: text)
        #expect(text.contains("<skipped message=\"suppressed at stack.yaml:3:5: approved bastion\"/>"))
        #expect(text.contains("failures=\"1\""))
    }

    @Test("JUnit replaces characters XML 1.0 forbids")
    func controlCharacters() throws {
        var scan = try run(Self.template, path: "odd\u{1}name.yaml")
        scan.inputs[0].findings[0].message = "bell\u{7} and escape\u{1B} characters"
        let text = try JUnitReporter().render(scan)
        #expect(!text.contains("\u{7}") && !text.contains("\u{1B}") && !text.contains("\u{1}"))
        #expect(text.contains("bell\u{FFFD} and escape\u{FFFD}"))
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("report.xml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try ReportValidation.junit([file])
    }

    @Test("an input that failed to load is a SARIF notification and a JUnit error")
    func failures() throws {
        let scan = ScanRun(
            tool: ToolInfo(name: "ssmlint", version: "0.1.0", informationURI: ProjectLinks.repository),
            rules: BuiltInRules.definitions,
            inputs: [InputOutcome(path: "broken.yaml", format: nil,
                                  failure: InputFailure(message: "duplicate key 'A'", position: SourcePosition(line: 4, column: 3)))],
            failOn: .error)
        let sarif = try SARIFReporter(rootDirectory: "/work").render(scan)
        try ReportValidation.sarif(text: sarif)
        #expect(sarif.contains("\"executionSuccessful\": false"))
        #expect(sarif.contains("broken.yaml: duplicate key 'A'"))
        let junit = try JUnitReporter().render(scan)
        try ReportValidation.junit(text: junit)
        #expect(junit.contains("<error type=\"input-error\" message=\"broken.yaml:4:3: duplicate key 'A'\""))
        #expect(scan.exitStatus == .inputError)
    }

    @Test("SARIF carries the rule catalogue GitHub needs")
    func ruleDescriptors() throws {
        let text = try SARIFReporter(rootDirectory: "/work").render(try run(Self.template))
        try ReportValidation.sarif(text: text)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let driver = try #require(((json["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == BuiltInRules.definitions.map(\.id))
        for rule in rules {
            #expect((rule["help"] as? [String: Any])?["text"] != nil)
            let properties = try #require(rule["properties"] as? [String: Any])
            #expect((properties["tags"] as? [String])?.contains("security") == true)
            #expect(Double(properties["security-severity"] as? String ?? "") != nil)
        }
    }
}

@Suite("Report validation")
struct ReportValidationTests {
    @Test("the vendored schemas reject broken reports, so validation cannot pass by skipping")
    func schemasReject() throws {
        let sarif = try ReportValidation.write(#"{"version": "2.1.0", "runs": [{"results": []}]}"#, as: "broken.sarif")
        #expect(try ReportValidation.sarifSchemaProblems([sarif]).contains("tool"))
        let junit = try ReportValidation.write("<testsuites><testsuite/></testsuites>", as: "broken.xml")
        #expect(!(try ReportValidation.junitSchemaProblems([junit])).isEmpty)
        let issue = #"{"description": "d", "check_name": "c", "fingerprint": "f", "severity": "minor", "location": {"path": "a.yaml", "lines": {"begin": 1}}}"#
        #expect(try ReportValidation.gitlabProblems([ReportValidation.write("[\(issue)]", as: "ok.json")]).isEmpty)
        for broken in [
            issue.replacingOccurrences(of: #""check_name": "c", "#, with: ""),
            issue.replacingOccurrences(of: "a.yaml", with: "./a.yaml"),
            issue.replacingOccurrences(of: "a.yaml", with: "/abs/a.yaml"),
            issue.replacingOccurrences(of: "minor", with: "high"),
            issue.replacingOccurrences(of: #""begin": 1"#, with: #""begin": 0"#),
            issue.replacingOccurrences(of: #""lines": {"begin": 1}"#, with: #""line": 1"#),
            issue + ", " + issue,
        ] {
            let file = try ReportValidation.write("[\(broken)]", as: "broken.json")
            #expect(!(try ReportValidation.gitlabProblems([file])).isEmpty, "\(broken)")
        }
    }

    @Test("the severity check catches a note or warning that GitHub would show as a serious alert")
    func severityCheckRejects() throws {
        func log(level: String, score: String, descriptorLevel: String? = nil) -> Data {
            Data("""
                {"runs": [{"tool": {"driver": {"rules": [{"id": "R1", "defaultConfiguration": {"level": "\(descriptorLevel ?? level)"},
                "properties": {"security-severity": "\(score)"}}]}}, "results": [{"ruleId": "R1", "ruleIndex": 0, "level": "\(level)"}]}]}
                """.utf8)
        }
        #expect(try ReportValidation.severityProblems(log(level: "note", score: "3.9")).isEmpty)
        #expect(try ReportValidation.severityProblems(log(level: "warning", score: "6.9")).isEmpty)
        #expect(try ReportValidation.severityProblems(log(level: "error", score: "9.5")).isEmpty)
        #expect(!(try ReportValidation.severityProblems(log(level: "note", score: "4.0"))).isEmpty)
        #expect(!(try ReportValidation.severityProblems(log(level: "warning", score: "7.0"))).isEmpty)
        #expect(!(try ReportValidation.severityProblems(log(level: "note", score: "1.0", descriptorLevel: "error"))).isEmpty)
    }
}
