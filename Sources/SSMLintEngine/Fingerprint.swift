import Crypto

extension Finding {
    /// The finding's stable identity: rule, input path (relative to the report
    /// root), resource and the rule's own key, never line numbers, so it
    /// survives edits that move the resource. SARIF partialFingerprints,
    /// GitLab fingerprints and baselines all use it.
    public func fingerprint(path: String) -> String {
        let identity = [ruleID, path, resource.rawValue, key].joined(separator: "\u{1F}")
        return SHA256.hash(data: Array(identity.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
