import Crypto
import SSMLintEngine

/// Stable identity of a finding: rule, file, resource and the rule's own key,
/// never line numbers, so it survives edits that move the resource.
enum Fingerprint {
    static func of(_ finding: Finding, path: String) -> String {
        let identity = [finding.ruleID, path, finding.resource.rawValue, finding.key].joined(separator: "\u{1F}")
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(identity.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
