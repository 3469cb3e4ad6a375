import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Lets transactions of this process run together, and map resizing run alone.
///
/// LMDB: `mdb_env_set_mapsize` "may be called … if no transactions are active in this process". Transactions take
/// the gate shared; a resize takes it exclusively once every share is given back. A thread that must resize while
/// it holds a share (adopting a size another process set, met when beginning a transaction) gives its share up
/// first, so two such threads never wait on each other.
final class ResizeGate: Sendable {
    private let state = Mutex<(active: Int, resizing: Bool, adoptions: Int)>((0, false, 0))

    /// Runs `body` holding a share of the gate (waiting while a resize runs).
    func withTransaction<R>(_ body: () throws -> R) rethrows -> R {
        acquireShare()
        defer { state.withLock { $0.active -= 1 } }
        return try body()
    }

    /// Runs `body` alone: no transaction of this process is active meanwhile. The caller holds no share.
    func exclusively<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        acquireExclusive()
        defer { state.withLock { $0.resizing = false } }
        return try body()
    }

    /// Adopts a new map size (runs `body` alone) from inside ``withTransaction(_:)``: gives the caller's share up
    /// while it waits, and takes it back before returning. When another thread adopts meanwhile, `body` is not run:
    /// the caller just begins its transaction again.
    func adoptWhileHoldingAShare<E: Error>(_ body: () throws(E) -> Void) throws(E) {
        let seen = state.withLock { s -> Int in
            s.active -= 1
            return s.adoptions
        }
        defer { acquireShare() }
        while true {
            let turn = state.withLock { s -> Bool? in
                if s.adoptions != seen { return false }  // someone else adopted: nothing to do
                if s.resizing || s.active > 0 { return nil }
                s.resizing = true
                return true
            }
            switch turn {
            case true?:
                defer {
                    state.withLock {
                        $0.resizing = false; $0.adoptions += 1
                    }
                }
                try body()
                return
            case false?:
                return
            case nil:
                usleep(50)
            }
        }
    }

    private func acquireShare() {
        while true {
            let entered = state.withLock { s -> Bool in
                if s.resizing { return false }
                s.active += 1
                return true
            }
            if entered { return }
            usleep(50)
        }
    }

    private func acquireExclusive() {
        while true {
            let claimed = state.withLock { s -> Bool in
                if s.resizing || s.active > 0 { return false }
                s.resizing = true
                return true
            }
            if claimed { return }
            usleep(50)
        }
    }
}
