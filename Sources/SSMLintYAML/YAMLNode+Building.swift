extension YAMLNode {
    /// A node built in code (an empty mapping standing in for an omitted value,
    /// a node with another tag): a small document of its own, with the
    /// children of `content` copied into it.
    public init(content: Content, tag: String?, range: SourceRange) {
        var builder = YAMLDocumentBuilder(positions: .explicitPositions())
        let id = builder.copy(content: content, tag: tag, range: range, retag: { _, tag in tag })
        self.init(builder.finish(), id)
    }

    /// A copy of this tree in which every scalar's tag is `retag(text, tag)`:
    /// how a loader marks scalars it must read differently (the Serverless
    /// loader tags its variables as unknown values).
    public func retaggingScalars(_ retag: (String, String?) -> String?) -> YAMLNode {
        var builder = YAMLDocumentBuilder(positions: .explicitPositions())
        let id = builder.copy(content: content, tag: tag, range: range, retag: retag)
        return YAMLNode(builder.finish(), id)
    }
}

extension YAMLDocumentBuilder {
    fileprivate mutating func copy(content: YAMLNode.Content, tag: String?, range: SourceRange,
                                   retag: (String, String?) -> String?) -> UInt32 {
        var children: [UInt32] = []
        switch content {
        case .scalar: break
        case .sequence(let items):
            for item in items { children.append(copy(content: item.content, tag: item.tag, range: item.range, retag: retag)) }
        case .mapping(let entries):
            for entry in entries {
                children.append(copy(content: entry.key.content, tag: entry.key.tag, range: entry.key.range, retag: retag))
                children.append(copy(content: entry.value.content, tag: entry.value.tag, range: entry.value.range, retag: retag))
            }
        }
        let start = positions.record(range.start)
        let end = positions.record(range.end)
        // Tags come from a parsed document (or code), so they fit.
        var tag = tag
        if case .scalar(let text, _) = content { tag = retag(text, tag) }
        let tagID = tagID(tag) ?? 0
        switch content {
        case .scalar(var text, let style):
            let textID = text.withUTF8 { intern($0) }
            return appendScalar(text: textID, style: style, tag: tagID, start: start, end: end)
        case .sequence:
            return appendCollection(isMapping: false, tag: tagID, start: start, end: end, children: children)
        case .mapping:
            return appendCollection(isMapping: true, tag: tagID, start: start, end: end, children: children)
        }
    }
}
