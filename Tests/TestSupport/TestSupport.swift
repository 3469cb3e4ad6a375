import Foundation

/// A fresh temporary directory for one test, removed by ``remove()``.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(_ label: String = "wfl-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the directory (not created).
    public func child(_ name: String) -> String { "\(path)/\(name)" }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Locates executables built by this package (`wfl`, `ledger-torture`) for tests that run them as subprocesses.
public enum BuiltExecutable {
    /// The path of the built executable `name`: `$WFL_BIN_DIR/name` when set, else next to the test bundle,
    /// else `.build/debug/name` under the package root.
    public static func path(_ name: String, file: StaticString = #filePath) -> String {
        let fm = FileManager.default
        if let dir = ProcessInfo.processInfo.environment["WFL_BIN_DIR"], fm.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        var candidates: [String] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(argv0.appendingPathComponent(name).path)
        candidates.append(argv0.deletingLastPathComponent().appendingPathComponent(name).path)
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name).path)
        }
        let root = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/\(name)").path)
        return candidates.first { fm.isExecutableFile(atPath: $0) } ?? candidates.last!
    }
}

/// The result of running a subprocess to completion.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: Data
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs an executable with arguments, optional standard input and extra environment; waits for it.
@discardableResult
public func run(
    _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let outPipe = Pipe()
    let errPipe = Pipe()
    let inPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = inPipe
    try process.run()
    // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
        errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    // A child may stop reading early (an import ends at its first over-long line): the rest of the input is
    // dropped, and writing it must not kill the test process with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    if let stdin { try? inPipe.fileHandleForWriting.write(contentsOf: stdin) }
    try? inPipe.fileHandleForWriting.close()
    process.waitUntilExit()
    group.wait()
    return ProcessResult(status: process.terminationStatus, stdout: outData, stderr: errData)
}

/// Every offset where `needle` starts in `haystack` (tests that tamper with a store's file look for a known string).
public func offsets(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
    guard let first = needle.first, haystack.count >= needle.count else { return [] }
    var found: [Int] = []
    var index = 0
    while index <= haystack.count - needle.count {
        if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { found.append(index) }
        index += 1
    }
    return found
}
