import Foundation
import SSMLintEngine
import SSMLintPacks
import Testing

/// The templates under examples/cloudformation (the README's first command scans them) give
/// exactly the findings a correct tool gives.
@Suite("Bundled examples")
struct ExampleTemplateTests {
    func findings(_ name: String) throws -> [String] {
        let text = try String(contentsOf: Paths.examples.appendingPathComponent("cloudformation/\(name)"), encoding: .utf8)
        return try Scan.findings(text).map { "\($0.ruleID) \($0.level.rawValue) \($0.resource)" }.sorted()
    }

    @Test("a private subnet reached over PrivateLink is clean")
    func privateSubnet() throws {
        #expect(try findings("private-subnet-ssm.yaml") == [])
    }

    @Test("the README's first command scans exactly the example templates")
    func readmeCommand() throws {
        let result = try CLI.run(["scan", "examples/cloudformation", "--fail-on", "never"], directory: Paths.repository)
        #expect(result.status == 0)
        #expect(result.stdout.contains("2 inputs scanned"))
    }

    @Test("the public SSH instance's security group is open to the world and it has no instance profile; the private instance has no S3 endpoint")
    func publicSSH() throws {
        // Instance2 reaches Systems Manager only through the endpoints, and its subnet (on the
        // main route table) has no S3 endpoint: agent updates and Patch Manager fail (a note).
        #expect(try findings("public-ssh-and-private-ssm.yaml") == ["SSM006 error InstanceSecurityGroup1", "SSM007 warning Instance1", "SSM015 note VPC"])
    }
}
