import SSMLintModel

/// Bounds what the resolvers build out of references. A parameter Default,
/// a mapping entry or a module output is resolved once and then shared, but a
/// value that refers to another twice (`!Join ['', [!Ref P1, !Ref P1]]`, a
/// module output listing another output twice) still doubles in size at each
/// level, so a few kilobytes of input can describe more text and list items
/// than fit in memory. The resolvers charge every value they build or reuse,
/// at its fully expanded size, to one budget per input; a value too large for
/// its own limit, or built after the input's budget is spent, becomes an
/// unknown with the reason, and stays silent like any other unknown.
final class ExpansionBudget {
    /// Largest expanded size of one value: nodes plus characters of text.
    /// Real values are a few hundred units; megabytes of UserData assembled
    /// with Fn::Join or Fn::Sub still fit.
    static let valueLimit = 4_000_000
    /// Largest expanded size of everything an input's references build.
    static let inputLimit = 20_000_000

    private(set) var used = 0
    let limit: Int

    init(limit: Int = ExpansionBudget.inputLimit) {
        self.limit = limit
    }

    /// Whether the whole budget is spent.
    var isSpent: Bool { used > limit }

    /// Charges `units`; false once the budget is spent.
    @discardableResult
    func spend(_ units: Int) -> Bool {
        let (sum, overflow) = used.addingReportingOverflow(max(0, units))
        used = overflow ? Int.max : sum
        return used <= limit
    }

    /// The expanded size of a value: its nodes plus the characters of its
    /// text, with shared parts counted every time they appear. The walk stops
    /// once the size passes `limit`, so measuring costs at most that much.
    static func size(of value: PropertyValue, upTo limit: Int = .max) -> Int {
        var size = 0
        var pending = [value]
        while let next = pending.popLast(), size <= limit {
            size += 1
            switch next.kind {
            case .list(let items): pending.append(contentsOf: items)
            case .map(let entries): pending.append(contentsOf: entries.map(\.value))
            case .scalar(let text): size += text.utf8.count
            case .text(let text):
                size += text.segments.count
                for case .literal(let literal) in text.segments { size += literal.utf8.count }
            default: break
            }
        }
        return size
    }

    static let exhaustedReason =
        "the value is built from references that expand to more than \(inputLimit) values and characters in this input; ssmlint does not evaluate it"
    static let tooLargeReason =
        "the value expands to more than \(valueLimit) values and characters; ssmlint does not evaluate it"
}
