/// Resources of one type in document order, with lookup by identity.
/// Inlinable, so that loaders and rules use it specialised for each resource
/// type instead of through generic witnesses (a measurable cost on large inputs).
public struct ResourceTable<Element: DeclaredResource>: Sendable, RandomAccessCollection {
    @usableFromInline var storage: [Element] = []
    @usableFromInline var positions: [ResourceID: Int] = [:]

    @inlinable
    public var elements: [Element] { storage }

    @inlinable
    public init() {}

    @inlinable
    public var startIndex: Int { storage.startIndex }
    @inlinable
    public var endIndex: Int { storage.endIndex }
    @inlinable
    public subscript(position: Int) -> Element { storage[position] }

    @inlinable
    public subscript(id: ResourceID) -> Element? {
        get { positions[id].map { storage[$0] } }
    }

    @inlinable
    public subscript(ref: ResourceRef) -> Element? {
        guard case .declared(let id) = ref else { return nil }
        return self[id]
    }

    /// Inserts or replaces the element with the same identity.
    @inlinable
    public mutating func insert(_ element: Element) {
        // One hash of the identity when it is new, as it nearly always is.
        if let position = positions.updateValue(storage.count, forKey: element.id) {
            positions[element.id] = position
            storage[position] = element
        } else {
            storage.append(element)
        }
    }

    /// Edits an element in place; returns false when there is none with that identity.
    @discardableResult
    @inlinable
    public mutating func modify(_ id: ResourceID, _ body: (inout Element) -> Void) -> Bool {
        guard let position = positions[id] else { return false }
        body(&storage[position])
        return true
    }

    @inlinable
    public func contains(_ id: ResourceID) -> Bool { positions[id] != nil }

    /// Inserts every element of `other`, in its order (as `insert` one by one).
    @inlinable
    public mutating func merge(_ other: ResourceTable<Element>) {
        reserveCapacity(adding: other.count)
        for element in other.storage { insert(element) }
    }

    /// Room for `additional` more elements, so that adding many grows the table once.
    public mutating func reserveCapacity(adding additional: Int) {
        storage.reserveCapacity(storage.count + additional)
        positions.reserveCapacity(positions.count + additional)
    }

    /// Copies the elements into storage of their size (see `Array.trimToSize`).
    public mutating func trimToSize() {
        storage.trimToSize()
    }
}
