/// Text from a template, a plan, a file name or a rule pack, made safe to
/// print on one line of a terminal or a CI log.
///
/// A logical ID, a `for_each` key or a file name may hold a line break (which
/// forges a line, such as a GitHub `::error` annotation), a carriage return or
/// escape sequences (which rewrite what the terminal shows), and bidirectional
/// controls (which reorder it). Every such character is written as a visible
/// escape instead: `\n`, `\r`, `\t`, and `\u{1B}` for the rest. Colour codes
/// that ssmlint adds itself are applied after escaping.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// Control characters (C0, DEL, C1), line and paragraph separators, and
    /// the format characters that change how a line is displayed.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        case 0xFEFF, 0xFFF9...0xFFFB: return true
        default: return false
        }
    }
}
