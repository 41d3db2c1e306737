/// A Terraform resource address reduced to the block that declares it:
/// `module.fleet["blue"].module.servers.aws_instance.app[1]` is the
/// `resource "aws_instance" "app"` block of module path `module.fleet.module.servers`.
/// Instance keys (`[0]`, `["a.b]"]`) are dropped; a quoted key may hold dots,
/// brackets and escaped quotes.
public struct TerraformResourceAddress: Sendable, Hashable {
    /// `module.a.module.b`, or "" for the root module.
    public var modulePath: String
    /// `resource` for managed resources, `data` for data sources (as the block type is written).
    public var blockType: String
    public var type: String
    public var name: String

    public init(modulePath: String, blockType: String, type: String, name: String) {
        self.modulePath = modulePath
        self.blockType = blockType
        self.type = type
        self.name = name
    }

    /// Nil when the text is not a resource address.
    public init?(_ address: String) {
        guard let steps = Self.stepsWithoutKeys(address) else { return nil }
        var index = 0
        var modules: [String] = []
        while index + 1 < steps.count, steps[index] == "module" {
            modules.append("module.\(steps[index + 1])")
            index += 2
        }
        var blockType = "resource"
        if index < steps.count, steps[index] == "data" {
            blockType = "data"
            index += 1
        }
        guard steps.count - index == 2 else { return nil }
        self.init(modulePath: modules.joined(separator: "."), blockType: blockType, type: steps[index], name: steps[index + 1])
    }

    /// The dot-separated steps with every `[...]` key removed; nil for unbalanced brackets or quotes.
    static func stepsWithoutKeys(_ address: String) -> [String]? {
        var steps: [String] = []
        var current = ""
        var inKey = false, inString = false, escaped = false
        for character in address {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            if inKey {
                if character == "\"" { inString = true } else if character == "]" { inKey = false } else if character == "[" { return nil }
                continue
            }
            switch character {
            case "[": inKey = true
            case "]", "\"": return nil
            case ".":
                guard !current.isEmpty else { return nil }
                steps.append(current)
                current = ""
            default: current.append(character)
            }
        }
        guard !inKey, !inString, !current.isEmpty else { return nil }
        steps.append(current)
        return steps
    }
}
