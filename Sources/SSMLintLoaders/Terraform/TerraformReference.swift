/// One traversal of a Terraform expression's `references` list
/// (`module.net.private_subnet_ids[1]`, `aws_subnet.priv["a"].id`, `var.x`).
struct TerraformReference: Hashable {
    enum Step: Hashable {
        case name(String)
        case index(Int)
        case key(String)
        case splat
    }

    var steps: [Step]

    init?(_ text: String) {
        var steps: [Step] = []
        var current = ""
        let iterator = Array(text.unicodeScalars)
        var position = 0
        func flush() {
            if !current.isEmpty { steps.append(.name(current)); current = "" }
        }
        while position < iterator.count {
            let scalar = iterator[position]
            switch scalar {
            case ".":
                flush()
                position += 1
            case "[":
                flush()
                guard let close = iterator[position...].firstIndex(of: "]") else { return nil }
                let inner = String(String.UnicodeScalarView(iterator[(position + 1)..<close]))
                if inner == "*" { steps.append(.splat) }
                else if let number = Self.index(inner) { steps.append(.index(number)) }
                else if inner.hasPrefix("\""), inner.hasSuffix("\""), inner.count >= 2 { steps.append(.key(String(inner.dropFirst().dropLast()))) }
                else { return nil }
                position = close + 1
            default:
                current.unicodeScalars.append(scalar)
                position += 1
            }
        }
        flush()
        guard !steps.isEmpty else { return nil }
        self.steps = steps
    }

    /// A list index as written. Terraform rejects negative indexes, and an index
    /// too large for Int selects nothing; both are kept (as written or as
    /// Int.max) so that lookups report them out of range instead of the
    /// reference silently disappearing.
    private static func index(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(text) ?? (text.hasPrefix("-") ? Int.min : Int.max)
    }

    var names: [String] {
        steps.compactMap { if case .name(let name) = $0 { return name } else { return nil } }
    }

    /// The object the traversal starts at: `aws_subnet.priv`, `module.net`, `var.x`, `each`, …
    var root: String {
        let parts = names
        guard let first = parts.first else { return "" }
        if ["each", "count", "self", "path", "terraform"].contains(first) { return first }
        return parts.count > 1 ? "\(first).\(parts[1])" : first
    }

    /// `each.value` or a traversal of it (`each.value.id`).
    var isEachValue: Bool {
        names.count >= 2 && names[0] == "each" && names[1] == "value"
    }

    /// True when `other` extends this traversal (`aws_x.y` is a prefix of `aws_x.y.id`).
    func isPrefix(of other: TerraformReference) -> Bool {
        other.steps.count > steps.count && Array(other.steps.prefix(steps.count)) == steps
    }
}
