#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes report temporary files when ssmlint is interrupted (SIGINT,
/// SIGTERM, SIGHUP), then dies of the same signal. The handler may only make
/// async-signal-safe calls, so paths are kept as C strings in fixed slots
/// allocated before any handler can run.
enum TemporaryFileCleanup {
    private static let capacity = 64
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    nonisolated(unsafe) private static var installed = false

    /// Registers `path` for removal on a signal; false when every slot is taken.
    static func register(_ path: String) -> Bool {
        installHandlers()
        for index in 0..<capacity where slots[index] == nil {
            slots[index] = strdup(path)
            return true
        }
        return false
    }

    /// Forgets `path` (renamed into place or removed). Its few bytes are not
    /// freed, so a handler running at that moment never reads freed memory.
    static func unregister(_ path: String) {
        for index in 0..<capacity {
            guard let slot = slots[index], String(cString: slot) == path else { continue }
            slots[index] = nil
        }
    }

    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        // A parent may have started ssmlint with these signals blocked (the
        // mask of the thread that spawned it is inherited): unblock them here.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signalNumber) }
        sigprocmask(SIG_UNBLOCK, &signals, nil)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { received in
                for index in 0..<TemporaryFileCleanup.capacity {
                    if let slot = TemporaryFileCleanup.slots[index] { unlink(slot) }
                }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
