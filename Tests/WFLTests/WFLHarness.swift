import CanonicalJSON
import Foundation
import LedgerStore
import TestSupport
import Testing

/// Runs the built `wfl` against one store, and builds stores through the store API for the read commands.
struct WFLHarness {
    let directory: TemporaryDirectory
    /// The store directory (`<tmp>/ledger`), passed as `--store`.
    let store: String

    init(_ label: String = "wfl-e2e") throws {
        directory = try TemporaryDirectory(label)
        store = directory.child("ledger")
    }

    func remove() { directory.remove() }

    static var wflPath: String { BuiltExecutable.path("wfl") }

    /// The package root (three levels above this file).
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    static var verifyExportScript: String { packageRoot + "/Tools/verify_export.py" }

    /// `wfl <arguments> --store <store>`.
    @discardableResult
    func wfl(_ arguments: [String], store: String? = nil, stdin: Data? = nil) throws -> ProcessResult {
        try run(Self.wflPath, arguments + ["--store", store ?? self.store], stdin: stdin)
    }

    /// `true` when commands can be run as another user (we are root and `setpriv` exists), so permission bits bite.
    static var canDropRoot: Bool { geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") }

    /// `wfl <arguments> --store <store>` as `nobody` (uid and gid 65534, no other groups) when we are root and
    /// `setpriv` exists (CI runs as root, for whom permission bits stop nothing); else as whoever we are.
    static func wflAsNobody(_ arguments: [String], store: String, stdin: Data? = nil) throws -> ProcessResult {
        guard canDropRoot else { return try run(wflPath, arguments + ["--store", store], stdin: stdin) }
        return try run(
            "/usr/bin/setpriv",
            ["--reuid", "65534", "--regid", "65534", "--clear-groups", wflPath] + arguments + ["--store", store], stdin: stdin)
    }

    /// `python3 Tools/verify_export.py <arguments>`, reading `stdin`.
    static func verifyExport(_ arguments: [String] = [], stdin: Data) throws -> ProcessResult {
        try run("/usr/bin/env", ["python3", verifyExportScript] + arguments, stdin: stdin)
    }

    /// Appends `events` in one batch through the store API (the generic rules: the stream is the payload).
    @discardableResult
    func append(_ events: [ProposedEvent<String>]) throws -> [AppendOutcome] {
        let ledger = try LedgerStore(directory: store, configuration: StoreConfiguration(initialMapSize: 64 << 20))
        return try ledger.append(events, rules: { StreamNamedRules() })
    }

    /// A small ledger: two participants, a program, a void; 8 events.
    func populateSmallLedger() throws {
        try append([
            event("prg-1", "program.registered", stream: "program-PRG-07", data: #"{"programId":"PRG-07","capacity":10}"#),
            event(
                "reg-1", "participant.registered", stream: "participant-P-1", data: #"{"participantId":"P-1","birthYear":1990}"#),
            event(
                "enr-1", "participant.enrolled", stream: "participant-P-1", data: #"{"participantId":"P-1","programId":"PRG-07"}"#
            ),
            event(
                "reg-2", "participant.registered", stream: "participant-P-2", data: #"{"participantId":"P-2","birthYear":1985}"#),
            event(
                "void-1", "ledger.event_voided", stream: "participant-P-1",
                data: #"{"targetEventId":"enr-1","reason":"wrong program"}"#),
            event(
                "enr-2", "participant.enrolled", stream: "participant-P-1", data: #"{"participantId":"P-1","programId":"PRG-07"}"#
            ),
            event(
                "hire-1", "participant.hired", stream: "participant-P-2",
                data: #"{"participantId":"P-2","hoursPerWeek":37.5,"note":"caf\u00e9 \"quoted\" \n tab\t ünï 𝄞"}"#),
            event("cap-1", "program.capacity_changed", stream: "program-PRG-07", data: #"{"programId":"PRG-07","capacity":12}"#),
        ])
    }

    /// Every stored event, copied out, in position order.
    func storedEvents() throws -> [StoredEvent] {
        let ledger = try LedgerStore(directory: store, configuration: StoreConfiguration(mode: .readOnly))
        var events: [StoredEvent] = []
        try ledger.forEachEvent {
            events.append(StoredEvent($0)); return true
        }
        return events
    }
}

/// A proposed event with canonical `data` parsed from JSON text.
func event(
    _ eventId: String, _ type: String, stream: String, data: String, occurredAt: String = "2025-03-03T14:00:00Z",
    expectedVersion: UInt64? = nil
) -> ProposedEvent<String> {
    let value = try! JSONParser().parse(Array(data.utf8))
    return ProposedEvent(
        type: type, eventId: eventId, occurredAt: occurredAt, actor: "staff:cm-017", data: CanonicalJSON.encode(value),
        expectedVersion: expectedVersion, payload: stream)
}

extension ProcessResult {
    /// Standard output split into lines (without the final empty one).
    var lines: [String] {
        stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
}
