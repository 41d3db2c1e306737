import Foundation
import SSMLintEngine
import SSMLintPacks
import SSMLintRules
import Testing

/// SSM007, SSM011, SSM012 and SSM016 beyond their YAML examples: the example
/// where a needed value is unknown stays silent and explains itself with
/// --show-unresolved, and the analysis pieces they rest on (policy reading,
/// service-name spelling, Regions of zone names, SSH exposure).
@Suite("Instance profile, endpoint group, service Region and key pair rules")
struct ProfileEndpointAndKeyRuleTests {
    /// The example of each rule whose needed value is unknown.
    static let unknownExamples: [(rule: String, example: String)] = [
        ("SSM007", "profile-outside-the-template"),
        ("SSM007", "policies-from-other-stacks"),
        ("SSM011", "endpoint-groups-from-parameter-without-default"),
        ("SSM012", "region-not-fixed"),
        ("SSM016", "key-pair-from-parameter-without-default"),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        var example: String
        var testDescription: String { "\(rule) \(example)" }
    }

    @Test("an unknown value gives no finding, and a note naming it with --show-unresolved",
          arguments: unknownExamples.map { Case(rule: $0.rule, example: $0.example) })
    func unknownStaysSilent(_ item: Case) throws {
        let definition = try #require(BuiltInRules.definitions.first { $0.id == item.rule })
        let example = try #require(definition.examples.first { $0.name == item.example })
        #expect(example.expected.isEmpty, "the example itself expects no finding")
        let silent = try Scan.findings(example.input, rule: item.rule, region: example.region)
        #expect(silent.isEmpty, "\(silent.map(\.message))")
        let notes = try Scan.findings(example.input, rule: item.rule, region: example.region, showUnresolved: true)
        #expect(!notes.isEmpty, "--show-unresolved explains why \(item.rule) stayed silent")
        #expect(notes.allSatisfy { $0.level == .note && $0.isUnresolved && $0.ruleID == item.rule })
        #expect(notes.allSatisfy { $0.message.contains("could not be decided") })
    }

    @Test("every unresolved instance of policies-from-other-stacks is explained")
    func otherStacksNamed() throws {
        let definition = try #require(BuiltInRules.definitions.first { $0.id == "SSM007" })
        let example = try #require(definition.examples.first { $0.name == "policies-from-other-stacks" })
        let notes = try Scan.findings(example.input, rule: "SSM007", showUnresolved: true)
        let byResource = Dictionary(notes.map { ($0.resource.rawValue, $0.message) }, uniquingKeysWith: { first, _ in first })
        #expect(byResource["CustomerInstance"]?.contains("known only at deploy time") == true)
        #expect(byResource["ParameterInstance"] != nil)
        #expect(byResource["ExportedInstance"]?.contains("published in Outputs") == true)
    }

    // MARK: Policies

    static let role = """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: %TRUST%
              Policies:
                - PolicyName: p
                  PolicyDocument: %POLICY%
          Profile:
            Type: AWS::IAM::InstanceProfile
            Properties: {Roles: [!Ref Role]}
          Instance:
            Type: AWS::EC2::Instance
            Properties: {ImageId: ami-0123456789abcdef0, IamInstanceProfile: !Ref Profile}
        """
    static let ec2Trust = #"{Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}"#

    func ssm007(policy: String, trust: String = ec2Trust) throws -> [Finding] {
        let text = Self.role.replacingOccurrences(of: "%TRUST%", with: trust).replacingOccurrences(of: "%POLICY%", with: policy)
        return try Scan.findings(text, rule: "SSM007", showUnresolved: true)
    }

    @Test("IAM wildcards and NotAction grant the five actions", arguments: [
        #"{Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}"#,
        #"{Statement: [{Effect: Allow, Action: "ssm*", Resource: "*"}]}"#,
        #"{Statement: [{Effect: Allow, Action: ["ssm:UpdateInstanceInformation", "ssmmessages:*"], Resource: "*"}]}"#,
        #"{Statement: [{Effect: Allow, Action: ["SSM:updateinstanceinformation", "ssmmessages:Open*", "ssmmessages:Create????Channel", "ssmmessages:Create???????Channel"], Resource: "*"}]}"#,
        #"{Statement: [{Effect: Allow, NotAction: ["iam:*", "organizations:*"], Resource: "*"}]}"#,
    ])
    func wildcardsGrant(_ policy: String) throws {
        #expect(try ssm007(policy: policy).isEmpty)
    }

    @Test("a Deny, a NotAction naming the channels, or a missing channel action do not grant", arguments: [
        #"{Statement: [{Effect: Deny, Action: "*", Resource: "*"}]}"#,
        #"{Statement: [{Effect: Allow, NotAction: "ssmmessages:*", Resource: "*"}]}"#,
        #"{Statement: [{Effect: Allow, Action: ["ssm:UpdateInstanceInformation", "ssmmessages:Create*"], Resource: "*"}]}"#,
    ])
    func notGranted(_ policy: String) throws {
        let findings = try ssm007(policy: policy)
        #expect(findings.map(\.level) == [.warning] && !findings[0].isUnresolved, "\(findings.map(\.message))")
    }

    @Test("statements that cannot be read make the permissions unknown, not missing", arguments: [
        #"{Statement: [!If [Cond, {Effect: Allow, Action: "*", Resource: "*"}, !Ref "AWS::NoValue"]]}"#,
        #"{Statement: [{Effect: !If [Cond, Allow, Deny], Action: "*", Resource: "*"}]}"#,
        #"'{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}'"#,
    ])
    func unreadable(_ policy: String) throws {
        let text = "Parameters: {Flag: {Type: String}}\nConditions: {Cond: !Equals [!Ref Flag, yes]}\n"
            + Self.role.replacingOccurrences(of: "%TRUST%", with: Self.ec2Trust).replacingOccurrences(of: "%POLICY%", with: policy)
        let findings = try Scan.findings(text, rule: "SSM007", showUnresolved: true)
        #expect(findings.count == 1 && findings[0].isUnresolved, "\(findings.map(\.message))")
    }

    @Test("a trust policy is read with the same care: another principal is missing, an unknown one unknown")
    func trust() throws {
        let core = #"{Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}"#
        let lambda = try ssm007(policy: core, trust: #"{Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}]}"#)
        #expect(lambda.count == 1 && !lambda[0].isUnresolved && lambda[0].message.contains("trust policy"))
        let suffix = try ssm007(policy: core, trust: #"{Statement: [{Effect: Allow, Principal: {Service: !Sub "ec2.${AWS::URLSuffix}"}, Action: ["sts:*"]}]}"#)
        #expect(suffix.isEmpty)
        let unknown = try ssm007(policy: core, trust: #"{Statement: [{Effect: Allow, Principal: {Service: !ImportValue trusted-service}, Action: "sts:AssumeRole"}]}"#)
        #expect(unknown.count == 1 && unknown[0].isUnresolved)
    }

    @Test("a policy that may land on the role makes it unknown: a condition, a role that cannot be resolved")
    func mayAttach() throws {
        let template = """
            Parameters:
              Flag: {Type: String}
              OtherRole: {Type: String}
            Conditions:
              Cond: !Equals [!Ref Flag, yes]
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: \(Self.ec2Trust)
              Conditional:
                Type: AWS::IAM::Policy
                Condition: Cond
                Properties:
                  PolicyName: ssm
                  Roles: [!Ref Role]
                  PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
              Profile:
                Type: AWS::IAM::InstanceProfile
                Properties: {Roles: [!Ref Role]}
              Instance:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-0123456789abcdef0, IamInstanceProfile: !Ref Profile}
            """
        let conditional = try Scan.findings(template, rule: "SSM007", showUnresolved: true)
        #expect(conditional.count == 1 && conditional[0].isUnresolved && conditional[0].message.contains("condition Cond"))
        let elsewhere = try Scan.findings(template.replacingOccurrences(of: "    Condition: Cond\n", with: "")
            .replacingOccurrences(of: "Roles: [!Ref Role]\n      PolicyDocument", with: "Roles: [!Ref OtherRole]\n      PolicyDocument"),
            rule: "SSM007", showUnresolved: true)
        #expect(elsewhere.count == 1 && elsewhere[0].isUnresolved, "\(elsewhere.map(\.message))")
    }

    // MARK: Service names and Regions

    @Test("service names: Session Manager services, misspellings, other services", arguments: [
        ("com.amazonaws.us-east-1.ssm", "ssm"),
        ("cn.com.amazonaws.cn-north-1.ssmmessages", "ssmmessages"),
        ("com.amazonaws.us-gov-west-1.ec2messages-fips", "ec2messages"),
        ("com.amazonaws.us-east-1.ssm-messages", "malformed"),
        ("com.amazonaws.us-east-1.ssm_messages", "malformed"),
        ("com.amazonaws.us-east-1.ssmmessage", "malformed"),
        ("com.amazonaws.us-east-1.ec2-messages", "malformed"),
        ("com.amazonaws.us-east-1.ec2message", "malformed"),
        ("com.amazonaws.ssm", "malformed"),
        ("us-east-1.ssmmessages", "malformed"),
        ("ssm.us-east-1.amazonaws.com", "malformed"),
        ("ec2messages.cn-north-1.amazonaws.com.cn", "malformed"),
        ("com.amazonaws.us-east-1.SSM", "other"),
        ("com.amazonaws.us-east-1.sms", "other"),
        ("com.amazonaws.us-east-1.ssm-contacts", "other"),
        ("com.amazonaws.us-east-1.s3", "other"),
        ("aws.sagemaker.us-east-1.notebook", "other"),
        ("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "other"),
    ])
    func spelling(_ name: String, _ expected: String) {
        let spelling = ServiceNameSpelling(SymbolicText([.literal(name)]))
        switch spelling {
        case .sessionManager(_, let service): #expect(service.rawValue == expected)
        case .malformed: #expect(expected == "malformed")
        case .otherService: #expect(expected == "other")
        case .unknown: Issue.record("\(name) is literal, never unknown")
        }
    }

    @Test("a service name with a part known only at deploy time is unknown, unless the part is the Region")
    func symbolicSpelling() {
        let unknownService = SymbolicText([.literal("com.amazonaws.us-east-1."), .unknown(Unresolved("parameter"))])
        #expect(ServiceNameSpelling(unknownService) == .unknown)
        let stack = SymbolicText([.literal("com.amazonaws."), .pseudo("AWS::Region"), .literal(".ssmmessages")])
        guard case .sessionManager(let name, .ssmmessages) = ServiceNameSpelling(stack) else { Issue.record("not recognised"); return }
        #expect(name.region == .stack)
    }

    @Test("Availability Zone names tell their Region", arguments: [
        ("ap-northeast-1a", "ap-northeast-1"), ("us-gov-west-1b", "us-gov-west-1"), ("us-west-2-lax-1a", "us-west-2"),
        ("us-east-1-wl1-bos-wlz-1", "us-east-1"), ("cn-north-1a", "cn-north-1"),
        ("apne1-az1", nil), ("us-east-1", nil), ("a", nil), ("us-east-1ab", nil), ("", nil),
    ] as [(String, String?)])
    func zoneRegion(_ zone: String, _ region: String?) {
        #expect(AvailabilityZone.region(ofZoneName: zone) == region)
    }

    @Test("SSM012 on Terraform: the provider configuration of the resource decides, aliases included")
    func terraformRegions() throws {
        let url = Paths.repository.appendingPathComponent("rules/examples/terraform/ssm012-aliased-provider/plan.json")
        let findings = try Scan.findings(String(contentsOf: url, encoding: .utf8), rule: "SSM012")
        #expect(findings.map(\.resource.rawValue) == ["aws_vpc_endpoint.tokyo_ssm"])
        #expect(findings.first?.message.contains("created in ap-northeast-1 (the aws provider configuration)") == true)
    }

    // MARK: SSM016 and SSM006 agree on SSH exposure

    @Test("two halves of the address space open SSH to the world for SSM006 and for SSM016's warning")
    func sshHalves() throws {
        let definition = try #require(BuiltInRules.definitions.first { $0.id == "SSM016" })
        let example = try #require(definition.examples.first { $0.name == "ssh-open-to-the-world" })
        let rule = "- {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}"
        let line = try #require(example.input.split(separator: "\n").first { $0.contains(rule) })
        let indent = String(line.prefix { $0 == " " })
        let halves = example.input.replacingOccurrences(
            of: rule, with: "- {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/1}\n\(indent)- {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 128.0.0.0/1}")
        #expect(halves != example.input)
        let findings = try Scan.findings(halves).filter { ["SSM006", "SSM016"].contains($0.ruleID) }
        #expect(findings.map { "\($0.ruleID) \($0.level.rawValue) \($0.resource)" }.sorted() == ["SSM006 error SshGroup", "SSM016 warning Instance"])
    }
}
