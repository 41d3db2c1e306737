extension InfrastructureModel {
    /// Joining a stack of this many resources or more uses two cores.
    static let concurrentLinkSize = 2_000

    /// Identities declared both here and in `other`: two stacks that cannot be
    /// analysed as one model.
    public func sharedIdentities(with other: InfrastructureModel) -> [ResourceID] {
        other.resources.map(\.info.id).filter { resource($0) != nil }
    }

    /// Adds the resources of another stack of the same deployment (one that
    /// exports values this one imports, or a nested stack), so that analysis
    /// sees one network. Resources keep their own file in their locations.
    /// Standalone rules, routes and ACL entries that one stack adds to a
    /// resource of the other are attached to it. Identities must not clash
    /// (see `sharedIdentities`).
    /// `concurrently` uses two cores; by default, when `other` is large.
    public mutating func link(_ other: InfrastructureModel, concurrently: Bool? = nil) {
        // The resource list and the typed tables are independent, and on a
        // large model they are joined at once, one on each core (joining a
        // large template's two halves on one core took 6 ms while the other
        // waited). Each side owns what it changes: moved out of the model,
        // nothing is copied on write.
        let list = Handoff((resources, resourceIndex, mentionedByAttachingResources))
        resources = []
        resourceIndex = [:]
        mentionedByAttachingResources = []
        let tables = Handoff(self)
        self = InfrastructureModel(file: file, format: format)
        let (joinedList, joinedTables) = bothAtOnce(concurrently: concurrently ?? (other.resources.count >= Self.concurrentLinkSize), {
            var (resources, index, mentioned) = list.take()
            resources.reserveCapacity(resources.count + other.resources.count)
            index.reserveCapacity(index.count + other.resources.count)
            // `other` may have dropped its property trees; its mentions were kept.
            for resource in other.resources { Self.record(resource, in: &resources, index: &index) }
            mentioned.formUnion(other.mentionedByAttachingResources)
            return Handoff((resources, index, mentioned))
        }, {
            struct Merger: ResourceTableVisitor {
                let other: InfrastructureModel
                mutating func visit<Element>(_ table: WritableKeyPath<InfrastructureModel, ResourceTable<Element>>, in model: inout InfrastructureModel) {
                    // One key-path access per table, not one per element.
                    model[keyPath: table].merge(other[keyPath: table])
                }
            }
            var model = tables.take()
            var merger = Merger(other: other)
            model.visitTables(&merger)
            return Handoff(model)
        })
        self = joinedTables.take()
        (resources, resourceIndex, mentionedByAttachingResources) = joinedList.take()
        dnsRecords += other.dnsRecords
        elasticIPAssociations += other.elasticIPAssociations
        networkACLAssociations += other.networkACLAssociations
        unattachedEndpointRouteTables += other.unattachedEndpointRouteTables
        preexistingResources.formUnion(other.preexistingResources)
        exportedResources.formUnion(other.exportedResources)
        conditionsFalseByDefault.formUnion(other.conditionsFalseByDefault)
        mayMixRegions = mayMixRegions || other.mayMixRegions || (region != nil && other.region != nil && region != other.region)
        if region == nil { region = other.region }

        // What either stack left unattached may now find its resource.
        let rules = unattachedSecurityGroupRules + other.unattachedSecurityGroupRules
        let routes = unattachedRoutes + other.unattachedRoutes
        let entries = unattachedNetworkACLEntries + other.unattachedNetworkACLEntries
        unattachedSecurityGroupRules = []
        unattachedRoutes = []
        unattachedNetworkACLEntries = []
        for rule in rules { attach(rule, toGroup: rule.targetGroup) }
        for route in routes { attach(route) }
        for (entry, acl) in entries { attach(entry, toACL: acl) }
    }
}
