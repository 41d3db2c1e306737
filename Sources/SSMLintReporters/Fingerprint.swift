import Crypto
import SSMLintEngine

/// Stable identity of a finding: rule, file, resource and the rule's own key,
/// never line numbers, so it survives edits that move the resource.
enum Fingerprint {
    static func of(_ finding: Finding, path: String) -> String {
        let identity = [finding.ruleID, path, finding.resource.rawValue, finding.key].joined(separator: "\u{1F}")
        return SHA256.hash(data: Array(identity.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
