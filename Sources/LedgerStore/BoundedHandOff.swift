import Dispatch
import Synchronization

/// Hands elements from one producing thread to one consuming thread, in order, with at most `capacity` waiting
/// between them: the producer waits for room, the consumer for an element (semaphores, no polling). The one
/// hand-off of the package's two-thread pipelines (decoding input while appending, reading the log while
/// projecting, scanning the indexes while verifying the chain).
///
/// The consumer may stop early with ``cancel()``: the producer's waiting or next ``send(_:)`` then returns `false`.
public final class BoundedHandOff<Element: Sendable>: Sendable {
    private let queue = Mutex<[Element]>([])
    private let filled = DispatchSemaphore(value: 0)
    /// Made at 0 and signalled `capacity` times: libdispatch traps when a semaphore is freed below the value it
    /// was made with, and elements may be left unread.
    private let free = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)

    /// A hand-off holding at most `capacity` (at least 1) unread elements.
    public init(capacity: Int) {
        for _ in 0..<max(capacity, 1) { free.signal() }
    }

    /// Producer: queues `element`, waiting while `capacity` elements are unread. Returns `false`, dropping the
    /// element, when the consumer has cancelled.
    public func send(_ element: Element) -> Bool {
        free.wait()
        guard !cancelled.load(ordering: .acquiring) else {
            free.signal()  // so that a further send returns at once too
            return false
        }
        queue.withLock { $0.append(element) }
        filled.signal()
        return true
    }

    /// Consumer: the next element, in the order sent; waits until the producer has sent it.
    public func receive() -> Element {
        filled.wait()
        let element = queue.withLock { $0.removeFirst() }
        free.signal()
        return element
    }

    /// Consumer: stops taking elements. A producer waiting for room wakes, and every send returns `false`.
    public func cancel() {
        cancelled.store(true, ordering: .releasing)
        free.signal()
    }
}
