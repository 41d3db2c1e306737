import SSMLintModel

/// Reads IAM policy documents (resolved property trees) for the few questions
/// ssmlint asks: which actions are allowed, and which service may assume a role.
enum PolicyDocument {
    /// The statements of a document; unknown when the document, its statement
    /// list or one of its statements cannot be read (a JSON string, an
    /// unresolved intrinsic), since that statement may allow anything.
    static func statements(_ document: PropertyValue) -> Value<[PropertyValue]> {
        if let reason = document.unresolved { return .unknown(reason) }
        guard document.entries != nil else { return .unknown(Unresolved("the policy document is not a readable JSON object")) }
        guard let statement = document["Statement"] else { return .known([]) }
        if let reason = statement.unresolved { return .unknown(reason) }
        let items = statement.list ?? [statement]
        if let unreadable = items.first(where: { $0.unresolved != nil || $0.entries == nil }) {
            return .unknown(unreadable.unresolved ?? Unresolved("a policy statement is not a readable JSON object"))
        }
        return .known(items)
    }

    /// Which of `actions` an Allow statement grants (wildcards and NotAction understood).
    static func allowedActions(_ document: PropertyValue, among actions: [String]) -> Value<Set<String>> {
        let read = statements(document)
        guard case .known(let statements) = read else { return .unknown(read.unresolved!) }
        var granted: Set<String> = []
        var pending: Unresolved?
        for statement in statements {
            switch effectIsAllow(statement) {
            case .known(true): break
            case .unknown(let reason): pending = reason; continue
            default: continue
            }
            if let excluded = statement["NotAction"] {
                // Allow with NotAction grants every action the patterns do not name.
                let patterns = strings(excluded)
                if let reason = patterns.lazy.compactMap(\.unresolved).first { pending = reason; continue }
                let names = patterns.compactMap(\.known)
                granted.formUnion(actions.filter { action in !names.contains { matches(pattern: $0, action) } })
                continue
            }
            guard let actionValue = statement["Action"] else { continue }
            for pattern in strings(actionValue) {
                switch pattern {
                case .known(let text): granted.formUnion(actions.filter { matches(pattern: text, $0) })
                case .unknown(let reason): pending = reason
                case .absent: break
                }
            }
        }
        if granted.count < actions.count, let pending { return .unknown(pending) }
        return .known(granted)
    }

    /// Whether an Allow statement lets `service` perform `action` (trust policies).
    static func allowsService(_ document: PropertyValue, service: String, action: String) -> Value<Bool> {
        let read = statements(document)
        guard case .known(let statements) = read else { return .unknown(read.unresolved!) }
        var pending: Unresolved?
        for statement in statements {
            switch effectIsAllow(statement) {
            case .known(true): break
            case .unknown(let reason): pending = reason; continue
            default: continue
            }
            let patterns = statement["Action"].map(strings) ?? []
            if let reason = patterns.lazy.compactMap(\.unresolved).first { pending = reason; continue }
            let actionAllowed = patterns.contains { $0.known.map { matches(pattern: $0, action) } ?? false }
            guard actionAllowed, let principal = statement["Principal"] else { continue }
            if let reason = principal.unresolved { pending = reason; continue }
            if principal.scalar == "*" { return .known(true) }
            guard let services = principal["Service"] else { continue }
            for name in strings(services) {
                switch name {
                case .known(let text): if text.lowercased().hasPrefix(service) { return .known(true) }
                case .unknown(let reason): pending = reason
                case .absent: break
                }
            }
        }
        if let pending { return .unknown(pending) }
        return .known(false)
    }

    private static func effectIsAllow(_ statement: PropertyValue) -> Value<Bool> {
        guard let effect = statement["Effect"] else { return .known(false) }
        if let reason = effect.unresolved { return .unknown(reason) }
        return .known(effect.scalar?.lowercased() == "allow")
    }

    private static func strings(_ value: PropertyValue) -> [Value<String>] {
        switch value.kind {
        case .scalar(let text): return [.known(text)]
        case .list(let items): return items.flatMap(strings)
        case .unknown(let reason): return [.unknown(reason)]
        case .text(let text):
            // `ec2.${AWS::URLSuffix}` and `arn:${AWS::Partition}:…` name the same thing in every partition.
            var rendered = ""
            for segment in text.segments {
                switch segment {
                case .literal(let literal): rendered += literal
                case .pseudo("AWS::URLSuffix"): rendered += "amazonaws.com"
                case .pseudo("AWS::Partition"): rendered += "aws"
                default: return [.unknown(Unresolved("'\(text)' is known only at deploy time"))]
                }
            }
            return [.known(rendered)]
        default: return []
        }
    }

    /// IAM action patterns: case-insensitive, `*` and `?` wildcards.
    static func matches(pattern: String, _ action: String) -> Bool {
        let p = Array(pattern.lowercased().unicodeScalars), a = Array(action.lowercased().unicodeScalars)
        var pi = 0, ai = 0, star = -1, mark = 0
        while ai < a.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == a[ai]) { pi += 1; ai += 1 }
            else if pi < p.count && p[pi] == "*" { star = pi; mark = ai; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ai = mark }
            else { return false }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
