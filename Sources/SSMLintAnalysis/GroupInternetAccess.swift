import SSMLintModel

/// How a group of targets (a VPC's) gets to the internet, for findings whose
/// existence is certain but whose severity depends on whether the targets
/// have another way out than the broken one.
public struct GroupInternetAccess: Sendable {
    public let targets: [ComputeTarget]
    /// Targets with no way out at all.
    public let isolated: [ComputeTarget]
    /// Targets whose way out is unknown.
    public let uncertain: [ComputeTarget]
    /// Every target reaches the internet through NAT or an internet gateway.
    public let allReachInternet: Bool
    /// Why a way out is unknown: a reason other than a route beyond the input
    /// (a transit gateway, a firewall) comes first, since only such a route
    /// leaves a finding certain.
    public let unknownAccess: Unresolved?
}

extension NetworkAnalysis {
    public func internetAccess(of targets: [ComputeTarget]) -> GroupInternetAccess {
        let access = targets.map { internetAccess(of: $0) }
        let reasons = access.compactMap { if case .unknown(let why) = $0 { return why } else { return nil } }
        return GroupInternetAccess(
            targets: targets,
            isolated: zip(targets, access).filter { $0.1.isNone }.map(\.0),
            uncertain: zip(targets, access).filter { if case .unknown = $0.1 { return true } else { return false } }.map(\.0),
            allReachInternet: access.allSatisfy(\.reachesInternet),
            unknownAccess: reasons.first { !$0.leadsBeyondInput } ?? reasons.first)
    }
}
