import SSMLintEngine
import SSMLintPacks
import SSMLintRules
import Testing

/// Unknown stays silent (docs/how-it-decides.md): a rule fires only when its violating condition is definitely
/// true. Subnets, security groups and VPCs that come from parameters without
/// defaults or from other stacks must never produce an error or a warning
/// from the connectivity rules, and --show-unresolved explains the silence.
@Suite("Unknown stays silent")
struct UnknownStaysSilentTests {
    static let connectivityRules: Set<String> = ["SSM001", "SSM002", "SSM003", "SSM004", "SSM005", "SSM008", "SSM010", "SSM013", "SSM014"]

    static let role = """
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]
          Profile:
            Type: AWS::IAM::InstanceProfile
            Properties: {Roles: [!Ref Role]}
        """

    static let templates: [(String, String)] = [
        ("subnet from a parameter without default", """
            Parameters:
              Subnet: {Type: "AWS::EC2::Subnet::Id"}
            Resources:
            \(role)
              Instance:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-0123456789abcdef0, SubnetId: !Ref Subnet, IamInstanceProfile: !Ref Profile}
            """),
        ("subnet imported from another stack", """
            Resources:
            \(role)
              Instance:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-0123456789abcdef0, SubnetId: !ImportValue network-PrivateSubnet, IamInstanceProfile: !Ref Profile}
            """),
        ("VPC imported, endpoints and subnet declared", """
            Resources:
            \(role)
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !ImportValue network-VpcId, CidrBlock: 10.0.1.0/24}
              Endpoint:
                Type: AWS::EC2::VPCEndpoint
                Properties:
                  VpcId: !ImportValue network-VpcId
                  ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm
                  VpcEndpointType: Interface
                  SubnetIds: [!Ref Subnet]
              Instance:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-0123456789abcdef0, SubnetId: !Ref Subnet, IamInstanceProfile: !Ref Profile}
            """),
        ("VPC from a parameter, security groups from parameters", """
            Parameters:
              Vpc: {Type: "AWS::EC2::VPC::Id"}
              Groups: {Type: "List<AWS::EC2::SecurityGroup::Id>"}
              EndpointGroups: {Type: "List<AWS::EC2::SecurityGroup::Id>"}
            Resources:
            \(role)
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
              Endpoint:
                Type: AWS::EC2::VPCEndpoint
                Properties:
                  VpcId: !Ref Vpc
                  ServiceName: !Sub com.amazonaws.${AWS::Region}.ssmmessages
                  VpcEndpointType: Interface
                  PrivateDnsEnabled: true
                  SubnetIds: [!Ref Subnet]
                  SecurityGroupIds: !Ref EndpointGroups
              Instance:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-0123456789abcdef0, SubnetId: !Ref Subnet, SecurityGroupIds: !Ref Groups, IamInstanceProfile: !Ref Profile}
            """),
        ("declared VPC, security groups and route table from parameters", """
            Parameters:
              InstanceGroup: {Type: "AWS::EC2::SecurityGroup::Id"}
              EndpointGroup: {Type: "AWS::EC2::SecurityGroup::Id"}
              RouteTable: {Type: String}
            Resources:
            \(role)
              VPC:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.1.0/24}
              Association:
                Type: AWS::EC2::SubnetRouteTableAssociation
                Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref RouteTable}
              Endpoint:
                Type: AWS::EC2::VPCEndpoint
                Properties:
                  VpcId: !Ref VPC
                  ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm
                  VpcEndpointType: Interface
                  PrivateDnsEnabled: true
                  SubnetIds: [!Ref Subnet]
                  SecurityGroupIds: [!Ref EndpointGroup]
              Instance:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-0123456789abcdef0, SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref InstanceGroup], IamInstanceProfile: !Ref Profile}
            """),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var template: String
        var testDescription: String { name }
    }

    static let cases = templates.map { Case(name: $0.0, template: $0.1) }

    @Test("no error or warning from the connectivity rules", arguments: cases)
    func silent(_ item: Case) throws {
        let findings = try Scan.findings(item.template).filter { Self.connectivityRules.contains($0.ruleID) }
        #expect(findings.isEmpty, "\(findings.map { "\($0.ruleID) \($0.resource): \($0.message)" })")
        let notes = try Scan.findings(item.template, showUnresolved: true).filter { Self.connectivityRules.contains($0.ruleID) }
        #expect(notes.allSatisfy { $0.level == .note && $0.isUnresolved })
        #expect(!notes.isEmpty, "--show-unresolved explains why the checks stayed silent")
    }
}

/// The rule examples whose needed value is unknown stay silent by default
/// (their YAML expects no finding) and explain themselves with --show-unresolved.
@Suite("Unknown stays silent: rule examples")
struct UnknownExampleNoteTests {
    static let cases: [(rule: String, example: String)] = [
        ("SSM009", "zones-behind-an-undecidable-condition"),
        ("SSM009", "peering-outside-the-input"),
        ("SSM009", "transit-gateway-outside-the-input"),
        ("SSM015", "route-tables-from-a-parameter-without-default"),
        ("SSM015", "conditional-s3-endpoint"),
        ("SSM017", "key-from-a-parameter-without-default"),
        ("SSM018", "private-dns-from-parameter-without-default"),
        ("SSM018", "alternatives-behind-conditions"),
        ("SSM019", "return-route-behind-an-undecidable-condition"),
        ("SSM019", "hub-route-table-outside-the-input"),
        ("SSM020", "deny-entry-numbered-by-a-parameter-without-default"),
        ("SSM020", "allow-covers-part-of-the-endpoint-subnet"),
        ("SSM021", "endpoint-group-outside-the-template"),
        ("SSM021", "instance-rule-from-a-parameter-without-default"),
        ("SSM021", "conditional-endpoint"),
    ]

    @Test("no finding, and a note with --show-unresolved", arguments: cases.map { "\($0.rule)/\($0.example)" })
    func note(_ name: String) throws {
        let parts = name.split(separator: "/").map(String.init)
        let rule = try #require(BuiltInRules.definitions.first { $0.id == parts[0] })
        let example = try #require(rule.examples.first { $0.name == parts[1] })
        #expect(example.expected.isEmpty)
        #expect(try Scan.findings(example.input, rule: rule.id).isEmpty)
        let notes = try Scan.findings(example.input, rule: rule.id, showUnresolved: true)
        #expect(!notes.isEmpty, "--show-unresolved explains why \(name) stayed silent")
        #expect(notes.allSatisfy { $0.level == .note && $0.isUnresolved })
    }
}
