import SSMLintEngine

/// The resource model as JSON, for compiled packs (docs/rule-packs.md). Values
/// are the resolved properties; what ssmlint could not resolve is marked, so a
/// pack can stay silent on unknowns as built-in rules do.
public enum ModelJSON {
    /// Where a scan keeps an input's encoded model (`RuleContext.derived`):
    /// every rule of a compiled pack receives the same text.
    static let encodedKey = "compiled-pack-model-json"

    public static func encode(_ model: InfrastructureModel) -> JSONValue {
        .object([
            ("file", .string(model.file)),
            ("format", .string(model.format.rawValue)),
            ("region", model.region.map { .string($0) } ?? .null),
            ("resources", .array(model.resources.map { resource in
                .object([
                    ("id", .string(resource.info.id.rawValue)),
                    ("type", .string(resource.info.type)),
                    ("condition", resource.info.condition.map { .string($0) } ?? .null),
                    ("location", .object([
                        ("line", .int(resource.info.location.range.start.line)),
                        ("column", .int(resource.info.location.range.start.column)),
                    ])),
                    ("properties", encode(resource.properties)),
                ])
            })),
        ])
    }

    /// Scalars are strings (templates write `"22"` and `22` alike); references,
    /// deploy-time text and unknowns are one-key objects: `$ref`, `$text`, `$unknown`.
    public static func encode(_ value: PropertyValue) -> JSONValue {
        switch value.kind {
        case .null: return .null
        case .scalar(let text): return .string(text)
        case .list(let items): return .array(items.map(encode))
        case .map(let entries): return .object(entries.map { ($0.key, encode($0.value)) })
        case .reference(let id, let attribute):
            var members: [(String, JSONValue)] = [("$ref", .string(id.rawValue))]
            if let attribute { members.append(("attribute", .string(attribute))) }
            return .object(members)
        case .text(let text): return .object([("$text", .string(text.description))])
        case .availabilityZoneIndex(let index): return .object([("$azIndex", .int(index))])
        case .availabilityZoneList: return .object([("$azList", .bool(true))])
        case .unknown(let reason): return .object([("$unknown", .string(reason.reason))])
        }
    }
}
