import SSMLintModel
import SSMLintYAML

/// Reads the Session Manager preferences out of a Session document's content,
/// which may be an object (CloudFormation YAML/JSON), a JSON or YAML string
/// (CloudFormation `Content: |`, Terraform `content`), or a string built with
/// `Fn::Sub` / `Fn::Join` whose placeholders are known only at deploy time.
struct SessionDocumentReader {
    let read: PropertyReader

    func document(info: ResourceInfo, documentType: Value<String>, content: PropertyValue?) -> SessionDocument {
        let tree = contentTree(content)
        let inputs = tree.flatMap { $0.unresolved == nil ? $0["inputs"] : $0 }
        var preferences: [SessionPreference: Value<Bool>] = [:]
        for preference in SessionPreference.allCases {
            preferences[preference] = inputs.map { inputs in
                inputs.unresolved.map { .unknown($0) } ?? isSet(inputs[preference.rawValue])
            } ?? .known(false)
        }
        let sessionType: Value<String> = tree.map { tree in
            tree.unresolved.map { .unknown($0) } ?? read.string(tree["sessionType"])
        } ?? .unknown(Unresolved("the document has no content"))
        return SessionDocument(info: info, documentType: documentType, sessionType: sessionType, preferences: preferences)
    }

    /// The content as a property tree; an unknown value when it cannot be read.
    private func contentTree(_ content: PropertyValue?) -> PropertyValue? {
        guard let content else { return nil }
        switch content.kind {
        case .map: return content
        case .scalar(let text): return parse(text, placeholders: [], range: content.range)
        case .text(let text):
            // Placeholders become private-use markers that survive YAML/JSON parsing
            // inside strings and are turned back into symbolic parts afterwards.
            var rendered = ""
            var placeholders: [SymbolicText.Segment] = []
            for segment in text.segments {
                if case .literal(let literal) = segment {
                    rendered += literal
                } else {
                    rendered += "\(Self.open)\(placeholders.count)\(Self.close)"
                    placeholders.append(segment)
                }
            }
            return parse(rendered, placeholders: placeholders, range: content.range)
        case .unknown: return content
        case .reference:
            // Terraform: an expression over attributes known only after apply (`jsonencode({kmsKeyId = aws_kms_key.k.arn})`).
            return PropertyValue(.unknown(Unresolved("the document content is built from values known only after deployment")), range: content.range)
        default: return PropertyValue(.unknown(Unresolved("the document content is \(content.displayText)")), range: content.range)
        }
    }

    private static let open: Character = "\u{E000}"
    private static let close: Character = "\u{E001}"

    private func parse(_ text: String, placeholders: [SymbolicText.Segment], range: SourceRange) -> PropertyValue {
        let node: YAMLNode?
        do {
            node = try YAMLParser.parse(Array(text.utf8))
        } catch {
            return PropertyValue(.unknown(Unresolved("the document content does not parse: \(error)")), range: range)
        }
        guard let node else { return PropertyValue(.unknown(Unresolved("the document content is empty")), range: range) }
        return convert(node, placeholders: placeholders, range: range)
    }

    /// Parsed content -> property tree located at the `Content` property (lines
    /// inside a string do not map to the template's lines).
    private func convert(_ node: YAMLNode, placeholders: [SymbolicText.Segment], range: SourceRange) -> PropertyValue {
        switch node.content {
        case .scalar(let text, _):
            if node.isNull { return PropertyValue(.null, range: range) }
            guard !placeholders.isEmpty, text.contains(Self.open) else { return PropertyValue(.scalar(text), range: range) }
            return PropertyValue(.text(symbolic(text, placeholders)), range: range)
        case .sequence(let items):
            return PropertyValue(.list(items.map { convert($0, placeholders: placeholders, range: range) }), range: range)
        case .mapping(let entries):
            return PropertyValue(.map(entries.compactMap { entry in
                entry.key.scalar.map { PropertyEntry(key: $0, keyRange: range, value: convert(entry.value, placeholders: placeholders, range: range)) }
            }), range: range)
        }
    }

    private func symbolic(_ text: String, _ placeholders: [SymbolicText.Segment]) -> SymbolicText {
        var result = SymbolicText()
        var rest = Substring(text)
        while let start = rest.firstIndex(of: Self.open) {
            result.append(.literal(String(rest[..<start])))
            let afterOpen = rest.index(after: start)
            guard let end = rest[afterOpen...].firstIndex(of: Self.close), let index = Int(rest[afterOpen..<end]),
                  placeholders.indices.contains(index) else {
                result.append(.unknown(Unresolved("the document content has a malformed placeholder")))
                return result
            }
            result.append(placeholders[index])
            rest = rest[rest.index(after: end)...]
        }
        result.append(.literal(String(rest)))
        return result
    }

    /// Whether a preference holds a non-empty value (an empty string turns it off).
    private func isSet(_ value: PropertyValue?) -> Value<Bool> {
        guard let value else { return .known(false) }
        switch value.kind {
        case .null: return .known(false)
        case .scalar(let text): return .known(!text.trimmingSpaces.isEmpty)
        case .reference, .availabilityZoneIndex, .availabilityZoneList: return .known(true)
        case .text(let text):
            var pending: Unresolved?
            for segment in text.segments {
                switch segment {
                case .literal(let literal): if !literal.trimmingSpaces.isEmpty { return .known(true) }
                case .pseudo, .reference: return .known(true)
                case .unknown(let reason): pending = pending ?? reason
                }
            }
            return pending.map { .unknown($0) } ?? .known(false)
        case .unknown(let reason): return .unknown(reason)
        case .list, .map: return .unknown(Unresolved("the preference is \(value.displayText), not a string"))
        }
    }
}
