import LedgerStore
import Testing

/// Errors say what happened: an error under the store is carried as it is, never dressed as an LMDB code.
@Suite struct StoreErrorTests {
    struct DiskGone: Error, CustomStringConvertible {
        var description: String { "the disk went away" }
    }

    @Test func aFailureUnderTheStoreIsCarriedAsItIs() {
        let rejection = EventRejection(storageFailure: DiskGone())
        #expect(rejection.isStorageFailure)
        #expect(rejection.code == EventRejection.storageFailureCode)
        guard case .failure(let operation, let underlying)? = rejection.storageError else {
            Issue.record("expected a failure carrying its error, got \(String(describing: rejection.storageError))")
            return
        }
        #expect(operation == "appending")
        #expect(underlying.error is DiskGone)
        #expect(rejection.storageError?.description == "storage failure while appending: the disk went away")
        // Not an LMDB code, so nothing reads it as damage found in the files.
        #expect(!(rejection.storageError?.description.contains("LMDB") ?? true))
    }

    @Test func oneWayToAskWhetherTheStorageFailed() {
        #expect(StoreError.storage(operation: "committing", error: .mapFull).isStorageFailure)
        #expect(StoreError.failure(operation: "x", underlying: UnderlyingError(DiskGone())).isStorageFailure)
        #expect(!StoreError.readOnly.isStorageFailure)
        #expect(!StoreError.corruptRecord(position: 3, reason: "r").isStorageFailure)
        #expect(EventRejection(storageFailure: LMDBError.mapFull).isStorageFailure)
        #expect(!EventRejection(code: EventRejection.eventIdConflictCode, field: "/eventId", message: "m").isStorageFailure)
        #expect(
            StoreError.failure(operation: "x", underlying: UnderlyingError(DiskGone()))
                == StoreError.failure(operation: "x", underlying: UnderlyingError(DiskGone())))
        #expect(StoreError.failure(operation: "x", underlying: UnderlyingError(DiskGone())) != StoreError.readOnly)
    }
}
