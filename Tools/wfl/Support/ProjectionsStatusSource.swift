import Projections

/// `wfl status` for the projections' read models: caseload, capacity and outcomes share one LMDB environment
/// (`data.mdb`, `lock.mdb` under `<store>/readmodels`) and one checkpoint.
struct ProjectionsStatusSource: ReadModelStatusSource {
    static func readModels(in directory: String) throws -> [ReadModelStatus] {
        let status: (format: String, checkpoint: UInt64)?
        do {
            status = try ReadModels.storedStatus(directory: directory)
        } catch {
            return ReadModels.modelNames.map { ReadModelStatus(name: $0, checkpoint: nil, note: "unreadable: \(error)") }
        }
        guard let status else { return [] }
        var models = ReadModels.modelNames.map { ReadModelStatus(name: $0, checkpoint: status.checkpoint, note: nil) }
        let files = "LMDB files of caseload, capacity and outcomes (\(status.format))"
        models.append(ReadModelStatus(name: "data.mdb", checkpoint: nil, note: files))
        models.append(ReadModelStatus(name: "lock.mdb", checkpoint: nil, note: files))
        return models
    }
}
