import Projections

/// `wfl status` for the projections' read models: caseload, capacity, outcomes and funding share one LMDB
/// environment (`data.mdb`, `lock.mdb` under `<store>/readmodels`) and one checkpoint.
struct ProjectionsStatusSource: ReadModelStatusSource {
    /// The files of the read models' LMDB environment.
    static let files = ["data.mdb", "lock.mdb"]

    static func readModels(in directory: String) throws -> (models: [ReadModelStatus], files: [String]) {
        let status: (format: String, checkpoint: UInt64)?
        do {
            status = try ReadModels.storedStatus(directory: directory)
        } catch {
            let models = ReadModels.modelNames.map {
                ReadModelStatus(name: $0, checkpoint: nil, note: "unreadable: \(error); `wfl rebuild` repairs it")
            }
            return (models, files)
        }
        guard let status else { return ([], []) }
        return (ReadModels.modelNames.map { ReadModelStatus(name: $0, checkpoint: status.checkpoint, note: nil) }, files)
    }
}
