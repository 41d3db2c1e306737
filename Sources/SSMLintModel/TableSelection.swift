/// Some elements of a list, by position: an index that groups a model
/// table's elements (the endpoints of each VPC) without copying them. A
/// resource is a struct of many fields, and each copy holds them all again.
public struct TableSelection<Element: Sendable>: RandomAccessCollection, Sendable {
    private let all: [Element]
    private var positions: [Int]

    public init(of all: [Element], positions: [Int] = []) {
        self.all = all
        self.positions = positions
    }

    public mutating func append(position: Int) { positions.append(position) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }
    public subscript(index: Int) -> Element { all[positions[index]] }
}

/// One element of a list, by position: for an index or a record that names
/// an element without copying it (see `TableSelection`).
public struct TableElement<Element: Sendable>: Sendable {
    private let all: [Element]
    private let position: Int

    public init(_ position: Int, of all: [Element]) {
        self.all = all
        self.position = position
    }

    public var value: Element { all[position] }
}
