import ArgumentParser

extension WFL {
    /// Every subcommand, in the order `wfl --help` lists them. One line per command: add yours here.
    static let commands: [any ParsableCommand.Type] = [
        ReportCommand.self,
        RebuildCommand.self,
        ExplainCommand.self,
    ]
}
