import DemoGenerator
import Foundation

/// Writes the benchmark's history: the demo generator's events in append order, the first N of them.
enum HistoryFile {
    static func generate(events: Int, to path: String) throws -> [String: Double] {
        // The demo makes 12-18 events per participant; ask for enough and stop at N.
        let participants = max(1, events / 10)
        let history = DemoHistory(participants: participants, seed: 2026)
        guard
            let file = FileHandle(forWritingAtPath: path)
                ?? {
                    FileManager.default.createFile(atPath: path, contents: nil)
                    return FileHandle(forWritingAtPath: path)
                }()
        else { throw BenchError("cannot write \(path)") }
        try file.truncate(atOffset: 0)
        var written = 0
        var bytes = 0
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 22)
        history.forEachBatch { batch in
            for line in batch.lines where written < events {
                buffer.append(contentsOf: line)
                buffer.append(0x0A)
                written += 1
                bytes += line.count
            }
            if buffer.count > 1 << 21 {
                file.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        file.write(Data(buffer))
        try file.close()
        guard written == events else { throw BenchError("the generator made only \(written) events") }
        return [
            "events": Double(written), "participants": Double(participants), "meanBytes": Double(bytes) / Double(max(written, 1)),
        ]
    }
}
