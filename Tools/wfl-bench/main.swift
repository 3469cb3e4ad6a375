// wfl-bench: the product's workloads side by side with raw LMDB, in one run. See README "Performance".
import Foundation

do {
    try BenchCommand.main(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("wfl-bench: \(error)\n".utf8))
    exit(1)
}
