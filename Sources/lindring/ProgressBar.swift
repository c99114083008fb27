import Foundation

/// A progress bar on standard error: redrawn in place on a terminal, one line per finished
/// stage when the output goes to a file or a pipe (a CI log has no use for carriage returns).
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private let interactive = isatty(STDERR_FILENO) == 1
    private var lastDrawn = Date.distantPast

    func update(stage: String, done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let finished = done >= total
        guard finished || (interactive && Date().timeIntervalSince(lastDrawn) > 0.1) else { return }
        lastDrawn = Date()
        let share = total == 0 ? 1 : Double(done) / Double(total)
        let width = 30
        let filled = Int(share * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line =
            "\(stage.padding(toLength: 12, withPad: " ", startingAt: 0)) [\(bar)] "
            + "\(String(format: "%3d", Int(share * 100)))%  \(Self.grouped(done)) / \(Self.grouped(total))  "
            + String(format: "%.1f s", Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data(((interactive ? "\r" : "") + line + (finished ? "\n" : "")).utf8))
    }

    static func grouped(_ n: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        return formatter.string(from: NSNumber(value: n)) ?? String(n)
    }
}
