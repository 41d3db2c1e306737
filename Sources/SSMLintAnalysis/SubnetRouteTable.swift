import SSMLintModel

extension NetworkAnalysis {
    /// The route table in effect for a subnet, as the path analysis resolves it:
    /// the associated table, nil for the VPC's main table that a template cannot
    /// change (it holds only the local route), or unknown.
    public func routeTableInEffect(forSubnet subnet: ResourceID) -> Value<RouteTable?> {
        switch routeResolver.routeTable(forSubnet: subnet) {
        case .table(let table): return .known(table)
        case .mainLocalOnly: return .known(nil)
        case .unknown(let reason): return .unknown(reason)
        }
    }
}
