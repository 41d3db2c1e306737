#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CYAML

/// Where the tree builder takes libyaml's events from. An event returned by
/// `next()` stays valid until the following call or `finish()`, which frees it.
protocol YAMLEventSource {
    /// The next event; throws libyaml's error where the document stops being valid YAML.
    mutating func next() throws(YAMLError) -> yaml_event_t
    /// Frees every event not yet freed and the parser. Called once, also after a throw.
    mutating func finish()
}

/// How the events of one document are produced.
public enum YAMLEventProduction: Sendable {
    /// A document that starts like JSON is read as JSON first (several times
    /// faster than libyaml, with the same tree); anything else, or JSON that
    /// libyaml might read differently, goes to libyaml: `pipelined` for inputs
    /// of `pipelineThreshold` bytes or more, `inline` below.
    case automatic
    /// The JSON reader alone; an input it does not take fails with "not plain
    /// JSON". For tests that compare it with libyaml.
    case jsonOnly
    /// libyaml runs on the calling thread, one event at a time.
    case inline
    /// libyaml runs on a thread of its own, a few batches ahead of the tree builder.
    case pipelined

    /// Below this size a second thread costs more than it saves (a 512 KiB
    /// template parses in about 15 ms).
    public static let pipelineThreshold = 512 * 1024
}

extension YAMLError {
    /// The error libyaml stopped at, located at its line and column.
    init(libyaml parser: UnsafePointer<yaml_parser_t>, input: UnsafeBufferPointer<UInt8>) {
        let parser = parser.pointee
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed document"
        if parser.error == YAML_READER_ERROR {
            // Reader errors (encoding, control characters) carry a byte offset only.
            self.init(EncodingProblem.message(problem, value: parser.problem_value),
                      at: EncodingProblem.position(ofByte: parser.problem_offset, in: input, encoding: parser.encoding))
            return
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) \(context)"
        }
        self.init(message, at: SourcePosition(line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1))
    }
}

/// libyaml owned by one input buffer: initialised on `bytes`, which must
/// outlive it. Shared by both sources.
struct LibYAMLParser {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    let input: UnsafeBufferPointer<UInt8>

    /// Nil when libyaml cannot allocate its buffers.
    init?(input: UnsafeBufferPointer<UInt8>) {
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            return nil
        }
        self.input = input
        // libyaml needs a non-null pointer even for empty input; it reads no byte of it.
        yaml_parser_set_input_string(parser, input.baseAddress ?? LibYAMLParser.emptyInput, input.count)
    }

    /// Never written after it is made.
    nonisolated(unsafe) private static let emptyInput: UnsafePointer<UInt8> = {
        let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        byte.initialize(to: 0)
        return UnsafePointer(byte)
    }()

    /// Parses the next event into `event`, or returns libyaml's error.
    func parse(into event: UnsafeMutablePointer<yaml_event_t>) -> YAMLError? {
        yaml_parser_parse(parser, event) == 1 ? nil : YAMLError(libyaml: parser, input: input)
    }

    func delete() {
        yaml_parser_delete(parser)
        parser.deallocate()
    }
}

/// libyaml on the calling thread.
struct InlineEvents: YAMLEventSource {
    private let libyaml: LibYAMLParser
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var holding = false

    init(_ libyaml: LibYAMLParser) {
        self.libyaml = libyaml
        event.initialize(to: yaml_event_t())
    }

    mutating func next() throws(YAMLError) -> yaml_event_t {
        release()
        if let error = libyaml.parse(into: event) { throw error }
        holding = true
        return event.pointee
    }

    mutating func finish() {
        release()
        event.deallocate()
        libyaml.delete()
    }

    private mutating func release() {
        if holding { yaml_event_delete(event) }
        holding = false
    }
}

#if canImport(Glibc)
/// libyaml on a thread of its own, at most `batchCount` batches of events
/// ahead of the tree builder. Parsing a large document then takes about as
/// long as the slower of libyaml and the tree builder instead of both, on a
/// core that sits idle otherwise. Events come out in libyaml's order, and
/// libyaml's error after the events before it, so the tree and any error are
/// those of `InlineEvents`. The producer also frees the events of a batch the
/// builder is done with, before it fills the slot again: memory goes back to
/// the thread that allocates it, so libyaml's allocations reuse it at once.
final class PipelinedEvents: YAMLEventSource, @unchecked Sendable {
    private static let batchSize = 1024
    private static let batchCount = 4

    private let libyaml: LibYAMLParser
    /// `batchCount` slots of `batchSize` events: batch `n` lives in slot `n % batchCount`.
    private let ring: UnsafeMutablePointer<yaml_event_t>
    /// The number of events in each slot, until the producer frees them.
    private let lengths: UnsafeMutablePointer<Int>
    private var thread = pthread_t()

    // Shared; read and written under `mutex`.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let produced = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let released = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var producedCount = 0
    private var releasedCount = 0
    private var producerFinished = false
    private var cancelled = false
    private var failure: YAMLError?

    // The consumer's own: the batch being read and the next event in it.
    private var current = 0
    private var hasBatch = false
    private var position = 0
    private var length = 0

    /// Nil when the thread cannot be started; the caller then parses inline.
    static func start(_ libyaml: LibYAMLParser) -> PipelinedEvents? {
        let events = PipelinedEvents(libyaml)
        let context = Unmanaged.passRetained(events).toOpaque()
        let status = pthread_create(&events.thread, nil, { context in
            Unmanaged<PipelinedEvents>.fromOpaque(context!).takeRetainedValue().produce()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<PipelinedEvents>.fromOpaque(context).release()
            events.dispose()   // the parser stays with the caller
            return nil
        }
        return events
    }

    private init(_ libyaml: LibYAMLParser) {
        self.libyaml = libyaml
        ring = .allocate(capacity: Self.batchSize * Self.batchCount)
        lengths = .allocate(capacity: Self.batchCount)
        lengths.initialize(repeating: 0, count: Self.batchCount)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(produced, nil)
        pthread_cond_init(released, nil)
    }

    /// The producer thread: fills one free slot at a time until the stream
    /// ends, libyaml fails or the consumer cancels.
    private func produce() {
        var batch = 0
        while true {
            pthread_mutex_lock(mutex)
            while batch - releasedCount >= Self.batchCount && !cancelled { pthread_cond_wait(released, mutex) }
            let stop = cancelled
            pthread_mutex_unlock(mutex)
            if stop { break }

            let slot = ring + (batch % Self.batchCount) * Self.batchSize
            freeSlot(batch % Self.batchCount)
            var count = 0
            var ended = false
            var error: YAMLError?
            while count < Self.batchSize {
                if let failed = libyaml.parse(into: slot + count) {
                    error = failed
                    ended = true
                    break
                }
                count += 1
                if slot[count - 1].type == YAML_STREAM_END_EVENT {
                    ended = true
                    break
                }
            }
            pthread_mutex_lock(mutex)
            lengths[batch % Self.batchCount] = count
            producedCount = batch + 1
            if let error { failure = error }
            pthread_cond_signal(produced)
            pthread_mutex_unlock(mutex)
            batch += 1
            if ended { break }
        }
        pthread_mutex_lock(mutex)
        producerFinished = true
        pthread_cond_signal(produced)
        pthread_mutex_unlock(mutex)
    }

    func next() throws(YAMLError) -> yaml_event_t {
        while !hasBatch || position == length {
            if hasBatch {
                pthread_mutex_lock(mutex)
                releasedCount += 1
                pthread_cond_signal(released)
                pthread_mutex_unlock(mutex)
                current += 1
                hasBatch = false
            }
            pthread_mutex_lock(mutex)
            while producedCount == current && !producerFinished { pthread_cond_wait(produced, mutex) }
            let available = producedCount > current
            let error = failure
            if available { length = lengths[current % Self.batchCount] }
            pthread_mutex_unlock(mutex)
            guard available else {
                // libyaml always ends a valid stream with a stream end event, which the builder stops at.
                throw error ?? YAMLError("the document ends unexpectedly", at: SourcePosition(line: 1, column: 1))
            }
            hasBatch = true
            position = 0
        }
        position += 1
        return event(current, position - 1).pointee
    }

    func finish() {
        pthread_mutex_lock(mutex)
        cancelled = true
        pthread_cond_signal(released)
        pthread_mutex_unlock(mutex)
        pthread_join(thread, nil)
        // The producer has stopped: free the events it has not freed, read or not.
        for slot in 0..<Self.batchCount { freeSlot(slot) }
        libyaml.delete()
        dispose()
    }

    private func event(_ batch: Int, _ index: Int) -> UnsafeMutablePointer<yaml_event_t> {
        ring + (batch % Self.batchCount) * Self.batchSize + index
    }

    /// Frees the events in `slot`: by the producer once the builder released
    /// it, or by `finish` once the producer has stopped.
    private func freeSlot(_ slot: Int) {
        let events = ring + slot * Self.batchSize
        for index in 0..<lengths[slot] { yaml_event_delete(events + index) }
        lengths[slot] = 0
    }

    /// Frees what the pipeline allocated, not the parser.
    private func dispose() {
        ring.deallocate()
        lengths.deallocate()
        pthread_cond_destroy(produced)
        pthread_cond_destroy(released)
        pthread_mutex_destroy(mutex)
        produced.deallocate()
        released.deallocate()
        mutex.deallocate()
    }
}
#endif
