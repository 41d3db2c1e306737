import ArgumentParser

/// `--max-input-size`: the largest input ssmlint reads, so an endless stream
/// or a huge file ends with a clear message instead of exhausting memory.
/// The default leaves room for real plans of tens of megabytes.
struct InputSizeLimit: ExpressibleByArgument, CustomStringConvertible, Sendable {
    static let `default` = InputSizeLimit(bytes: 128 << 20)

    var bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    /// `1000000`, `64K`, `100M`, `1G` (binary units; `KiB`/`KB`/`MiB`/`MB`… also accepted).
    init?(argument: String) {
        let text = argument.filter { $0 != " " }.uppercased()
        let digits = text.prefix { ("0"..."9").contains($0) }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let shifts = ["": 0, "B": 0, "K": 10, "KB": 10, "KIB": 10, "M": 20, "MB": 20, "MIB": 20, "G": 30, "GB": 30, "GIB": 30]
        guard let shift = shifts[String(text.dropFirst(digits.count))] else { return nil }
        let (value, overflow) = number.multipliedReportingOverflow(by: 1 << shift)
        guard !overflow, value > 0 else { return nil }
        bytes = value
    }

    var defaultValueDescription: String { description }

    var description: String {
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes % (1 << shift) == 0 {
            return "\(bytes >> shift) \(unit)"
        }
        return "\(bytes) bytes"
    }
}
