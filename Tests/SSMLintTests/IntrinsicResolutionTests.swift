import SSMLintEngine
import SSMLintPacks
import SSMLintLoaders
import Testing

@Suite("CloudFormation intrinsic resolution")
struct IntrinsicResolutionTests {
    func properties(_ text: String, _ resource: String = "R", parameters: [String: String] = [:], region: String? = nil) throws -> PropertyValue {
        let model = try Scan.model(text, parameters: parameters, region: region)
        return try #require(model.resource(ResourceID(resource))?.properties)
    }

    static let header = """
        Parameters:
          Port: {Type: Number, Default: 22}
          Cidr: {Type: String}
          Zones: {Type: CommaDelimitedList, Default: "a, c"}
          Image: {Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/ami}
        Mappings:
          Net: {dev: {Cidr: 10.1.0.0/16}}
        Conditions:
          IsDev: !Equals [!Ref Port, 22]
          NotDev: !Not [!Condition IsDev]
          Unknown: !Equals [!Ref Cidr, 10.0.0.0/8]
          Both: !And [!Condition IsDev, !Or [!Condition NotDev, !Equals [a, a]]]

        """

    /// The header and one resource R of a custom type with `properties`
    /// (one per line, as written under its Properties).
    static func customResource(properties: String) -> String {
        header + "Resources:\n  R:\n    Type: Custom::Thing\n    Properties:\n"
            + properties.split(separator: "\n").map { "      " + $0 + "\n" }.joined()
    }

    @Test("Ref resolves parameter defaults, overrides, lists and resources")
    func ref() throws {
        let text = Self.header + """
            Resources:
              Other: {Type: AWS::EC2::VPC}
              R:
                Type: Custom::Thing
                Properties:
                  Port: !Ref Port
                  Cidr: !Ref Cidr
                  Zones: !Ref Zones
                  Image: !Ref Image
                  Vpc: !Ref Other
                  Long: {Ref: Port}
            """
        let p = try properties(text)
        #expect(p["Port"]?.scalar == "22")
        #expect(p["Long"]?.scalar == "22")
        #expect(p["Cidr"]?.unresolved?.reason.contains("has no Default") == true)
        #expect(p["Cidr"]?.unresolved?.symbol == "parameter:Cidr")
        #expect(p["Zones"]?.list?.map(\.scalar) == ["a", "c"])
        #expect(p["Image"]?.unresolved?.reason.contains("SSM Parameter Store") == true)
        if case .reference(let id, nil)? = p["Vpc"]?.kind { #expect(id == "Other") } else { Issue.record("Ref to a resource") }
        let overridden = try properties(text, parameters: ["Port": "2222", "Cidr": "10.0.0.0/8"])
        #expect(overridden["Port"]?.scalar == "2222")
        #expect(overridden["Cidr"]?.scalar == "10.0.0.0/8")
    }

    @Test("every short-form tag names the function its long form does, known to the fast path or not")
    func shortFormTags() throws {
        let text = Self.customResource(properties: """
            Ref: !Ref Port
            RefLong: {Ref: Port}
            Length: !Length [a, b, c]
            LengthLong: {"Fn::Length": [a, b, c]}
            Select: !Select [1, !Split [",", "x,y"]]
            SelectLong: {"Fn::Select": [1, {"Fn::Split": [",", "x,y"]}]}
            Condition: !If [IsDev, yes, no]
            ConditionLong: {"Fn::If": [IsDev, yes, no]}
            Transform: !Transform {Name: AWS::Include}
            TransformLong: {"Fn::Transform": {Name: AWS::Include}}
            Custom: !NotAFunction x
            CustomLong: {"Fn::NotAFunction": x}
            """)
        let p = try properties(text)
        #expect(p["Ref"]?.scalar == "22")
        #expect(p["Length"]?.scalar == "3")
        #expect(p["Select"]?.scalar == "y")
        #expect(p["Condition"]?.scalar == "yes")
        for key in ["Ref", "Length", "Select", "Condition", "Transform", "Custom"] {
            #expect(p[key]?.scalar == p[key + "Long"]?.scalar, "\(key)")
            #expect(p[key]?.unresolved?.reason == p[key + "Long"]?.unresolved?.reason, "\(key)")
        }
        #expect(p["Transform"]?.unresolved?.reason.contains("Fn::Transform") == true)
        #expect(p["Custom"]?.unresolved?.reason.contains("Fn::NotAFunction") == true)
    }

    @Test("pseudo parameters stay symbolic unless --region fixes the Region")
    func pseudo() throws {
        let text = """
            Resources:
              R:
                Type: Custom::Thing
                Properties:
                  Name: !Sub com.amazonaws.${AWS::Region}.ssm
                  Arn: !Sub arn:${AWS::Partition}:iam::aws:policy/X
                  Literal: !Sub "${!NotAVariable}"
            """
        let symbolic = try properties(text)
        #expect(symbolic["Name"]?.displayText == "com.amazonaws.${AWS::Region}.ssm")
        #expect(symbolic["Literal"]?.scalar == "${NotAVariable}")
        let fixed = try properties(text, region: "cn-north-1")
        #expect(fixed["Name"]?.scalar == "com.amazonaws.cn-north-1.ssm")
        #expect(fixed["Arn"]?.scalar == "arn:aws-cn:iam::aws:policy/X")
    }

    @Test("Fn::GetAtt passes through the properties it names")
    func getAtt() throws {
        let text = """
            Resources:
              VPC: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [1, !GetAZs ""]}
              R:
                Type: Custom::Thing
                Properties:
                  VpcCidr: !GetAtt VPC.CidrBlock
                  Zone: !GetAtt [Subnet, AvailabilityZone]
                  SubnetVpc: !GetAtt Subnet.VpcId
                  Default: !GetAtt VPC.DefaultSecurityGroup
                  Sub: !Sub "${VPC.CidrBlock}"
            """
        let p = try properties(text)
        #expect(p["VpcCidr"]?.scalar == "10.0.0.0/16")
        #expect(p["Sub"]?.scalar == "10.0.0.0/16")
        if case .availabilityZoneIndex(1)? = p["Zone"]?.kind {} else { Issue.record("GetAZs index: \(String(describing: p["Zone"]))") }
        if case .reference("VPC", nil)? = p["SubnetVpc"]?.kind {} else { Issue.record("Subnet.VpcId") }
        if case .reference("VPC", "DefaultSecurityGroup")? = p["Default"]?.kind {} else { Issue.record("DefaultSecurityGroup") }
    }

    @Test("Join, Select, Split, FindInMap, Cidr and Base64")
    func functions() throws {
        let text = Self.customResource(properties: """
            Joined: !Join [".", [a, !Ref Port, c]]
            Selected: !Select [1, [x, y, z]]
            Split: !Split [",", "a,b"]
            Mapped: !FindInMap [Net, dev, Cidr]
            Subnets: !Cidr [10.0.0.0/16, 3, 8]
            Sixes: !Cidr ["2001:db8::/56", 2, 64]
            Encoded: !Base64 plain
            OutOfRange: !Select [5, [x]]
            Imported: !ImportValue shared-vpc
            """)
        let p = try properties(text)
        #expect(p["Joined"]?.scalar == "a.22.c")
        #expect(p["Selected"]?.scalar == "y")
        #expect(p["Split"]?.list?.map(\.scalar) == ["a", "b"])
        #expect(p["Mapped"]?.scalar == "10.1.0.0/16")
        #expect(p["Subnets"]?.list?.map(\.scalar) == ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"])
        #expect(p["Sixes"]?.list?.count == 2)
        #expect(p["Encoded"]?.scalar == "plain")
        #expect(p["OutOfRange"]?.unresolved != nil)
        #expect(p["Imported"]?.unresolved?.reason.contains("shared-vpc") == true)
    }

    @Test("conditions, Fn::If and AWS::NoValue")
    func conditions() throws {
        let text = Self.header + """
            Resources:
              R:
                Type: Custom::Thing
                Properties:
                  Chosen: !If [IsDev, dev, prod]
                  Negated: !If [NotDev, dev, prod]
                  Combined: !If [Both, yes, no]
                  Undecided: !If [Unknown, a, b]
                  SameEitherWay: !If [Unknown, same, same]
                  Removed: !If [IsDev, !Ref AWS::NoValue, kept]
                  List: [one, !Ref AWS::NoValue, two]
              Skipped:
                Type: AWS::EC2::VPC
                Condition: NotDev
              Conditional:
                Type: AWS::EC2::VPC
                Condition: Unknown
            """
        let model = try Scan.model(text)
        let p = try #require(model.resource("R")?.properties)
        #expect(p["Chosen"]?.scalar == "dev")
        #expect(p["Negated"]?.scalar == "prod")
        #expect(p["Combined"]?.scalar == "yes")
        #expect(p["Undecided"]?.unresolved?.reason.contains("condition Unknown") == true)
        #expect(p["SameEitherWay"]?.scalar == "same")
        #expect(p["Removed"] == nil)
        #expect(p["List"]?.list?.map(\.scalar) == ["one", "two"])
        #expect(model.resource("Skipped") == nil)
        #expect(model.resource("Conditional")?.info.condition == "Unknown")
    }

    @Test("symbolic Availability Zones")
    func zones() throws {
        let text = """
            Parameters:
              AZ1: {Type: String, Default: a}
              Free: {Type: String}
            Resources:
              Letter: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Sub "${AWS::Region}${AZ1}"}}
              Index: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Select [0, !GetAZs {Ref: "AWS::Region"}]}}
              Name: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: ap-northeast-1c}}
              ZoneID: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZoneId: apne1-az4}}
              Param: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Ref Free}}
            """
        let model = try Scan.model(text)
        #expect(model.subnets["Letter"]?.availabilityZone == .known(.regionLetter("a")))
        #expect(model.subnets["Index"]?.availabilityZone == .known(.index(0)))
        #expect(model.subnets["Name"]?.availabilityZone == .known(.name("ap-northeast-1c")))
        #expect(model.subnets["ZoneID"]?.availabilityZone == .known(.zoneID("apne1-az4")))
        #expect(model.subnets["Param"]?.availabilityZone == .known(.parameter("parameter:Free")))
        #expect(AvailabilityZone.regionLetter("a").isSame(as: .name("ap-northeast-1a"), region: "ap-northeast-1") == true)
        #expect(AvailabilityZone.regionLetter("a").isSame(as: .index(0), region: nil) == nil)
        #expect(AvailabilityZone.index(0).isSame(as: .index(1), region: nil) == false)
    }

    @Test("standalone rules merge into their group; egress defaults follow CloudFormation")
    func securityGroups() throws {
        let text = """
            Resources:
              Open: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: x}}
              Inline:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: x
                  SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}]
              Standalone: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: x}}
              StandaloneEgress:
                Type: AWS::EC2::SecurityGroupEgress
                Properties: {GroupId: !GetAtt Standalone.GroupId, IpProtocol: "-1", CidrIp: 0.0.0.0/0}
              Ingress:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: {GroupId: !Ref Open, IpProtocol: 6, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref Inline}
              NoSource:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: {GroupId: !Ref Open, IpProtocol: tcp, FromPort: 22, ToPort: 22}
            """
        let model = try Scan.model(text)
        #expect(model.securityGroups["Open"]?.implicitEgress == .allowAll)
        #expect(model.securityGroups["Inline"]?.implicitEgress == ImplicitEgress.none)
        #expect(model.securityGroups["Standalone"]?.implicitEgress == .removedByStandaloneRules)
        let ingress = try #require(model.securityGroups["Open"]?.ingress)
        #expect(ingress.count == 1, "a rule without source is not created")
        #expect(ingress.first?.ipProtocol == .known(.tcp))
        #expect(ingress.first?.peer == .known(.securityGroup(.declared("Inline"))))
        #expect(ingress.first?.carrier == "Ingress")
    }

    @Test("IP networks: containment, zero prefixes and Fn::Cidr arithmetic")
    func networks() throws {
        #expect(IPNetwork("0.0.0.0/0")?.isEverything == true)
        #expect(IPNetwork("0000:0000:0000:0000:0000:0000:0000:0000/0")?.isEverything == true)
        #expect(IPNetwork("10.0.0.0/16")!.contains(IPNetwork("10.0.3.0/24")!))
        #expect(!IPNetwork("10.0.3.0/24")!.contains(IPNetwork("10.0.0.0/16")!))
        #expect(IPNetwork("192.168.0.0/24")!.contains(IPNetwork("192.168.0.0/28")!))
        #expect(!IPNetwork("10.0.0.0/8")!.contains(IPNetwork("::/0")!))
        #expect(IPNetwork("10.0.0.0/33") == nil)
        #expect(IPNetwork("not-a-cidr") == nil)
        #expect(IPNetwork("2001:db8::/32")!.contains(IPNetwork("2001:db8:1::/48")!))
    }
}
