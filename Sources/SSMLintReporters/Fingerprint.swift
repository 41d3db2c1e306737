import CLibCrypto
import SSMLintKit

/// Stable identity of a finding: rule, file, resource and the rule's own key,
/// never line numbers, so it survives edits that move the resource.
///
/// SHA-256, not a cheaper hash: the resource names come from whoever wrote the
/// template, and code scanning treats results with equal fingerprints as one
/// alert. With a hash that is easy to collide, a pull request could name a new
/// resource so that its finding matches an alert someone dismissed, and the
/// finding would arrive dismissed. The value is the same SHA-256 ssmlint has
/// always written, so the SARIF key stays `ssmlint/v1`.
enum Fingerprint {
    static func of(_ finding: Finding, path: String) throws -> String {
        let identity = Array([finding.ruleID, path, finding.resource.rawValue, finding.key].joined(separator: "\u{1F}").utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        guard OpenSSL.initialized, SHA256(identity, identity.count, &digest) != nil else {
            throw ReporterFailure("OpenSSL could not compute a SHA-256 fingerprint: \(OpenSSL.lastError())")
        }
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

private enum OpenSSL {
    /// Initialised without reading the machine's openssl.cnf: the release
    /// binary carries its own libcrypto, and a runner's configuration (written
    /// for another OpenSSL build, or loading modules) must not change or break
    /// a scan.
    static let initialized: Bool = OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_LOAD_CONFIG), nil) == 1

    static func lastError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "no error reported" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
