import LedgerStore
import Testing

/// The signed-note format against the example of Go's reference implementation (golang.org/x/mod/sumdb/note).
@Suite struct SignedNoteTests {
    static let privateKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let verifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let signed =
        text + "\n"
        + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    @Test func signsExactlyAsTheReferenceImplementation() throws {
        let signer = try NoteSigner(privateKeyText: Self.privateKey)
        #expect(signer.verifier.verifierKeyText == Self.verifierKey)
        #expect(signer.privateKeyText == Self.privateKey)
        // Ed25519 is deterministic: the same key and text give the reference's bytes.
        #expect(try signer.sign(Self.text) == Self.signed)
    }

    @Test func opensTheReferenceNoteAndRefusesAlterations() throws {
        let verifier = try NoteVerifier(verifierKey: Self.verifierKey)
        #expect(try verifier.open(Self.signed) == Self.text)
        let altered = Self.signed.replacingOccurrences(of: "problem,", with: "problem;")
        #expect(throws: SignedNoteError.invalidSignature(name: "PeterNeumann", keyHash: 0xc74f_20a3)) {
            try verifier.open(altered)
        }
        let other = try NoteSigner.generate(name: "PeterNeumann").verifier
        #expect(throws: SignedNoteError.notSignedByKey(name: "PeterNeumann", keyHash: other.keyHash)) {
            try other.open(Self.signed)
        }
        #expect(throws: SignedNoteError.self) { try verifier.open(Self.text) }
    }

    @Test func keysRoundTripAndMalformedKeysAreRefused() throws {
        let signer = try NoteSigner.generate(name: "ctdol.example/wfl")
        let again = try NoteSigner(privateKeyText: signer.privateKeyText + "\n")
        #expect(again.verifier.verifierKeyText == signer.verifier.verifierKeyText)
        #expect(throws: SignedNoteError.invalidName("has space")) { try NoteSigner.generate(name: "has space") }
        #expect(throws: SignedNoteError.self) {
            try NoteVerifier(verifierKey: "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        }
        #expect(throws: SignedNoteError.self) { try NoteSigner(privateKeyText: Self.verifierKey) }
    }

    @Test func base64RoundTripsAndRefusesNonCanonicalText() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
        #expect(Base64.decode("Zm9=") == nil)
        #expect(Base64.decode("Zm8") == nil)
        #expect(Base64.decode("Z===") == nil)
    }

    @Test func checkpointTextRoundTrips() throws {
        let checkpoint = Checkpoint(
            origin: "wfl/0123456789abcdef", treeHead: TreeHead(size: 42, rootHash: [UInt8](repeating: 7, count: 32)),
            chainHead: Digest(position: 42, hash: [UInt8](repeating: 9, count: 32)))
        #expect(try Checkpoint(parsing: checkpoint.text) == checkpoint)
        #expect(
            checkpoint.text.hasPrefix("wfl/0123456789abcdef\n42\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\nchain 42 0909"))
        #expect(throws: CheckpointError.self) { try Checkpoint(parsing: "origin\n042\nBwcH\n") }
        #expect(throws: CheckpointError.self) { try Checkpoint(parsing: "origin\n42\n") }
    }
}
