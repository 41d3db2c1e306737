@testable import SSMLintModel
import Testing

/// Security group sources are read by a byte parser for plain `a.b.c.d/n`
/// and by the general reading (trimming, inet_pton) for anything else: the
/// byte parser must accept only what the general reading accepts, as the same
/// network.
@Suite("IP network parsing")
struct IPNetworkParsingTests {
    @Test("plain IPv4 prefixes read by byte are the networks the general reading gives")
    func plainIPv4() throws {
        for text in ["0.0.0.0/0", "10.0.0.0/8", "10.1.2.3/16", "255.255.255.255/32", "192.168.0.0/024", "1.2.3.4/0"] {
            let fast = try #require(IPNetwork.plainIPv4(text), "\(text)")
            #expect(fast == IPNetwork.parsedGenerally(text), "\(text)")
        }
        #expect(IPNetwork("10.1.2.3/16") == IPNetwork(family: .ipv4, address: 0x0A01_0000, prefixLength: 16))
    }

    @Test("what the byte parser declines is left to the general reading",
          arguments: [" 10.0.0.0/8", "10.0.0.0/8 ", "010.0.0.0/8", "10.0.0/8", "10.0.0.0.0/8", "10.0.0.0./8",
                      ".10.0.0.0/8", "10..0.0/8", "256.0.0.0/8", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0", "10.0.0.0/0032",
                      "10.0.0.0/8/9", "10.0.0.0/-1", "::/0", "::ffff:10.0.0.0/104", "10.0.0.0/x", ""])
    func declined(text: String) {
        let fast = IPNetwork.plainIPv4(text)
        #expect(fast == nil || fast == IPNetwork.parsedGenerally(text), "\(text)")
        #expect(IPNetwork(text) == IPNetwork.parsedGenerally(text), "\(text)")
    }

    @Test("random near-addresses: the byte parser agrees with the general reading whenever it answers")
    func randomTexts() {
        var state: UInt64 = 20261201
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        // Mostly numbers as written (0-299), sometimes empty or with a leading zero.
        func digits(_ most: UInt64) -> String {
            switch next() % 20 {
            case 0: return ""
            case 1: return "0" + String(next() % most)
            default: return String(next() % most)
            }
        }
        func separator(_ usual: String) -> String { next() % 10 == 0 ? ["", ".", "/", " ", ":", ".."][Int(next() % 6)] : usual }
        var answered = 0
        for _ in 0..<20_000 {
            let parts = (0..<(3 + next() % 3)).map { _ in digits(300) }
            let text = parts.map { $0 + separator(".") }.joined().dropLast() + separator("/") + digits(40)
            guard let fast = IPNetwork.plainIPv4(text) else { continue }
            answered += 1
            #expect(fast == IPNetwork.parsedGenerally(text), "\(text)")
        }
        #expect(answered > 1_000, "\(answered) of 20,000 read by byte")
    }
}
