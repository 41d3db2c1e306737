import Foundation
import SSMLintEngine
import SSMLintLoaders
import SSMLintRules
import Testing

/// Single large or deep inputs stay within time and memory bounds. The bounds
/// are generous (tests run as debug builds on shared machines); each case
/// was far outside its bound before the change it guards.
@Suite("Large inputs")
struct LargeInputTests {
    @Test("a JSON list of millions of tiny values costs a small multiple of its size in memory")
    func tinyValuesMemory() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.json")
        try Data("{\"Resources\": {}}".utf8).write(to: empty)
        // 2,000,000 one-character values: 4 MB. A tree of value nodes took
        // 33-50 times the input (65 bytes and more per node).
        let large = directory.appendingPathComponent("ones.json")
        let elements = 2_000_000
        var text = "{\"Metadata\": ["
        text.reserveCapacity(2 * elements + 40)
        for _ in 1..<elements { text += "1," }
        text += "1], \"Resources\": {}}"
        try Data(text.utf8).write(to: large)

        let baseline = try CLI.peakMemory(["scan", empty.path, "--format", "json", "--output", "/dev/null"])
        let run = try CLI.peakMemory(["scan", large.path, "--format", "json", "--output", "/dev/null"])
        #expect(baseline.status == 0)
        #expect(run.status == 0)
        let growth = (run.kilobytes - baseline.kilobytes) * 1024
        #expect(growth < 15 * text.utf8.count, "peak memory grew by \(growth / 1_048_576) MB for \(text.utf8.count / 1_048_576) MB of input")
    }

    @Test("thousands of instances with hundreds of endpoints take linear time")
    func instancesTimesEndpoints() throws {
        // 2,000 instances and 200 endpoints without private DNS in one VPC:
        // every rule that looked at each endpoint for each instance (or listed
        // the instances once per endpoint) made this quadratic or worse.
        let template = Self.instancesAndEndpoints(instances: 2_000, endpoints: 200)
        let clock = ContinuousClock()
        var result: Engine.Result?
        let elapsed = try clock.measure { result = try Scan.run(template) }
        let findings = try #require(result).findings
        // Every endpoint is reported (private DNS off, the instances have no internet path).
        #expect(findings.filter { $0.ruleID == "SSM008" }.count == 200)
        #expect(elapsed < .seconds(20), "took \(elapsed)")
    }

    @Test("deep nesting inside the parts of a plan that are skipped is refused quickly")
    func deepNestingInSkippedPlanParts() throws {
        for key in ["prior_state", "resource_changes\": [{\"address\": \"a\", \"change\": {\"before"] {
            let depth = 50_000
            let plan = "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {}}, \"\(key)\": "
                + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                + (key == "prior_state" ? "}" : "}}]}")
            let clock = ContinuousClock()
            var outcome: Result<LoadedInput, LoadError>?
            let elapsed = clock.measure {
                outcome = InputLoader.load(bytes: Array(plan.utf8), file: "plan.json", options: LoadOptions())
            }
            guard case .failure(let error)? = outcome else {
                Issue.record("a plan nested \(depth) deep in \(key) loaded")
                continue
            }
            #expect(error.message == "nesting deeper than 256 levels")
            #expect(elapsed < .seconds(5), "took \(elapsed)")
        }
        // Nesting within the limit in a skipped part still loads.
        let shallow = "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {}}, \"prior_state\": "
            + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}"
        #expect(throws: Never.self) {
            try InputLoader.load(bytes: Array(shallow.utf8), file: "plan.json", options: LoadOptions()).get()
        }
    }

    /// One VPC, six subnets, `instances` SSM-managed instances in those subnets
    /// and `endpoints` ssm endpoints with private DNS left off.
    static func instancesAndEndpoints(instances: Int, endpoints: Int) -> String {
        var text = """
            Resources:
              VPC:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/8
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: 'sts:AssumeRole'}]}
                  ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]
              Profile:
                Type: AWS::IAM::InstanceProfile
                Properties:
                  Roles: [!Ref Role]
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: instances and endpoints
                  VpcId: !Ref VPC

            """
        for subnet in 0..<6 {
            text += """
                  Subnet\(subnet):
                    Type: AWS::EC2::Subnet
                    Properties:
                      VpcId: !Ref VPC
                      CidrBlock: 10.\(subnet).0.0/16
                      AvailabilityZone: !Select [\(subnet % 3), !GetAZs '']

                """
        }
        for index in 0..<instances {
            text += """
                  Instance\(index):
                    Type: AWS::EC2::Instance
                    Properties:
                      ImageId: ami-1
                      SubnetId: !Ref Subnet\(index % 6)
                      IamInstanceProfile: !Ref Profile
                      SecurityGroupIds: [!Ref Group]

                """
        }
        for index in 0..<endpoints {
            text += """
                  Endpoint\(index):
                    Type: AWS::EC2::VPCEndpoint
                    Properties:
                      VpcId: !Ref VPC
                      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm
                      VpcEndpointType: Interface
                      SubnetIds: [!Ref Subnet\(index % 6)]
                      SecurityGroupIds: [!Ref Group]

                """
        }
        return text
    }
}
