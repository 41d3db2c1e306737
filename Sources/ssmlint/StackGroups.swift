import SSMLintLoaders

/// Templates of one scan that exchange values (one imports what another
/// exports) form a group that is analysed as one network: an instance in the
/// application stack sits in a subnet of the network stack. A name exported
/// by more than one template links nothing (which stack is deployed is not
/// known), and neither does an import that matches no export: it stays unknown.
struct StackGroups {
    /// Each group's input indices, exporters before importers; only groups of two or more.
    var groups: [[Int]] = []
    /// Export names declared by exactly one template of the scan.
    var uniqueExports: Set<String> = []

    init(interfaces: [StackInterface?]) {
        var exporters: [String: [Int]] = [:]
        for (index, interface) in interfaces.enumerated() {
            for name in Set(interface?.exports ?? []) { exporters[name, default: []].append(index) }
        }
        uniqueExports = Set(exporters.filter { $0.value.count == 1 }.keys)
        // importer -> exporters it reads from
        var dependencies: [Int: Set<Int>] = [:]
        var parent = Array(interfaces.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index { parent[index] = parent[parent[index]]; index = parent[index] }
            return index
        }
        for (index, interface) in interfaces.enumerated() {
            for name in interface?.imports ?? [] {
                guard uniqueExports.contains(name), let exporter = exporters[name]?.first, exporter != index else { continue }
                dependencies[index, default: []].insert(exporter)
                parent[root(index)] = root(exporter)
            }
        }
        var members: [Int: [Int]] = [:]
        for index in interfaces.indices where interfaces[index] != nil { members[root(index), default: []].append(index) }
        for (_, group) in members.sorted(by: { $0.key < $1.key }) where group.count > 1 {
            groups.append(Self.ordered(group, dependencies: dependencies))
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
}
