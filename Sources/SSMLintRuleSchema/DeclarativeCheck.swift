/// The `check:` block of a declarative rule: a condition every resource of the
/// rule's types must satisfy; a resource for which it is definitely false gets
/// a finding (docs/rule-packs.md).
public indirect enum CheckCondition: Sendable, Equatable {
    case all([CheckCondition])
    case any([CheckCondition])
    case not(CheckCondition)
    case test(CheckPath, CheckOperator)
}

/// Where a test looks: one path for every type, or one per resource type.
/// Paths are dotted keys under CloudFormation `Properties` or Terraform
/// `values`; `[n]` indexes a list and `[*]` means every element.
public struct CheckPath: Sendable, Equatable {
    public var text: String
    public var common: [PathStep]?
    public var byType: [String: [PathStep]]

    public init(text: String, common: [PathStep]?, byType: [String: [PathStep]]) {
        self.text = text
        self.common = common
        self.byType = byType
    }

    public func steps(for type: String) -> [PathStep]? {
        byType[type] ?? common
    }

    public enum PathStep: Sendable, Equatable {
        case key(String)
        case index(Int)
        case every
    }

    /// Parses `SecurityGroupIngress[*].CidrIp`, `metadata_options[0].http_tokens`.
    public static func parse(_ text: String) -> [PathStep]? {
        var steps: [PathStep] = []
        var current = ""
        let characters = Array(text)
        var position = 0
        func flush() { if !current.isEmpty { steps.append(.key(current)); current = "" } }
        while position < characters.count {
            let character = characters[position]
            if character == "." { flush(); position += 1; continue }
            if character == "[" {
                flush()
                guard let close = characters[position...].firstIndex(of: "]") else { return nil }
                let inner = String(characters[(position + 1)..<close])
                if inner == "*" { steps.append(.every) } else if let number = Int(inner), number >= 0 { steps.append(.index(number)) } else { return nil }
                position = close + 1
                continue
            }
            current.append(character)
            position += 1
        }
        flush()
        return steps.isEmpty ? nil : steps
    }
}

/// A scalar in a check, compared with resolved property values.
public enum CheckValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public var description: String {
        switch self {
        case .string(let text): return text
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }
}

public enum CheckOperator: Sendable, Equatable {
    case equals(CheckValue)
    case notEquals(CheckValue)
    case isIn([CheckValue])
    case notIn([CheckValue])
    case matches(String)
    case exists(Bool)
    case lessThan(Double)
    case greaterThan(Double)

    public static let names = ["equals", "notEquals", "in", "notIn", "matches", "exists", "lessThan", "greaterThan"]
}
