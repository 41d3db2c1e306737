/// Text a template, plan or file name controls (logical IDs, for_each keys,
/// paths, messages that quote them), made safe to print on one line: line
/// breaks, other control characters (terminal escapes) and the invisible
/// characters that reorder or split displayed text are shown as escapes, so
/// hostile input cannot forge a report line, a CI log command or a colour.
public enum ReportText {
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isUnsafe(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: break
        }
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidirectional marks, overrides and isolates
        default: return false
        }
    }
}
