/// Lets transactions of this process run together, and map resizing run alone.
///
/// LMDB: `mdb_env_set_mapsize` "may be called … if no transactions are active in this process". Transactions take
/// the gate shared; a resize takes it exclusively once every share is given back. A thread that must resize while
/// it holds a share (adopting a size another process set, met when beginning a transaction) gives its share up
/// first, so two such threads never wait on each other. Waiting threads sleep on a condition variable.
final class ResizeGate: @unchecked Sendable {
    /// Guards the three counters below; unchecked Sendable because every access is inside `lock.withLock`.
    private let lock = LockedCondition()
    /// Transactions of this process holding a share.
    private var active = 0
    /// `true` while a resize runs.
    private var resizing = false
    /// Map sizes adopted so far (tells a waiting adopter that another thread adopted first).
    private var adoptions = 0

    /// Runs `body` holding a share of the gate (waiting while a resize runs).
    func withTransaction<R>(_ body: () throws -> R) rethrows -> R {
        acquireShare()
        defer { releaseShare() }
        return try body()
    }

    /// Runs `body` alone: no transaction of this process is active meanwhile. The caller holds no share.
    func exclusively<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        lock.withLock {
            while resizing || active > 0 { lock.wait() }
            resizing = true
        }
        defer { endResize(adopted: false) }
        return try body()
    }

    /// Adopts a new map size (runs `body` alone) from inside ``withTransaction(_:)``: gives the caller's share up
    /// while it waits, and takes it back before returning. When another thread adopts meanwhile, `body` is not run:
    /// the caller just begins its transaction again.
    func adoptWhileHoldingAShare<E: Error>(_ body: () throws(E) -> Void) throws(E) {
        let seen = lock.withLock { () -> Int in
            active -= 1
            if active == 0 { lock.broadcast() }
            return adoptions
        }
        defer { acquireShare() }
        let myTurn = lock.withLock { () -> Bool in
            while adoptions == seen && (resizing || active > 0) { lock.wait() }
            guard adoptions == seen else { return false }  // someone else adopted: nothing to do
            resizing = true
            return true
        }
        guard myTurn else { return }
        defer { endResize(adopted: true) }
        try body()
    }

    private func acquireShare() {
        lock.withLock {
            while resizing { lock.wait() }
            active += 1
        }
    }

    private func releaseShare() {
        lock.withLock {
            active -= 1
            if active == 0 { lock.broadcast() }
        }
    }

    private func endResize(adopted: Bool) {
        lock.withLock {
            resizing = false
            if adopted { adoptions += 1 }
            lock.broadcast()
        }
    }
}
