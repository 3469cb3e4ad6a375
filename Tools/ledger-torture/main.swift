// ledger-torture: drives the generic store from a separate process, for the multi-process tests
// (concurrent writers, kill -9 in the middle of a batch). It knows no workforce events.
//
//   ledger-torture writers STORE WRITER_ID COUNT BATCH [--expected]
//       appends COUNT events in batches of BATCH: even-numbered events to the shared stream "shared",
//       odd ones to "writer-WRITER_ID". With --expected, each batch states the shared stream's version it
//       read before the write and retries on wrong_expected_version.
//   ledger-torture bigbatch STORE TAG COUNT
//       appends COUNT events in one batch, printing "half staged" halfway through it, then "committed".
import CanonicalJSON
import LedgerStore

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

func die(_ message: String) -> Never {
    fputs("ledger-torture: \(message)\n", stderr)
    exit(2)
}

func event(_ id: String, stream: String, index: Int, expected: UInt64? = nil) -> ProposedEvent<String> {
    var data: [UInt8] = []
    data.append(contentsOf: #"{"index":"#.utf8)
    CanonicalJSON.appendInteger(UInt64(index), to: &data)
    data.append(contentsOf: #","note":"padding to make the record a realistic size, about three hundred bytes in all"}"#.utf8)
    return ProposedEvent(
        type: "torture.appended", eventId: id, occurredAt: "2025-01-01T00:00:00Z", actor: "system:torture",
        data: data, expectedVersion: expected, payload: stream)
}

let arguments = CommandLine.arguments
guard arguments.count >= 5 else { die("usage: see the comment at the top of main.swift") }
let store: LedgerStore
do {
    store = try LedgerStore(directory: arguments[2], configuration: StoreConfiguration(initialMapSize: 64 << 20))
} catch {
    die("\(error)")
}

switch arguments[1] {
case "writers":
    guard let count = Int(arguments[4]), arguments.count >= 6, let batchSize = Int(arguments[5]) else { die("bad numbers") }
    let writer = arguments[3]
    let useExpected = arguments.contains("--expected")
    var next = 0
    while next < count {
        let end = min(count, next + batchSize)
        var attempts = 0
        while true {
            attempts += 1
            do {
                let expected: UInt64? = useExpected ? try store.read { try $0.streamVersion("shared") } : nil
                var sharedSeen = false
                let events = (next..<end).map { i -> ProposedEvent<String> in
                    let shared = i % 2 == 0
                    // Only the first shared event of the batch carries the expectation.
                    let expectation = shared && !sharedSeen ? expected : nil
                    if shared { sharedSeen = true }
                    return event(
                        "w\(writer)-\(i)", stream: shared ? "shared" : "writer-\(writer)", index: i, expected: expectation)
                }
                _ = try store.append(events, rules: { StreamNamedRules() })
                break
            } catch let rejection as BatchRejection
                where rejection.items.allSatisfy({ $0.rejection.code == EventRejection.wrongExpectedVersionCode })
            {
                if attempts > 10_000 { die("starved") }
                continue
            } catch {
                die("\(error)")
            }
        }
        next = end
    }
case "bigbatch":
    guard let count = Int(arguments[4]) else { die("bad count") }
    let tag = arguments[3]
    do {
        try store.append { batch in
            var rules = StreamNamedRules()
            for index in 0..<count {
                _ = try batch.append(event("\(tag)-\(index)", stream: "big-\(tag)-\(index % 50)", index: index), rules: &rules)
                if index == count / 2 {
                    // Tells a watching test that the batch is half staged: a kill from now on lands mid-batch.
                    print("half staged")
                    fflush(stdout)
                }
            }
        }
    } catch {
        die("\(error)")
    }
    print("committed")
default:
    die("unknown mode \(arguments[1])")
}
