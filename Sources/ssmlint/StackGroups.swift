import SSMLintLoaders

/// Templates of one scan that exchange values form a group that is analysed
/// as one network: an instance in the application stack sits in a subnet of
/// the network stack. Templates link when one imports what another exports
/// (`Fn::ImportValue`), or when one is the local template of another's nested
/// stack (`AWS::CloudFormation::Stack` before `aws cloudformation package`).
/// A name exported by more than one template links nothing (which stack is
/// deployed is not known), and neither does an import that matches no export:
/// it stays unknown.
struct StackGroups {
    /// Each group's top-level templates (not nested in another of the scan),
    /// exporters before importers; a template's nested stacks load with it.
    var groups: [[Int]] = []
    /// Export names declared by exactly one template of the scan.
    var uniqueExports: Set<String> = []
    /// Each template's nested stacks among the inputs: logical ID and input index.
    var children: [Int: [(logicalID: String, index: Int)]] = [:]

    init(interfaces: [StackInterface?], children: [Int: [(logicalID: String, index: Int)]] = [:]) {
        self.children = children
        var exporters: [String: [Int]] = [:]
        for (index, interface) in interfaces.enumerated() {
            for name in Set(interface?.exports ?? []) { exporters[name, default: []].append(index) }
        }
        uniqueExports = Set(exporters.filter { $0.value.count == 1 }.keys)
        var parentOf: [Int: Int] = [:]
        for (parent, kids) in children { for kid in kids { parentOf[kid.index] = parent } }
        // A nested stack's imports and exports count for its top-level template.
        func top(_ index: Int) -> Int {
            var index = index
            var seen: Set<Int> = [index]
            while let parent = parentOf[index], seen.insert(parent).inserted { index = parent }
            return index
        }
        var dependencies: [Int: Set<Int>] = [:]
        var parent = Array(interfaces.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index { parent[index] = parent[parent[index]]; index = parent[index] }
            return index
        }
        for (index, interface) in interfaces.enumerated() {
            for name in interface?.imports ?? [] {
                guard uniqueExports.contains(name), let exporter = exporters[name]?.first, top(exporter) != top(index) else { continue }
                dependencies[top(index), default: []].insert(top(exporter))
                parent[root(index)] = root(exporter)
            }
        }
        for (index, _) in parentOf { parent[root(index)] = root(top(index)) }
        var members: [Int: [Int]] = [:]
        for index in interfaces.indices where interfaces[index] != nil || parentOf[index] != nil { members[root(index), default: []].append(index) }
        for (_, group) in members.sorted(by: { $0.key < $1.key }) where group.count > 1 {
            groups.append(Self.ordered(group.filter { top($0) == $0 }, dependencies: dependencies))
        }
    }

    /// Exporters first; members of an import cycle keep their input order
    /// (what they import from each other stays unknown).
    private static func ordered(_ group: [Int], dependencies: [Int: Set<Int>]) -> [Int] {
        var order: [Int] = []
        var placed: Set<Int> = []
        var progress = true
        while progress {
            progress = false
            for index in group where !placed.contains(index) && (dependencies[index] ?? []).isSubset(of: placed) {
                order.append(index)
                placed.insert(index)
                progress = true
            }
        }
        return order + group.filter { !placed.contains($0) }
    }

    /// Every input of a group, its tops and their nested stacks.
    func members(of group: [Int]) -> [Int] {
        var result: [Int] = []
        var pending = group
        var seen: Set<Int> = []
        while !pending.isEmpty {
            let index = pending.removeFirst()
            guard seen.insert(index).inserted else { continue }
            result.append(index)
            pending.append(contentsOf: (children[index] ?? []).map(\.index))
        }
        return result
    }
}
