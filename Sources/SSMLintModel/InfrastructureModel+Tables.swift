/// Something done to each of the model's resource tables, whatever its
/// element type (`InfrastructureModel.visitTables`).
public protocol ResourceTableVisitor {
    mutating func visit<Element>(_ table: WritableKeyPath<InfrastructureModel, ResourceTable<Element>>)
}

extension InfrastructureModel {
    /// Every resource table, once: the one list that linking and trimming
    /// share, so that a new table cannot be forgotten by one of them (a test
    /// compares the count with the model's tables).
    public static func visitTables(_ visitor: inout some ResourceTableVisitor) {
        visitor.visit(\.vpcs); visitor.visit(\.subnets); visitor.visit(\.routeTables)
        visitor.visit(\.subnetRouteTableAssociations); visitor.visit(\.mainRouteTableAssociations)
        visitor.visit(\.internetGateways); visitor.visit(\.gatewayAttachments); visitor.visit(\.natGateways)
        visitor.visit(\.securityGroups); visitor.visit(\.vpcEndpoints); visitor.visit(\.instances)
        visitor.visit(\.launchTemplates); visitor.visit(\.autoScalingGroups); visitor.visit(\.instanceProfiles)
        visitor.visit(\.roles); visitor.visit(\.hostedZones); visitor.visit(\.dhcpOptions)
        visitor.visit(\.dhcpOptionsAssociations); visitor.visit(\.vpcCidrBlocks); visitor.visit(\.prefixLists)
        visitor.visit(\.vpnGateways); visitor.visit(\.peeringConnections); visitor.visit(\.transitGateways)
        visitor.visit(\.transitGatewayAttachments); visitor.visit(\.transitGatewayRouteTables)
        visitor.visit(\.transitGatewayRouteTableLinks); visitor.visit(\.transitGatewayRoutes)
        visitor.visit(\.dnsResolutionOverrides); visitor.visit(\.resolverRules); visitor.visit(\.networkACLs)
        visitor.visit(\.sessionDocuments); visitor.visit(\.networkInterfaces)
        visitor.visit(\.networkInterfaceAttachments); visitor.visit(\.instanceConnectEndpoints)
    }

    /// How many tables `visitTables` visits.
    public static var tableCount: Int {
        struct Counter: ResourceTableVisitor {
            var count = 0
            mutating func visit<Element>(_ table: WritableKeyPath<InfrastructureModel, ResourceTable<Element>>) { count += 1 }
        }
        var counter = Counter()
        visitTables(&counter)
        return counter.count
    }

    /// Gives each resource table exactly the room its elements take (the
    /// resource list is sized up front). A table grows by doubling as a
    /// loader fills it, so up to half of it stood empty for the whole scan.
    /// `InputLoader` calls this once the parsed document is freed, so that
    /// the copies do not raise the peak.
    public mutating func trimToSize() {
        struct Trimmer: ResourceTableVisitor {
            var model: InfrastructureModel
            mutating func visit<Element>(_ table: WritableKeyPath<InfrastructureModel, ResourceTable<Element>>) {
                model[keyPath: table].trimToSize()
            }
        }
        var trimmer = Trimmer(model: self)
        self = InfrastructureModel(file: file, format: format)   // `trimmer` holds the only copy while it works
        Self.visitTables(&trimmer)
        self = trimmer.model
    }
}
