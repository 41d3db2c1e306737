/// The command line as bytes. Swift decodes arguments as UTF-8 and replaces
/// bytes that are not UTF-8 (a file named `caf\xE9.yaml` in Latin-1), so the
/// decoded path names no file. This maps such an argument back to its bytes.
struct RawArguments {
    /// Decoded text -> the byte strings of arguments that decode to it, in order.
    private var undecodable: [String: [[UInt8]]] = [:]

    init(_ arguments: [[UInt8]] = RawArguments.processArguments()) {
        for bytes in arguments where String(validating: bytes, as: UTF8.self) == nil {
            undecodable[String(decoding: bytes, as: UTF8.self), default: []].append(bytes)
        }
    }

    static func processArguments() -> [[UInt8]] {
        (0..<Int(CommandLine.argc)).compactMap { index in
            CommandLine.unsafeArgv[index].map { pointer in
                var bytes: [UInt8] = []
                var cursor = pointer
                while cursor.pointee != 0 {
                    bytes.append(UInt8(bitPattern: cursor.pointee))
                    cursor += 1
                }
                return bytes
            }
        }
    }

    /// The bytes of `argument`: its own UTF-8, or those of the next argument
    /// that was decoded to it.
    mutating func bytes(of argument: String) -> [UInt8] {
        guard var candidates = undecodable[argument], !candidates.isEmpty else { return Array(argument.utf8) }
        let first = candidates.removeFirst()
        undecodable[argument] = candidates.isEmpty ? nil : candidates
        return first
    }
}
