import Foundation
import SSMLintAnalysis
import SSMLintEngine
import Testing

/// Instances launched with a pre-created network interface as their primary
/// interface (`NetworkInterfaces: [{NetworkInterfaceId: …, DeviceIndex: 0}]`)
/// live in that interface's subnet, with its security groups and no
/// auto-assigned public IPv4; they do not launch into the default VPC.
@Suite("Network interfaces given by ID")
struct NetworkInterfaceTargetTests {
    static func fixture() throws -> String {
        try String(contentsOf: Paths.fixtures.appendingPathComponent("paths/eni-primary-interface.yaml"), encoding: .utf8)
    }

    static func target(_ text: String) throws -> (NetworkAnalysis, ComputeTarget) {
        let analysis = NetworkAnalysis(model: try Scan.model(text))
        return (analysis, try #require(analysis.targets.first { $0.id == "Instance" }))
    }

    @Test("the instance takes the declared interface's subnet, groups and address")
    func followsDeclaredInterface() throws {
        let (analysis, target) = try Self.target(try Self.fixture())
        #expect(target.subnet.known == .declared("PrivateSubnet"))
        #expect(target.vpc.known == .declared("VPC"))
        #expect(target.securityGroups.known?.map(\.known) == [.declared("InstanceSG")])
        #expect(target.publicIPv4.known == false)
        #expect(target.privateIpAddress.known == "10.20.1.10")
        #expect(analysis.path(of: target, to: .ssm).endpoint?.endpoint.id == "SsmEndpoint")
        #expect(analysis.path(of: target, to: .ssmmessages).endpoint?.endpoint.id == "SsmMessagesEndpoint")
        #expect(analysis.path(of: target, to: .ec2messages).isNone)
        // The missing ec2messages endpoint is the only connectivity finding.
        let findings = try Scan.findings(try Self.fixture()).filter { $0.level != .note }
        #expect(findings.map(\.ruleID) == ["SSM002"])
        #expect(findings.first?.message.contains("ec2messages") == true)
    }

    @Test("an interface without GroupSet carries the VPC default security group")
    func defaultGroupOfInterface() throws {
        let text = try Self.fixture().replacingOccurrences(of: "      GroupSet: [!Ref InstanceSG]\n", with: "")
        let (_, target) = try Self.target(text)
        #expect(target.usesDefaultSecurityGroup)
        #expect(target.securityGroups.known?.first?.known?.declaredID?.rawValue.hasPrefix("VPC") == true)
    }

    @Test("an interface the input does not declare leaves subnet and VPC unknown, and the rules silent")
    func undeclaredInterface() throws {
        let text = try Self.fixture().replacingOccurrences(of: "NetworkInterfaceId: !Ref PrimaryInterface", with: "NetworkInterfaceId: eni-0123456789abcdef0")
        let (analysis, target) = try Self.target(text)
        #expect(target.subnet.unresolved?.reason.contains("eni-0123456789abcdef0") == true)
        #expect(target.vpc.known == nil)
        #expect(target.subnet.unresolved?.reason.contains("default VPC") == false)
        #expect(analysis.path(of: target, to: .ssm).unresolved != nil)
        let connectivity = try Scan.findings(text).filter { $0.level != .note && UnknownStaysSilentTests.connectivityRules.contains($0.ruleID) }
        #expect(connectivity.isEmpty, "\(connectivity.map(\.message))")
    }

    @Test("an Elastic IP on the primary interface gives the instance a public address")
    func elasticIPOnInterface() throws {
        let text = try Self.fixture() + """
              Address:
                Type: AWS::EC2::EIP
                Properties: {Domain: vpc}
              AddressAssociation:
                Type: AWS::EC2::EIPAssociation
                Properties:
                  AllocationId: !GetAtt Address.AllocationId
                  NetworkInterfaceId: !Ref PrimaryInterface
            """
        let (_, target) = try Self.target(text)
        #expect(target.publicIPv4.known == true)
    }

    @Test("an Elastic IP on a secondary interface leaves the public address unknown")
    func elasticIPOnSecondaryInterface() throws {
        let text = try Self.fixture() + """
              SecondInterface:
                Type: AWS::EC2::NetworkInterface
                Properties: {SubnetId: !Ref PrivateSubnet}
              SecondAttachment:
                Type: AWS::EC2::NetworkInterfaceAttachment
                Properties: {InstanceId: !Ref Instance, NetworkInterfaceId: !Ref SecondInterface, DeviceIndex: "1"}
              AddressAssociation:
                Type: AWS::EC2::EIPAssociation
                Properties: {AllocationId: eipalloc-0123456789abcdef0, NetworkInterfaceId: !Ref SecondInterface}
            """
        let (_, target) = try Self.target(text)
        #expect(target.subnet.known == .declared("PrivateSubnet"))
        #expect(target.publicIPv4.unresolved?.reason.contains("SecondInterface") == true)
    }
}
