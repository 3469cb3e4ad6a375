/// The one progress reporter of the commands: a line on standard error, rewritten in place, shown only when
/// standard error is a terminal (so scripts and tests see nothing of it).
struct ProgressLine {
    /// `false`: every call does nothing.
    let isShown: Bool

    init(shown: Bool = Output.stderrIsTerminal) { isShown = shown }

    /// Replaces the line with `text`.
    func show(_ text: String) {
        if isShown { Output.progress("\r\u{1B}[K" + text) }
    }

    /// `label: done/total events (percent%)`.
    func show(_ label: String, _ done: UInt64, of total: UInt64) {
        let percent = total > 0 ? done * 100 / total : 100
        show("\(label): \(done)/\(total) events (\(percent)%)")
    }

    /// Erases the line (the next output starts on a clean line).
    func clear() { show("") }
}
