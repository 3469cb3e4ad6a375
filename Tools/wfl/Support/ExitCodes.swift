import ArgumentParser

/// BSD sysexits, as EVENTS.md section 4 assigns them.
enum Exit {
    static let success: Int32 = 0
    /// `verify` found the ledger altered or inconsistent.
    static let altered: Int32 = 1
    /// `verify` found the ledger intact but its read models damaged (`wfl rebuild` repairs them).
    static let readModelsDamaged: Int32 = 2
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let tempFailure: Int32 = 75
}

/// A failure with a message for stderr and the exit code it maps to.
struct CLIFailure: Error, CustomStringConvertible {
    let message: String
    let code: Int32

    init(_ message: String, code: Int32) {
        self.message = message
        self.code = code
    }

    var description: String { message }
}
