#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A POSIX mutex with its condition variable: threads wait for a state change without polling.
///
/// The state it guards lives with the owner; read and change it only inside ``withLock(_:)``, and call ``wait()``
/// (which releases the lock while it sleeps) and ``broadcast()`` only there.
final class LockedCondition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Runs `body` holding the lock.
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Inside ``withLock(_:)``: releases the lock until another thread broadcasts, then takes it again. Wake-ups
    /// may be spurious: wait in a loop over the condition you wait for.
    func wait() { pthread_cond_wait(condition, mutex) }

    /// Inside ``withLock(_:)``: wakes every waiting thread.
    func broadcast() { pthread_cond_broadcast(condition) }
}
