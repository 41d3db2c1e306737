/// A suppression written as a comment directly above a Terraform resource block:
///
///     # ssmlint:ignore SSM006 approved bastion, ticket SEC-42 expires=2027-03-31
///     // ssmlint:ignore SSM006,SSM010 reason text
///
/// The first word after `ssmlint:ignore` lists the rules (IDs or slugs,
/// separated by commas); `expires=YYYY-MM-DD` may stand anywhere after it;
/// every other word is the reason. The text is taken as written: whether a
/// rule exists, the reason is present and the date is valid is judged where
/// all suppressions are (a suppression without a reason does not suppress).
public struct TerraformIgnoreComment: Sendable, Hashable {
    public static let keyword = "ssmlint:ignore"
    /// More rules than this in one comment are not read (a comment is repeated for every instance of its block).
    public static let maxRules = 32

    public var rules: [String]
    public var reason: String?
    public var expires: String?

    /// The directive in a line comment's text, or nil when the comment is not one.
    public init?(_ text: String) {
        var rest = Substring(text).drop { $0 == " " || $0 == "\t" }
        guard rest.lowercased().hasPrefix(Self.keyword) else { return nil }
        rest = rest.dropFirst(Self.keyword.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var rules: [String] = []
        // `SSM006,SSM010` or `SSM006, SSM010`: the list goes on while a word ends with a comma.
        while var word = words.first, !word.lowercased().hasPrefix("expires=") {
            words.removeFirst()
            let endsList = word.hasSuffix(":")
            if endsList { word.removeLast() }
            rules += word.split(separator: ",").map(String.init)
            if endsList || !word.hasSuffix(",") { break }
        }
        var reasonWords: [String] = []
        var expires: String?
        for word in words {
            if word.lowercased().hasPrefix("expires=") {
                expires = String(word.dropFirst("expires=".count))
            } else {
                reasonWords.append(word)
            }
        }
        // A separator between the rules and the reason (`SSM006 -- reason`, `SSM006: reason`) is not part of it.
        if let first = reasonWords.first, first.allSatisfy({ $0 == "-" || $0 == ":" || $0 == "—" }) { reasonWords.removeFirst() }
        self.rules = Array(rules.prefix(Self.maxRules))
        self.reason = reasonWords.isEmpty ? nil : reasonWords.joined(separator: " ")
        self.expires = expires
    }
}
