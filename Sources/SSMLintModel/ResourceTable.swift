/// Resources of one type in document order, with lookup by identity.
public struct ResourceTable<Element: DeclaredResource>: Sendable, RandomAccessCollection {
    public private(set) var elements: [Element] = []
    private var positions: [ResourceID: Int] = [:]

    public init() {}

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> Element { elements[position] }

    public subscript(id: ResourceID) -> Element? {
        get { positions[id].map { elements[$0] } }
    }

    public subscript(ref: ResourceRef) -> Element? {
        guard case .declared(let id) = ref else { return nil }
        return self[id]
    }

    /// Inserts or replaces the element with the same identity.
    public mutating func insert(_ element: Element) {
        if let position = positions[element.id] {
            elements[position] = element
        } else {
            positions[element.id] = elements.count
            elements.append(element)
        }
    }

    /// Edits an element in place; returns false when there is none with that identity.
    @discardableResult
    public mutating func modify(_ id: ResourceID, _ body: (inout Element) -> Void) -> Bool {
        guard let position = positions[id] else { return false }
        body(&elements[position])
        return true
    }

    public func contains(_ id: ResourceID) -> Bool { positions[id] != nil }
}
