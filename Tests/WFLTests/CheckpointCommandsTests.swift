import Foundation
import LedgerStore
import TestSupport
import Testing

/// `wfl keygen`, `wfl checkpoint`, `wfl prove` and `wfl verify --checkpoint`, checked by the independent Python
/// verifier (`Tools/verify_proof.py`).
@Suite struct CheckpointCommandsTests {
    /// `count` events through the store API with a fixed clock, so that two stores built from the same events are
    /// byte-identical; `changed` alters the data of one position.
    static func build(_ path: String, count: Int, changed: Int? = nil) throws {
        let store = try LedgerStore(
            directory: path, configuration: StoreConfiguration(initialMapSize: 64 << 20, clock: { "2026-01-05T09:00:00Z" }))
        let events = (1...count).map { n in
            event("e\(n)", "thing.happened", stream: "s-\(n % 5)", data: n == changed ? #"{"n":-1}"# : #"{"n":\#(n)}"#)
        }
        _ = try store.append(events, rules: { StreamNamedRules() })
    }

    static var verifyProofScript: String { WFLHarness.packageRoot + "/Tools/verify_proof.py" }

    static func verifyProof(_ arguments: [String]) throws -> ProcessResult {
        try run("/usr/bin/env", ["python3", verifyProofScript] + arguments)
    }

    /// Writes `text` to `name` in the harness's directory and returns its path.
    static func file(_ h: WFLHarness, _ name: String, _ text: String) throws -> String {
        let path = h.directory.child(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func signedCheckpointVerifiesOfflineAndEveryChangedByteFails() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try Self.build(h.store, count: 57)
        let keyFile = h.directory.child("office.key")
        let keygen = try h.wfl(["keygen", "--name", "office.example/wfl", "--out", keyFile])
        #expect(keygen.status == 0, "\(keygen.stderrText)")
        let verifierKey = keygen.stdoutText.trimmingCharacters(in: .newlines)
        #expect(verifierKey.hasPrefix("office.example/wfl+"))
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try h.wfl(["keygen", "--name", "office.example/wfl", "--out", keyFile]).status == 73)

        let signed = try h.wfl(["checkpoint", "--key", keyFile])
        #expect(signed.status == 0, "\(signed.stderrText)")
        let note = signed.stdoutText
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "57")
        #expect(lines[0].hasPrefix("wfl/") && lines[0].count == 20)
        #expect(lines[3].hasPrefix("chain 57 "))
        #expect(lines[5].hasPrefix("— office.example/wfl "))
        let checkpoint = try Self.file(h, "cp.txt", note)

        #expect(try h.wfl(["verify", "--checkpoint", checkpoint, "--verifier-key", verifierKey]).status == 0)
        // Every event's inclusion, in both proof formats, by the Python verifier.
        let export = try h.wfl(["events"]).stdoutText.split(separator: "\n")
        for position in [1, 2, 16, 17, 32, 41, 56, 57] {
            let eventFile = try Self.file(h, "event-\(position).jsonl", String(export[position - 1]) + "\n")
            for format in ["text", "json"] {
                let proof = try h.wfl(["prove", "inclusion", "\(position)", "--size", "57", "--format", format])
                #expect(proof.status == 0, "\(proof.stderrText)")
                let proofFile = try Self.file(h, "proof-\(position).\(format)", proof.stdoutText)
                let checked = try Self.verifyProof([
                    "inclusion", "--checkpoint", checkpoint, "--proof", proofFile, "--verifier-key", verifierKey, eventFile,
                ])
                #expect(checked.status == 0, "\(position) \(format): \(checked.stdoutText) \(checked.stderrText)")
                #expect(checked.stdoutText.hasPrefix("ok: the event at position \(position) "))
            }
        }
        let eventFile = h.directory.child("event-41.jsonl")
        let proofFile = h.directory.child("proof-41.json")
        func offline(_ checkpointText: String, key: String = verifierKey, event: String = eventFile) throws -> ProcessResult {
            let path = try Self.file(h, "altered.txt", checkpointText)
            return try Self.verifyProof(["inclusion", "--checkpoint", path, "--proof", proofFile, "--verifier-key", key, event])
        }
        #expect(try offline(note).status == 0)
        // One changed byte: in the origin (the note text), the size, the root hash, the signature.
        var origin = Array(note.utf8)
        origin[5] = origin[5] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        #expect(try offline(String(decoding: origin, as: UTF8.self)).status == 1)
        #expect(try offline(note.replacingOccurrences(of: "\n57\n", with: "\n58\n")).status == 1)
        let root = String(lines[2])
        let flippedRoot = String(root.first == "A" ? "B" : "A") + root.dropFirst()
        #expect(try offline(note.replacingOccurrences(of: root, with: flippedRoot)).status == 1)
        let signature = String(lines[5].split(separator: " ").last!)
        let index = signature.index(signature.startIndex, offsetBy: 10)
        let flipped = signature.replacingCharacters(in: index...index, with: signature[index] == "A" ? "B" : "A")
        #expect(try offline(note.replacingOccurrences(of: signature, with: flipped)).status == 1)
        // A verifier key of another name (and another key) fails.
        let otherKey = try h.wfl(["keygen", "--name", "someone.else", "--out", h.directory.child("other.key")])
        #expect(try offline(note, key: otherKey.stdoutText.trimmingCharacters(in: .newlines)).status == 1)
        #expect(try h.wfl(["verify", "--checkpoint", checkpoint, "--verifier-key", otherKey.stdoutText]).status == 1)
        // A changed event does not verify against the checkpoint.
        let alteredEvent = try Self.file(
            h, "altered.jsonl", String(export[40]).replacingOccurrences(of: #""n":41"#, with: #""n":42"#))
        #expect(try offline(note, event: alteredEvent).status == 1)
    }

    @Test func consistencyBetweenTwoCheckpointsVerifiesOffline() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try Self.build(h.store, count: 300)
        let old = try Self.file(h, "old.txt", try h.wfl(["checkpoint", "--size", "100"]).stdoutText)
        let new = try Self.file(h, "new.txt", try h.wfl(["checkpoint"]).stdoutText)
        for format in ["text", "json"] {
            let proof = try Self.file(
                h, "c.\(format)", try h.wfl(["prove", "consistency", "100", "300", "--format", format]).stdoutText)
            let checked = try Self.verifyProof(["consistency", "--old", old, "--new", new, "--proof", proof])
            #expect(checked.status == 0, "\(checked.stdoutText) \(checked.stderrText)")
            // Swapped checkpoints, or a proof for other sizes, fail.
            #expect(try Self.verifyProof(["consistency", "--old", new, "--new", old, "--proof", proof]).status == 1)
        }
        let other = try Self.file(h, "c99", try h.wfl(["prove", "consistency", "99", "300"]).stdoutText)
        #expect(try Self.verifyProof(["consistency", "--old", old, "--new", new, "--proof", other]).status == 1)
        #expect(try h.wfl(["verify", "--checkpoint", old]).status == 0)
        // Usage: sizes out of range.
        #expect(try h.wfl(["prove", "consistency", "301", "300"]).status == 64)
        #expect(try h.wfl(["prove", "inclusion", "0"]).status == 64)
        #expect(try h.wfl(["prove", "inclusion", "5", "--size", "301"]).status == 64)
        #expect(try h.wfl(["prove", "inclusion", "5"], store: h.directory.child("none")).status == 66)
    }

    @Test func rewrittenHistoryFailsAgainstAnOlderCheckpointAndIsNeverSigned() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try Self.build(h.store, count: 80)
        let keyFile = h.directory.child("office.key")
        let verifierKey = try h.wfl(["keygen", "--name", "office", "--out", keyFile]).stdoutText
        let signed = try h.wfl(["checkpoint", "--key", keyFile, "--size", "60"])
        #expect(signed.status == 0, "\(signed.stderrText)")
        let checkpoint = try Self.file(h, "cp60.txt", signed.stdoutText)
        // A checkpoint of fewer events than the last signed one is refused.
        let smaller = try h.wfl(["checkpoint", "--key", keyFile, "--size", "50"])
        #expect(smaller.status == 1)
        #expect(smaller.stderrText.contains("refusing to sign"))

        // The same history rebuilt with event 30 changed: every hash from 30 on differs; the chain itself is intact.
        let rewritten = h.directory.child("rewritten")
        try Self.build(rewritten, count: 80, changed: 30)
        #expect(try h.wfl(["verify"], store: rewritten).status == 0)
        let verify = try h.wfl(["verify", "--checkpoint", checkpoint, "--verifier-key", verifierKey], store: rewritten)
        #expect(verify.status == 1)
        #expect(verify.stdoutText.contains("does not extend the checkpoint"), "\(verify.stdoutText)")
        // An older checkpoint of history before the change still verifies.
        let early = try Self.file(h, "cp20.txt", try h.wfl(["checkpoint", "--size", "20"]).stdoutText)
        #expect(try h.wfl(["verify", "--checkpoint", early], store: rewritten).status == 0)
        // The signer remembers its last checkpoint beside its key: it refuses to sign the rewritten ledger.
        let fork = try h.wfl(["checkpoint", "--key", keyFile], store: rewritten)
        #expect(fork.status == 1)
        #expect(fork.stderrText.contains("history it covers was rewritten"), "\(fork.stderrText)")

        // A store "restored" to fewer events than a signed checkpoint covers: refused, saying why.
        let short = h.directory.child("short")
        try Self.build(short, count: 40)
        let restored = try h.wfl(["checkpoint", "--key", keyFile], store: short)
        #expect(restored.status == 1)
        #expect(restored.stderrText.contains("holds only 40"), "\(restored.stderrText)")
        // The original store extends its own checkpoint: signing its head is fine.
        #expect(try h.wfl(["checkpoint", "--key", keyFile]).status == 0)
    }

    @Test func verifyNamesTheTreeHead() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try Self.build(h.store, count: 64)
        let store = try LedgerStore(directory: h.store)
        let before = try store.verify()
        #expect(before.isIntact)
        #expect(before.treeHead?.size == 64)
        #expect(try h.wfl(["verify"]).stdoutText.contains("; tree 64:\(Base64.encode(before.treeHead?.rootHash ?? []))"))
    }
}
