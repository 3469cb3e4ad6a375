import ArgumentParser
import Projections

/// `wfl`: the one executable that services, analysts and auditors use.
@main
struct WFL: ParsableCommand {
    /// This tool's version. Reports state their own `ruleVersion` instead, so that they stay byte-identical across
    /// builds; an audit trail records both.
    static let version = "2.0.0"

    static let configuration = CommandConfiguration(
        commandName: "wfl",
        abstract: "WorkforceLedger: an append-only, hash-chained ledger of a workforce-training program.",
        discussion: """
            Services append events (`wfl append`, `wfl import`; `wfl types` lists them); analysts read reports \
            (`wfl report`, `wfl explain`); auditors replay and verify (`wfl events`, `wfl history`, `wfl verify`, \
            `wfl head`); operators check the store (`wfl status`, `wfl rebuild`).

            The store is a directory: --store DIR, else $WFL_STORE, else ./ledger.

            Exit codes (BSD sysexits): 0 success; 64 usage; 65 rejected input; 66 input or store not found; \
            73 store cannot be created; 74 I/O or storage failure; 75 wrong expected version (retry); \
            1 verify found the ledger altered; 2 verify found its read models damaged (run wfl rebuild).
            """,
        version: "wfl \(version) (reports rule version \(ruleVersion), source commit \(sourceCommit))",
        subcommands: WFL.commands
    )

    /// Runs the command line; an unknown command gets a suggestion instead of a puzzling option error. Commands
    /// throw a ``CLIFailure`` (its message and exit code) rather than exit: it is printed and exits here.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-"), first != "help" {
            let names = commands.compactMap { $0.configuration.commandName }
            if !names.contains(first) {
                let close = names.filter { CommandSuggestion.distance($0, first) <= 2 }
                let hint = close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
                CLIFailure(
                    "wfl: '\(first)' is not a wfl command\(hint)\nCommands: \(names.joined(separator: ", ")). "
                        + "Run `wfl --help` for what each does.", code: Exit.usage
                ).exit()
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let failure as CLIFailure {
            failure.exit()
        } catch {
            exit(withError: error)
        }
    }
}

/// Suggestions for a mistyped command.
enum CommandSuggestion {
    /// The Damerau–Levenshtein distance (adjacent transpositions count as one edit) between two short words.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}

extension CLIFailure {
    /// Prints the message to stderr (unless empty) and exits with the code. Only ``WFL/main()`` calls it (it is
    /// private to this file): commands throw their failure, and it becomes an exit code here, in one place.
    fileprivate func exit() -> Never {
        if !message.isEmpty { Output.error(message) }
        WFL.exit(withError: ExitCode(code))
    }
}
