/// Something done to each of the model's resource tables, whatever its
/// element type (`InfrastructureModel.visitTables`).
public protocol ResourceTableVisitor {
    mutating func visit<Element>(_ table: WritableKeyPath<InfrastructureModel, ResourceTable<Element>>, in model: inout InfrastructureModel)
}

extension InfrastructureModel {
    /// Every resource table, once: the one list that linking and trimming
    /// share, so that a new table cannot be forgotten by one of them (a test
    /// compares the count with the model's tables).
    public mutating func visitTables(_ visitor: inout some ResourceTableVisitor) {
        func visit<Element>(_ table: WritableKeyPath<InfrastructureModel, ResourceTable<Element>>) {
            visitor.visit(table, in: &self)
        }
        visit(\.vpcs); visit(\.subnets); visit(\.routeTables); visit(\.subnetRouteTableAssociations)
        visit(\.mainRouteTableAssociations); visit(\.internetGateways); visit(\.gatewayAttachments); visit(\.natGateways)
        visit(\.securityGroups); visit(\.vpcEndpoints); visit(\.instances); visit(\.launchTemplates)
        visit(\.autoScalingGroups); visit(\.instanceProfiles); visit(\.roles); visit(\.hostedZones)
        visit(\.dhcpOptions); visit(\.dhcpOptionsAssociations); visit(\.vpcCidrBlocks); visit(\.prefixLists)
        visit(\.vpnGateways); visit(\.peeringConnections); visit(\.transitGateways); visit(\.transitGatewayAttachments)
        visit(\.transitGatewayRouteTables); visit(\.transitGatewayRouteTableLinks); visit(\.transitGatewayRoutes); visit(\.dnsResolutionOverrides)
        visit(\.resolverRules); visit(\.networkACLs); visit(\.sessionDocuments); visit(\.networkInterfaces)
        visit(\.networkInterfaceAttachments); visit(\.instanceConnectEndpoints)
    }

    /// How many tables `visitTables` visits.
    public static var tableCount: Int {
        struct Counter: ResourceTableVisitor {
            var count = 0
            mutating func visit<Element>(_ table: WritableKeyPath<InfrastructureModel, ResourceTable<Element>>, in model: inout InfrastructureModel) {
                count += 1
            }
        }
        var counter = Counter()
        var model = InfrastructureModel(file: "", format: .cloudFormation)
        model.visitTables(&counter)
        return counter.count
    }

    /// Gives each resource table exactly the room its elements take (the
    /// resource list is sized up front). A table grows by doubling as a
    /// loader fills it, so up to half of it stood empty for the whole scan.
    /// `InputLoader` calls this once the parsed document is freed, so that
    /// the copies do not raise the peak.
    public mutating func trimToSize() {
        struct Trimmer: ResourceTableVisitor {
            mutating func visit<Element>(_ table: WritableKeyPath<InfrastructureModel, ResourceTable<Element>>, in model: inout InfrastructureModel) {
                model[keyPath: table].trimToSize()
            }
        }
        var trimmer = Trimmer()
        visitTables(&trimmer)
    }
}
