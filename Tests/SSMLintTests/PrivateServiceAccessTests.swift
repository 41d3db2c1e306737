import SSMLintEngine
import SSMLintAnalysis
import SSMLintModel
import Testing

/// How private instances reach S3, KMS and CloudWatch Logs: what decides
/// "none" and what leaves the answer unknown.
@Suite("Private service access")
struct PrivateServiceAccessTests {
    static let design = """
        Resources:
          VPC:
            Type: AWS::EC2::VPC
            Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.1.0/24}
          RouteTable:
            Type: AWS::EC2::RouteTable
            Properties: {VpcId: !Ref VPC}
          Association:
            Type: AWS::EC2::SubnetRouteTableAssociation
            Properties: {SubnetId: !Ref SubnetA, RouteTableId: !Ref RouteTable}
          SsmEndpoint:
            Type: AWS::EC2::VPCEndpoint
            Properties:
              VpcId: !Ref VPC
              ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm
              VpcEndpointType: Interface
              PrivateDnsEnabled: true
              SubnetIds: [!Ref SubnetA]
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]
          Profile:
            Type: AWS::IAM::InstanceProfile
            Properties: {Roles: [!Ref Role]}
          Instance:
            Type: AWS::EC2::Instance
            Properties: {ImageId: ami-0123456789abcdef0, SubnetId: !Ref SubnetA, IamInstanceProfile: !Ref Profile}

        """

    func analysis(_ extra: String) throws -> (NetworkAnalysis, ComputeTarget) {
        let analysis = NetworkAnalysis(model: try Scan.model(Self.design + extra))
        return (analysis, try #require(analysis.targets.first))
    }

    @Test("a private design without S3 endpoint has no way to S3")
    func none() throws {
        let (analysis, target) = try analysis("")
        #expect(analysis.reachesSystemsManagerOnlyThroughEndpoints(target) == .known(true))
        #expect(analysis.s3Access(of: target).isNone)
        #expect(analysis.serviceEndpoint(["kms"], in: "VPC") == .known(nil))
    }

    @Test("a private hosted zone that may answer for S3 or KMS names leaves the answer unknown")
    func hostedZones() throws {
        let (analysis, target) = try analysis("""
              Zone:
                Type: AWS::Route53::HostedZone
                Properties: {Name: amazonaws.com, VPCs: [{VPCId: !Ref VPC, VPCRegion: !Ref "AWS::Region"}]}
            """)
        #expect(analysis.s3Access(of: target).isNone == false)
        #expect(analysis.serviceEndpoint(["kms"], in: "VPC").unresolved != nil)
    }

    @Test("a transit gateway route toward public addresses may lead to S3; one toward private ranges cannot")
    func remoteRoutes() throws {
        let toPublic = try analysis("""
              Route:
                Type: AWS::EC2::Route
                Properties: {RouteTableId: !Ref RouteTable, DestinationCidrBlock: 52.0.0.0/8, TransitGatewayId: tgw-0123456789abcdef0}
            """)
        #expect(toPublic.0.s3Access(of: toPublic.1).isNone == false)
        let toPrivate = try analysis("""
              Route:
                Type: AWS::EC2::Route
                Properties: {RouteTableId: !Ref RouteTable, DestinationCidrBlock: 10.0.0.0/8, TransitGatewayId: tgw-0123456789abcdef0}
            """)
        #expect(toPrivate.0.s3Access(of: toPrivate.1).isNone)
    }

    @Test("an interface endpoint for kms or kms-fips in the VPC counts, one elsewhere does not")
    func kmsEndpoint() throws {
        let endpoint = { (service: String, vpc: String) in """
              Other:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.1.0.0/16}
              Kms:
                Type: AWS::EC2::VPCEndpoint
                Properties: {VpcId: !Ref \(vpc), ServiceName: !Sub "com.amazonaws.${AWS::Region}.\(service)", VpcEndpointType: Interface}
            """ }
        #expect(try analysis(endpoint("kms-fips", "VPC")).0.serviceEndpoint(["kms", "kms-fips"], in: "VPC") == .known("Kms"))
        #expect(try analysis(endpoint("kms", "Other")).0.serviceEndpoint(["kms", "kms-fips"], in: "VPC") == .known(nil))
    }
}
