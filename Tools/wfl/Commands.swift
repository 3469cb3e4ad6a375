import ArgumentParser

extension WFL {
    /// Every subcommand, in the order `wfl --help` lists them. One line per command: add yours here.
    static let commands: [any ParsableCommand.Type] = [
        AppendCommand.self,
        ImportCommand.self,
        EventsCommand.self,
        HistoryCommand.self,
        VerifyCommand.self,
        HeadCommand.self,
        CheckpointCommand.self,
        ProveCommand.self,
        KeygenCommand.self,
        StatusCommand.self,
        ReportCommand.self,
        DashboardCommand.self,
        ExportCommand.self,
        ExplainCommand.self,
        RebuildCommand.self,
        BackupCommand.self,
        RestoreCommand.self,
        DemoCommand.self,
        TypesCommand.self,
    ]
}
