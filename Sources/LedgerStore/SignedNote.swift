import Crypto

/// Why a signed-note key or note was refused (C2SP `signed-note`).
public enum SignedNoteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A key's text is not `name+hash+base64` (or `PRIVATE+KEY+name+hash+base64`), or its hash does not match.
    case malformedKey(String)
    /// A key name is empty or has a space or a `+`.
    case invalidName(String)
    /// The note's text or signature block is not in the signed-note format.
    case malformedNote(String)
    /// The note carries no signature by the verifier's key (name and key hash).
    case notSignedByKey(name: String, keyHash: UInt32)
    /// The note carries a signature by the verifier's key that does not verify: the note was altered.
    case invalidSignature(name: String, keyHash: UInt32)

    /// A sentence naming what is wrong.
    public var description: String {
        switch self {
        case .malformedKey(let reason): return "malformed key: \(reason)"
        case .invalidName(let name): return "invalid key name '\(name)': it must be non-empty, without spaces or '+'"
        case .malformedNote(let reason): return "malformed signed note: \(reason)"
        case .notSignedByKey(let name, let keyHash):
            return "the note has no signature by the key \(name)+\(SignedNote.hex8(keyHash))"
        case .invalidSignature(let name, let keyHash):
            return "the signature by \(name)+\(SignedNote.hex8(keyHash)) does not verify: the note was altered"
        }
    }
}

/// The C2SP `signed-note` format with Ed25519 keys (the format of Go's `golang.org/x/mod/sumdb/note`).
///
/// A signed note is its text (ending in a newline), a blank line, and signature lines
/// `— <name> <base64(4-byte key hash ‖ Ed25519 signature of the text)>`. The key hash is the first 4 bytes of
/// `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)`, big-endian.
public enum SignedNote {
    /// The Ed25519 signature type.
    static let ed25519: UInt8 = 0x01
    /// `— ` (U+2014, a space): how a signature line begins.
    static let signaturePrefix = "\u{2014} "

    /// `true` when `name` may name a key: non-empty, no Unicode space, no `+`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("+") && !name.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    /// The key hash of an Ed25519 public key under `name`.
    static func keyHash(name: String, publicKey: [UInt8]) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8) + [0x0A, ed25519] + publicKey)
        return hasher.finalize().withUnsafeBytes { bytes in bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
    }

    static func hex8(_ value: UInt32) -> String {
        Hex.encode([UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// Splits a signed note into its text (with its final newline) and its signature lines.
    public static func split(_ note: String) throws(SignedNoteError) -> (text: String, signatures: [Substring]) {
        guard !note.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw .malformedNote("it contains a control character other than a newline")
        }
        guard let blank = note.ranges(of: "\n\n").last else {
            throw .malformedNote("there is no blank line between the text and the signatures")
        }
        let text = String(note[..<note.index(after: blank.lowerBound)])
        let block = note[blank.upperBound...]
        guard block.hasSuffix("\n") else { throw .malformedNote("the last signature line does not end in a newline") }
        let lines = block.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty, lines.count <= 100 else { throw .malformedNote("it needs 1 to 100 signature lines") }
        for line in lines where !line.hasPrefix(signaturePrefix) {
            throw .malformedNote("the signature line '\(line)' does not begin with '— '")
        }
        return (text, lines)
    }
}

/// An Ed25519 signing key with its name, in the signed-note private key format
/// `PRIVATE+KEY+<name>+<hash>+<base64(0x01 ‖ 32-byte seed)>`.
public struct NoteSigner: Sendable {
    /// The key's name (for a checkpoint, usually the log's origin or its operator).
    public let name: String
    /// The 4-byte key hash that names the key in signature lines.
    public let keyHash: UInt32
    /// The 32-byte Ed25519 seed (kept as bytes: the key type is not `Sendable`).
    private let seed: [UInt8]
    private let publicKey: [UInt8]

    /// A new random key named `name`.
    public static func generate(name: String) throws(SignedNoteError) -> NoteSigner {
        guard SignedNote.isValidName(name) else { throw .invalidName(name) }
        return NoteSigner(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    private init(name: String, privateKey: Curve25519.Signing.PrivateKey) {
        self.name = name
        seed = Array(privateKey.rawRepresentation)
        publicKey = Array(privateKey.publicKey.rawRepresentation)
        keyHash = SignedNote.keyHash(name: name, publicKey: publicKey)
    }

    /// Reads a private key in the signed-note format (surrounding white space ignored).
    public init(privateKeyText text: String) throws(SignedNoteError) {
        // Split at the first four '+' only: the base64 key data may hold '+' too.
        let parts = text.trimmingWhitespace().split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw .malformedKey("a private key reads PRIVATE+KEY+name+hash+base64")
        }
        let name = String(parts[2])
        guard SignedNote.isValidName(name) else { throw .invalidName(name) }
        guard parts[3].utf8.count == 8, let hash = UInt32(parts[3], radix: 16) else {
            throw .malformedKey("the key hash must be 8 hex digits")
        }
        guard let data = Base64.decode(parts[4]), data.count == 33, data[0] == SignedNote.ed25519 else {
            throw .malformedKey("the key data must be base64 of 0x01 and a 32-byte Ed25519 seed")
        }
        let key: Curve25519.Signing.PrivateKey
        do { key = try Curve25519.Signing.PrivateKey(rawRepresentation: data[1...]) } catch {
            throw .malformedKey("the Ed25519 seed is not usable: \(error)")
        }
        self.init(name: name, privateKey: key)
        guard keyHash == hash else { throw .malformedKey("the key hash does not match the key and its name") }
    }

    /// The private key in the signed-note format: keep it secret.
    public var privateKeyText: String {
        "PRIVATE+KEY+\(name)+\(SignedNote.hex8(keyHash))+"
            + Base64.encode([SignedNote.ed25519] + seed)
    }

    /// The matching verifier.
    public var verifier: NoteVerifier {
        NoteVerifier(name: name, keyHash: keyHash, publicKey: publicKey)
    }

    /// Signs `text` (non-empty, ending in a newline, without a blank line): the signed note.
    public func sign(_ text: String) throws(SignedNoteError) -> String {
        guard text.hasSuffix("\n"), !text.contains("\n\n"), text.count > 1,
            !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" })
        else { throw .malformedNote("a note's text must end in a newline and hold no blank line or control character") }
        let signature: [UInt8]
        do {
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            signature = Array(try key.signature(for: Array(text.utf8)))
        } catch {
            throw .malformedNote("signing failed: \(error)")
        }
        return text + "\n" + SignedNote.signaturePrefix + name + " "
            + Base64.encode(SignedNote.bigEndian(keyHash) + signature) + "\n"
    }
}

/// An Ed25519 verifier key in the signed-note format `<name>+<hash>+<base64(0x01 ‖ 32-byte public key)>`.
public struct NoteVerifier: Sendable {
    /// The key's name.
    public let name: String
    /// The 4-byte key hash.
    public let keyHash: UInt32
    /// The 32-byte Ed25519 public key.
    private let publicKey: [UInt8]

    init(name: String, keyHash: UInt32, publicKey: [UInt8]) {
        self.name = name
        self.keyHash = keyHash
        self.publicKey = publicKey
    }

    /// Reads a verifier key (surrounding white space ignored).
    public init(verifierKey text: String) throws(SignedNoteError) {
        // Split at the first two '+' only: the base64 key data may hold '+' too.
        let parts = text.trimmingWhitespace().split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformedKey("a verifier key reads name+hash+base64") }
        let name = String(parts[0])
        guard SignedNote.isValidName(name) else { throw .invalidName(name) }
        guard parts[1].utf8.count == 8, let hash = UInt32(parts[1], radix: 16) else {
            throw .malformedKey("the key hash must be 8 hex digits")
        }
        guard let data = Base64.decode(parts[2]), data.count == 33, data[0] == SignedNote.ed25519 else {
            throw .malformedKey("the key data must be base64 of 0x01 and a 32-byte Ed25519 public key")
        }
        guard SignedNote.keyHash(name: name, publicKey: Array(data[1...])) == hash else {
            throw .malformedKey("the key hash does not match the key and its name")
        }
        do { _ = try Curve25519.Signing.PublicKey(rawRepresentation: data[1...]) } catch {
            throw .malformedKey("the Ed25519 public key is not usable: \(error)")
        }
        self.init(name: name, keyHash: hash, publicKey: Array(data[1...]))
    }

    /// The verifier key in the signed-note format: what a key's holder publishes.
    public var verifierKeyText: String {
        "\(name)+\(SignedNote.hex8(keyHash))+" + Base64.encode([SignedNote.ed25519] + publicKey)
    }

    /// The note's text when the note carries a valid signature by this key. As in the reference implementation,
    /// the first signature line with this key's name and hash decides; lines of other keys are ignored.
    public func open(_ note: String) throws(SignedNoteError) -> String {
        let (text, lines) = try SignedNote.split(note)
        for line in lines {
            let fields = line.dropFirst(SignedNote.signaturePrefix.count).split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, let bytes = Base64.decode(fields[1]), bytes.count > 4 else {
                throw .malformedNote("the signature line '\(line)' is not '— name base64'")
            }
            let hash = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard fields[0] == name, hash == keyHash else { continue }
            // A public key that does not parse cannot have made the signature: the verdict is the same.
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey),
                key.isValidSignature(Array(bytes[4...]), for: Array(text.utf8))
            else {
                throw .invalidSignature(name: name, keyHash: keyHash)
            }
            return text
        }
        throw .notSignedByKey(name: name, keyHash: keyHash)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, carriage returns and newlines.
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return text[first...last]
    }
}
