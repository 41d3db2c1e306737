@testable import SSMLintAnalysis
import SSMLintLoaders
import SSMLintModel
import Testing

/// Longest-prefix routing inside a transit gateway route table declared in the input.
@Suite("transit gateway routing")
struct TransitGatewayRoutingTests {
    static let template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Hub:
            Type: AWS::EC2::VPC
            Properties: {CidrBlock: 10.0.0.0/16}
          Spoke:
            Type: AWS::EC2::VPC
            Properties: {CidrBlock: 10.1.0.0/16}
          Gateway:
            Type: AWS::EC2::TransitGateway
            Properties: {DefaultRouteTableAssociation: disable, DefaultRouteTablePropagation: disable}
          Table:
            Type: AWS::EC2::TransitGatewayRouteTable
            Properties: {TransitGatewayId: !Ref Gateway}
          HubAttachment:
            Type: AWS::EC2::TransitGatewayVpcAttachment
            Properties: {TransitGatewayId: !Ref Gateway, VpcId: !Ref Hub, SubnetIds: [subnet-1]}
          SpokeAttachment:
            Type: AWS::EC2::TransitGatewayVpcAttachment
            Properties: {TransitGatewayId: !Ref Gateway, VpcId: !Ref Spoke, SubnetIds: [subnet-2]}
          HubPropagation:
            Type: AWS::EC2::TransitGatewayRouteTablePropagation
            Properties: {TransitGatewayAttachmentId: !Ref HubAttachment, TransitGatewayRouteTableId: !Ref Table}
          Drop:
            Type: AWS::EC2::TransitGatewayRoute
            Properties: {TransitGatewayRouteTableId: !Ref Table, DestinationCidrBlock: 10.0.5.0/24, Blackhole: true}
          ToSpoke:
            Type: AWS::EC2::TransitGatewayRoute
            Properties: {TransitGatewayRouteTableId: !Ref Table, DestinationCidrBlock: 10.1.0.0/16, TransitGatewayAttachmentId: !Ref SpokeAttachment}
        """

    static func routing() throws -> (TransitGatewayRouting, TransitGateway) {
        guard case .success(let loaded) = InputLoader.load(bytes: Array(template.utf8), file: "tgw.yaml", options: LoadOptions()) else {
            throw RoutingError.notLoaded
        }
        let gateway = try #require(loaded.model.transitGateways["Gateway"])
        return (TransitGatewayRouting(model: loaded.model), gateway)
    }

    enum RoutingError: Error { case notLoaded }

    @Test("the longest prefix wins: a static route, a propagated VPC CIDR")
    func longestPrefix() throws {
        let (routing, gateway) = try Self.routing()
        #expect(routing.nextHop(for: IPNetwork("10.1.2.0/24")!, in: "Table", gateway: gateway).known == "SpokeAttachment")
        #expect(routing.nextHop(for: IPNetwork("10.0.1.0/24")!, in: "Table", gateway: gateway).known == "HubAttachment")
    }

    @Test("a blackhole route stays unknown and says so")
    func blackhole() throws {
        let (routing, gateway) = try Self.routing()
        let hop = routing.nextHop(for: IPNetwork("10.0.5.0/25")!, in: "Table", gateway: gateway)
        #expect(hop.known == nil)
        #expect(hop.unresolved?.reason.contains("blackhole") == true)
    }

    @Test("a destination another route splits stays unknown; one with no route at all too")
    func partialAndMissing() throws {
        let (routing, gateway) = try Self.routing()
        #expect(routing.nextHop(for: IPNetwork("10.0.0.0/16")!, in: "Table", gateway: gateway).unresolved?.reason.contains("its own way") == true)
        #expect(routing.nextHop(for: IPNetwork("192.168.0.0/24")!, in: "Table", gateway: gateway).unresolved?.reason.contains("has no route") == true)
    }
}
