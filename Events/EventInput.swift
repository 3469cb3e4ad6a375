#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line of input as the writer sees it.
public enum InputLine {
    /// The bytes of one line, without its line feed (and without a carriage return before it). Valid only
    /// during the callback that receives it.
    case bytes(UnsafeBufferPointer<UInt8>)
    /// A line longer than ``EventDecoder/maximumEventBytes``, skipped without being buffered whole;
    /// `byteCount` is its length.
    case tooLarge(byteCount: Int)
    /// A line that grew past the limit before its end was read: the reader stops there and reads nothing more of
    /// the input (`< /dev/zero` would never end). `bytesRead` of it were read.
    case tooLargeUnfinished(bytesRead: Int)
}

/// A source of input events, read from the start each time it is made (an append may run more than once).
public protocol EventInput {
    /// Calls `body` with each line and its 1-based number, in order.
    mutating func forEachLine(_ body: (Int, InputLine) throws -> Void) throws

    /// `true` when the input may hold many lines (a file, a stream): the writer then decodes it on a second
    /// thread while it appends. Small inputs say `false` and are not worth starting a thread for.
    var mayBeLarge: Bool { get }
}

extension EventInput {
    /// Inputs are small unless they say otherwise.
    public var mayBeLarge: Bool { false }
}

/// Reading the input failed (not a verdict on its content).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A streaming JSON Lines reader: reads ~1 MiB at a time and hands out each line in place. Memory stays bounded
/// whatever the input. The first line longer than the maximum ends the reading (the batch is refused anyway, and
/// the rest of the input is never read, so `< /dev/zero` ends at once): it is reported as
/// ``InputLine/tooLarge(byteCount:)`` when its end was in the buffer, else as
/// ``InputLine/tooLargeUnfinished(bytesRead:)``. A last line without a line feed is a line.
public struct JSONLReader: EventInput {
    /// Bytes read per `read(2)`.
    public static let chunkSize = 1 << 20

    /// Byte arrays smaller than this are read on the calling thread (see ``EventInput/mayBeLarge``).
    public static let pipelineThreshold = 1 << 20

    private let read: (UnsafeMutableRawBufferPointer) throws -> Int
    private let maximumLineBytes: Int
    public let mayBeLarge: Bool

    /// Reads with `read`, which fills the buffer it is given and returns how many bytes it wrote (0 at the end).
    /// `mayBeLarge`: see ``EventInput/mayBeLarge``; `read` is then called on the writer's decoding thread.
    public init(
        maximumLineBytes: Int = EventDecoder.maximumEventBytes, mayBeLarge: Bool = true,
        read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int
    ) {
        self.read = read
        self.maximumLineBytes = maximumLineBytes
        self.mayBeLarge = mayBeLarge
    }

    /// Reads the open file descriptor `fd` from its current offset (the caller owns and closes it).
    public init(fileDescriptor fd: Int32, maximumLineBytes: Int = EventDecoder.maximumEventBytes) {
        self.init(maximumLineBytes: maximumLineBytes) { buffer in
            while true {
                let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
                if count >= 0 { return count }
                if errno == EINTR { continue }
                throw InputError(String(cString: strerror(errno)))
            }
        }
    }

    /// Reads `bytes` (tests, and events given on the command line).
    public init(bytes: [UInt8], maximumLineBytes: Int = EventDecoder.maximumEventBytes) {
        var offset = 0
        self.init(maximumLineBytes: maximumLineBytes, mayBeLarge: bytes.count >= Self.pipelineThreshold) { buffer in
            let count = min(buffer.count, bytes.count - offset)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
            }
            offset += count
            return count
        }
    }

    public mutating func forEachLine(_ body: (Int, InputLine) throws -> Void) throws {
        // Room for one chunk plus the longest acceptable partial line (and its carriage return).
        let keep = maximumLineBytes + 1
        let capacity = Self.chunkSize + keep
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return }
        var start = 0  // first byte of the current line
        var end = 0  // end of the valid bytes
        var scanned = 0  // bytes before this are known to hold no line feed
        var lineNumber = 0
        var stopped = false  // a line over the limit ends the reading

        func emit(_ lineStart: Int, _ lineEnd: Int) throws {
            lineNumber += 1
            var lineStart = lineStart
            var length = lineEnd - lineStart
            // A UTF-8 byte order mark (as some Windows tools write) before the first line is not part of it.
            if lineNumber == 1, length >= 3, base[lineStart] == 0xEF, base[lineStart + 1] == 0xBB, base[lineStart + 2] == 0xBF {
                lineStart += 3
                length -= 3
            }
            if length > 0, base[lineStart + length - 1] == 0x0D { length -= 1 }
            if length > maximumLineBytes {
                try body(lineNumber, .tooLarge(byteCount: length))
                stopped = true
            } else {
                try body(lineNumber, .bytes(UnsafeBufferPointer(start: base + lineStart, count: length)))
            }
        }

        while true {
            // Hand out every complete line in the buffer.
            while scanned < end {
                guard let found = memchr(base + scanned, 0x0A, end - scanned) else {
                    scanned = end
                    break
                }
                let newline = UnsafeMutableRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                try emit(start, newline)
                if stopped { return }
                start = newline + 1
                scanned = start
            }
            // The rest is a partial line. Too long already: report it and read no further.
            if end - start > keep {
                lineNumber += 1
                try body(lineNumber, .tooLargeUnfinished(bytesRead: end - start))
                return
            }
            // Move the partial line to the front and read more after it.
            let pending = end - start
            if start > 0, pending > 0 { memmove(base, base + start, pending) }
            start = 0
            end = pending
            scanned = pending
            let count = try read(UnsafeMutableRawBufferPointer(start: base + end, count: capacity - end))
            if count == 0 {
                if end > 0 { try emit(0, end) }
                return
            }
            end += count
        }
    }
}
