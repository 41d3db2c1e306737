import CLibCrypto

extension Finding {
    /// The finding's stable identity: rule, input path (relative to the report
    /// root), resource and the rule's own key, never line numbers, so it
    /// survives edits that move the resource. SARIF partialFingerprints,
    /// GitLab fingerprints and baselines all use it.
    ///
    /// SHA-256, not a cheaper hash: the resource names come from whoever wrote
    /// the template, and code scanning and baselines treat equal fingerprints
    /// as one finding. With a hash that is easy to collide, a pull request
    /// could name a new resource so that its finding matches one that was
    /// dismissed or baselined, and it would arrive silenced.
    public func fingerprint(path: String) -> String {
        SHA256Hex.of([ruleID, path, resource.rawValue, key].joined(separator: "\u{1F}"))
    }
}

/// SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits.
public enum SHA256Hex {
    public static func of(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        var length: UInt32 = 0
        // With the configuration file left unread (below), SHA-256 from the
        // built-in provider fails only when memory runs out.
        guard let sha256 = OpenSSL.sha256, EVP_Digest(bytes, bytes.count, &digest, &length, sha256, nil) == 1 else {
            fatalError("OpenSSL could not compute SHA-256: \(OpenSSL.lastError())")
        }
        // Spelled out by table: a String per byte, joined, was measurable
        // when a large scan fingerprints thousands of findings.
        return String(unsafeUninitializedCapacity: digest.count * 2) { hex in
            for (index, byte) in digest.enumerated() {
                hex[2 * index] = digits[Int(byte >> 4)]
                hex[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return digest.count * 2
        }
    }

    private static let digits = Array("0123456789abcdef".utf8)
}

private enum OpenSSL {
    /// Initialised without reading the machine's openssl.cnf: the release
    /// binary carries its own libcrypto, and a runner's configuration (written
    /// for another OpenSSL build, or loading modules) must not change or break
    /// a scan.
    static let initialized: Bool = OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_LOAD_CONFIG), nil) == 1

    /// The algorithm, looked up in the provider once: the one-call `SHA256()`
    /// looked it up on every call, which was most of a fingerprint's cost.
    /// Never freed; OpenSSL's fetched methods are safe to share across threads.
    nonisolated(unsafe) static let sha256: OpaquePointer? = initialized ? EVP_MD_fetch(nil, "SHA2-256", nil) : nil

    static func lastError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "no error reported" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
