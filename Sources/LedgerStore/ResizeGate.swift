import Synchronization

/// Lets transactions of this process run together, and map resizing run alone.
///
/// LMDB: `mdb_env_set_mapsize` "may be called … if no transactions are active in this process".
/// Transactions take the gate shared; a resize takes it exclusively (waiting for the others to finish).
final class ResizeGate: Sendable {
    private let state = Mutex<(active: Int, resizing: Bool)>((0, false))

    func withTransaction<R>(_ body: () throws -> R) rethrows -> R {
        while true {
            let entered = state.withLock { s -> Bool in
                if s.resizing { return false }
                s.active += 1
                return true
            }
            if entered { break }
            sched_yield()
        }
        defer { state.withLock { $0.active -= 1 } }
        return try body()
    }

    /// Runs `body` when this caller's own transaction is the only one (the caller holds one share).
    func exclusively<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        while true {
            let claimed = state.withLock { s -> Bool in
                if s.resizing || s.active > 1 { return false }
                s.resizing = true
                return true
            }
            if claimed { break }
            sched_yield()
        }
        defer { state.withLock { $0.resizing = false } }
        return try body()
    }
}
#if canImport(Glibc)
import Glibc
#endif
