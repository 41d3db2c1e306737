import Foundation
import SSMLintEngine
import SSMLintLoaders
import SSMLintModel
import SSMLintRules
import Testing

/// Messages say where a deciding value came from: a parameter's Default, a
/// condition that the default parameters turn off, one of several values.
@Suite("Where a value came from, in messages")
struct ProvenanceMessageTests {
    static let template = """
    Parameters:
      AccessLocation:
        Type: String
        Default: 0.0.0.0/0
      CreateBastion:
        Type: String
        Default: "false"
        AllowedValues: ["true", "false"]
    Conditions:
      BastionWanted: !Equals [!Ref CreateBastion, "true"]
      AlwaysOff: !Equals ["yes", "no"]
    Resources:
      VPC:
        Type: AWS::EC2::VPC
        Properties:
          CidrBlock: 10.0.0.0/16
      WebSG:
        Type: AWS::EC2::SecurityGroup
        Properties:
          GroupDescription: web
          VpcId: !Ref VPC
          SecurityGroupIngress:
            - IpProtocol: tcp
              FromPort: 22
              ToPort: 22
              CidrIp: !Ref AccessLocation
      BastionSG:
        Type: AWS::EC2::SecurityGroup
        Condition: BastionWanted
        Properties:
          GroupDescription: bastion
          VpcId: !Ref VPC
          SecurityGroupIngress:
            - IpProtocol: tcp
              FromPort: 22
              ToPort: 22
              CidrIp: 0.0.0.0/0
      NeverSG:
        Type: AWS::EC2::SecurityGroup
        Condition: AlwaysOff
        Properties:
          GroupDescription: never
          VpcId: !Ref VPC
          SecurityGroupIngress:
            - IpProtocol: tcp
              FromPort: 22
              ToPort: 22
              CidrIp: 0.0.0.0/0

    """

    static func load(_ text: String = template, parameters: [String: String] = [:], includeDefaultOff: Bool = false) throws -> LoadedInput {
        var options = LoadOptions(parameters: parameters)
        options.includeDefaultOffResources = includeDefaultOff
        return try InputLoader.load(bytes: Array(text.utf8), file: "template.yaml", options: options).get()
    }

    static func messages(_ loaded: LoadedInput, rule: String = "SSM006") -> [String: String] {
        let rules = BuiltInRules.all.filter { $0.definition.id == rule }
        let findings = Engine(rules: rules).run(RuleContext(model: loaded.model)).findings
        return Dictionary(findings.map { ($0.resource.rawValue, $0.message) }) { first, _ in first }
    }

    @Test("a CIDR from a parameter's Default says so; one passed on the command line does not")
    func parameterDefault() throws {
        let found = Self.messages(try Self.load())
        let web = try #require(found["WebSG"])
        #expect(web.contains("from 0.0.0.0/0 (parameter AccessLocation, default), so SSH"), "\(web)")
        let passed = Self.messages(try Self.load(parameters: ["AccessLocation": "0.0.0.0/0"]))
        let plain = try #require(passed["WebSG"])
        #expect(!plain.contains("parameter AccessLocation"), "\(plain)")
    }

    @Test("a resource whose condition is false only with the default parameters is left out, with a remark naming it")
    func offByDefaultLeftOut() throws {
        let loaded = try Self.load()
        #expect(Self.messages(loaded)["BastionSG"] == nil)
        #expect(loaded.model.securityGroups[ResourceID("BastionSG")] == nil)
        let remark = try #require(loaded.remarks.first { $0.contains("default parameters") })
        #expect(remark.contains("BastionSG (condition BastionWanted)"), "\(remark)")
        #expect(remark.contains("--include-default-off-resources"))
        // A condition false whatever the parameters is not worth a remark.
        #expect(!remark.contains("NeverSG"))
        // Nor one the deployer's own values turn off.
        let passed = try Self.load(parameters: ["CreateBastion": "false"])
        #expect(!passed.remarks.contains { $0.contains("default parameters") })
    }

    @Test("--include-default-off-resources checks it, and the message names the condition and its default")
    func offByDefaultIncluded() throws {
        let loaded = try Self.load(includeDefaultOff: true)
        let bastion = try #require(Self.messages(loaded)["BastionSG"])
        #expect(bastion.contains("from 0.0.0.0/0 only when condition BastionWanted is true (false with the default parameters)"), "\(bastion)")
        #expect(loaded.model.securityGroups[ResourceID("NeverSG")] == nil, "a condition false whatever the parameters stays false")
        #expect(!loaded.remarks.contains { $0.contains("default parameters") })
        // Values the deployer passes decide the condition for certain: nothing to include.
        let decided = try Self.load(parameters: ["CreateBastion": "false"], includeDefaultOff: true)
        #expect(decided.model.securityGroups[ResourceID("BastionSG")] == nil)
    }

    @Test("the flag and the configuration key reach the scan")
    func flagAndConfigurationKey() throws {
        let directory = try Workspace.make(["template.yaml": Self.template])
        func bastionMessage(_ arguments: [String]) throws -> String? {
            let result = try CLI.run(["scan", "--format", "json", "--root", directory.path] + arguments + ["template.yaml"], directory: directory)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
            let findings = report["findings"] as? [[String: Any]] ?? []
            return findings.first { $0["resource"] as? String == "BastionSG" }?["message"] as? String
        }
        #expect(try bastionMessage(["--no-config"]) == nil)
        #expect(try bastionMessage(["--no-config", "--include-default-off-resources"])?.contains("(false with the default parameters)") == true)
        try Data("includeDefaultOffResources: true\n".utf8).write(to: directory.appendingPathComponent(".ssmlint.yaml"))
        #expect(try bastionMessage([])?.contains("(false with the default parameters)") == true)
    }

    @Test("a Terraform value that is one of several literals says they are literals")
    func literalCandidates() throws {
        let bytes = try TerraformResolutionTests.edited("conn-conditional-subnet-same-vpc") { plan in
            var configuration = plan["configuration"] as! [String: Any]
            var root = configuration["root_module"] as! [String: Any]
            var resources = root["resources"] as! [[String: Any]]
            let index = try #require(resources.firstIndex { $0["address"] as? String == "aws_instance.app" })
            var expressions = resources[index]["expressions"] as! [String: Any]
            expressions["subnet_id"] = ["references": ["var.zone", "var.flag"]]
            resources[index]["expressions"] = expressions
            root["resources"] = resources
            configuration["root_module"] = root
            plan["configuration"] = configuration
            var variables = plan["variables"] as! [String: Any]
            variables["flag"] = ["value": false]
            plan["variables"] = variables
        }
        let model = try TerraformResolutionTests.load(bytes).model
        let subnet = try #require(model.instances["aws_instance.app"]?.subnet.unresolved)
        #expect(subnet.reason == "'subnet_id' is one of 2 values (the literal c, the literal false)", "\(subnet.reason)")
    }

    @Test("a finding about a VPC inferred from a local says it was inferred, and why")
    func inferredVPC() throws {
        let model = try TerraformResolutionTests.load(try TerraformLoaderTests.plan("conn-vpc-module-local-vpc-id")).model
        let findings = Engine(rules: BuiltInRules.all.filter { $0.definition.id == "SSM002" }).run(RuleContext(model: model)).findings
        let message = try #require(findings.first?.message)
        #expect(message.contains("(the VPC of module.vpc.aws_subnet.private["), "\(message)")
        #expect(message.contains("is inferred: its vpc_id is set through local.vpc_id, which plan JSON does not record, and module.vpc.aws_vpc.this[0] is the only VPC that module.vpc plans)"), "\(message)")
    }
}
