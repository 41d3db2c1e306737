import SSMLintEngine
import SSMLintPacks
import SSMLintRules
import Testing

/// EC2 Instance Connect Endpoints as a second private way in: how SSM006 and
/// SSM016 change their advice for the instances an endpoint serves, and what
/// the loaders read.
@Suite("EC2 Instance Connect Endpoint")
struct InstanceConnectTests {
    static let network = """
        Resources:
          VPC:
            Type: AWS::EC2::VPC
            Properties: {CidrBlock: 10.0.0.0/16, EnableDnsHostnames: true}
          IGW:
            Type: AWS::EC2::InternetGateway
          Attachment:
            Type: AWS::EC2::VPCGatewayAttachment
            Properties: {VpcId: !Ref VPC, InternetGatewayId: !Ref IGW}
          PublicSubnet:
            Type: AWS::EC2::Subnet
            Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true}
          PublicRouteTable:
            Type: AWS::EC2::RouteTable
            Properties: {VpcId: !Ref VPC}
          DefaultRoute:
            Type: AWS::EC2::Route
            Properties: {RouteTableId: !Ref PublicRouteTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref IGW}
          PublicAssociation:
            Type: AWS::EC2::SubnetRouteTableAssociation
            Properties: {SubnetId: !Ref PublicSubnet, RouteTableId: !Ref PublicRouteTable}
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]
          Profile:
            Type: AWS::IAM::InstanceProfile
            Properties: {Roles: [!Ref Role]}
          EndpointGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: endpoint
              VpcId: !Ref VPC
              SecurityGroupIngress:
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
              SecurityGroupEgress:
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, DestinationSecurityGroupId: !Ref AppGroup}
          AppGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: app
              VpcId: !Ref VPC
              SecurityGroupIngress:
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
          Endpoint:
            Type: AWS::EC2::InstanceConnectEndpoint
            Properties: {SubnetId: !Ref PublicSubnet, SecurityGroupIds: [!Ref EndpointGroup]}
          App:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              KeyName: ops
              IamInstanceProfile: !Ref Profile
              SubnetId: !Ref PublicSubnet
              SecurityGroupIds: [!Ref AppGroup]
        """

    @Test("SSM006 on an instance group the endpoint serves names the endpoint group as the source to use")
    func sshOpenToWorldNamesTheEndpointGroup() throws {
        let findings = try Scan.findings(Self.network, rule: "SSM006")
        let app = try #require(findings.first { $0.resource == "AppGroup" })
        #expect(app.level == .error)
        #expect(app.fix?.contains("SourceSecurityGroupId = EndpointGroup") == true)
        #expect(app.fix?.contains("VPC CIDR") == true)
    }

    @Test("SSM006 on a group only the endpoint carries is a note: the endpoint ignores inbound rules")
    func sshOpenOnEndpointOnlyGroupIsANote() throws {
        let findings = try Scan.findings(Self.network, rule: "SSM006")
        let endpoint = try #require(findings.first { $0.resource == "EndpointGroup" })
        #expect(endpoint.level == .note)
        #expect(endpoint.message.contains("only EC2 Instance Connect Endpoints use this group"))
    }

    @Test("SSM006 stays an error when something else also uses the endpoint's group")
    func sharedEndpointGroupStaysAnError() throws {
        let template = Self.network + """

              Other:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-0123456789abcdef0, SubnetId: !Ref PublicSubnet, SecurityGroupIds: [!Ref EndpointGroup]}
            """
        let findings = try Scan.findings(template, rule: "SSM006")
        #expect(findings.first { $0.resource == "EndpointGroup" }?.level == .error)
    }

    @Test("SSM016 keeps the key pair of an instance the endpoint serves and removes only the public address")
    func keyPairKeptForEndpointTargets() throws {
        let finding = try #require(try Scan.findings(Self.network, rule: "SSM016").first)
        #expect(finding.resource == "App")
        #expect(finding.fix?.contains("Keep the key pair") == true)
        #expect(finding.fix?.contains("Remove KeyName") == false)
        // Without the endpoint, the usual advice: remove the key pair too.
        let withoutEndpoint = Self.network.replacingOccurrences(of: "Type: AWS::EC2::InstanceConnectEndpoint", with: "Type: AWS::SNS::Topic")
            .replacingOccurrences(of: "Properties: {SubnetId: !Ref PublicSubnet, SecurityGroupIds: [!Ref EndpointGroup]}", with: "Properties: {}")
        let plain = try #require(try Scan.findings(withoutEndpoint, rule: "SSM016").first)
        #expect(plain.fix?.contains("Remove KeyName 'ops'") == true)
    }

    @Test("CloudFormation leaves PreserveClientIp unknown when unset; an IPv6 block added later makes the subnet dual-stack")
    func cloudFormationModel() throws {
        let model = try Scan.model("""
            Resources:
              VPC:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.0.0.0/16}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.0.0/24}
              SubnetV6:
                Type: AWS::EC2::SubnetCidrBlock
                Properties: {SubnetId: !Ref Subnet, Ipv6CidrBlock: "2600:1f18:1234:5600::/64"}
              Endpoint:
                Type: AWS::EC2::InstanceConnectEndpoint
                Properties: {SubnetId: !Ref Subnet}
              Preserving:
                Type: AWS::EC2::InstanceConnectEndpoint
                Properties: {SubnetId: !Ref Subnet, PreserveClientIp: true, SecurityGroupIds: [sg-0123456789abcdef0]}
            """)
        let endpoint = try #require(model.instanceConnectEndpoints["Endpoint"])
        #expect(endpoint.preserveClientIp.unresolved != nil)
        #expect(endpoint.securityGroups.isAbsent)
        #expect(model.instanceConnectEndpoints["Preserving"]?.preserveClientIp == .known(true))
        #expect(model.subnets["Subnet"]?.hasIPv6CIDR == .known(true))
    }
}
