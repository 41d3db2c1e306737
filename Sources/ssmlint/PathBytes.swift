/// File paths as the bytes the kernel uses. Names need not be UTF-8, so paths
/// are kept as bytes for opening and turned into text only for display.
enum PathBytes {
    /// The path as text: UTF-8 decoded, each byte that is not UTF-8 written
    /// as `\xE9` so the name stays recognisable and distinct.
    static func displayText(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var result = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var index = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                result.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                index += encoded.count
            case .error(let length):
                for byte in bytes[index..<(index + length)] {
                    result += "\\x" + String(byte, radix: 16, uppercase: true)
                }
                index += length
            case .emptyInput:
                break loop
            }
        }
        return result
    }

    /// `directory/name`, without doubling a trailing slash.
    static func join(_ directory: [UInt8], _ name: [UInt8]) -> [UInt8] {
        directory.last == UInt8(ascii: "/") ? directory + name : directory + [UInt8(ascii: "/")] + name
    }

    static func hasPrefix(_ path: [UInt8], directory: [UInt8]) -> Bool {
        let base = directory.last == UInt8(ascii: "/") ? directory : directory + [UInt8(ascii: "/")]
        return path.starts(with: base)
    }
}
