import Foundation
import PackagePlugin

/// Writes `SourceCommit.swift` (`let sourceCommit = "<git HEAD>"`, or "unknown" outside a git checkout) before each
/// build of the target that uses it, so that `wfl --version` names the commit it was built from.
@main
struct SourceCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "SourceCommit.swift")
        let package = context.package.directoryURL.path()
        let script = """
            commit=$(git -C '\(package)' rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
            if [ -n "$(git -C '\(package)' status --porcelain --untracked-files=no 2>/dev/null)" ]; then
                commit="$commit (modified)"
            fi
            printf '/// The git commit this build was made from.\\nlet sourceCommit = "%s"\\n' "$commit" > '\(output.path())'
            """
        return [
            .prebuildCommand(
                displayName: "Recording the source commit", executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script], outputFilesDirectory: context.pluginWorkDirectoryURL)
        ]
    }
}
