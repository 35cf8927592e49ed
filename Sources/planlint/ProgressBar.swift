import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error for long runs: files done of the total, the rate and the time
/// left. Drawn only when standard error is a terminal, redrawn at most ten times a second, cleared at the end.
final class ProgressBar {
    let total: Int
    let enabled: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private var done = 0
    private var shown = false
    /// Runs of more files than this get a bar.
    static let threshold = 8

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
        if enabled { draw(DispatchTime.now().uptimeNanoseconds) }
    }

    /// Whether a run of `total` files should show a bar: more than a handful of files, and a terminal on stderr.
    static func wanted(total: Int) -> Bool {
        guard total > threshold, isatty(STDERR_FILENO) != 0 else { return false }
        if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
        return true
    }

    /// Records that `done` files are finished; redraws if the last drawing is at least 0.1 s old.
    func update(done: Int) {
        self.done = done
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        if now - lastDraw >= 100_000_000 { draw(now) }
    }

    /// Prints a line on standard error above the bar.
    func message(_ line: String) {
        if shown { fputs("\r\u{1B}[K", stderr) }
        Terminal.stderr(line)
        if enabled { draw(DispatchTime.now().uptimeNanoseconds) }
    }

    /// Removes the bar.
    func finish() {
        if shown { fputs("\r\u{1B}[K", stderr); fflush(stderr) }
        shown = false
    }

    private func draw(_ now: UInt64) {
        lastDraw = now
        let line = Self.render(done: done, total: total, elapsed: Double(now - start) / 1e9, width: Self.terminalWidth())
        fputs("\r" + line + "\u{1B}[K", stderr)
        fflush(stderr)
        shown = true
    }

    /// The bar's text for a terminal `width` columns wide, e.g.
    /// `Checking plans [██████░░░░░░░░░░]  412/1000  41%  702 plans/s  ETA 0:01`.
    static func render(done: Int, total: Int, elapsed: Double, width: Int) -> String {
        let fraction = total == 0 ? 1 : min(1, Double(done) / Double(total))
        let digits = String(total).count
        let count = String(repeating: " ", count: max(0, digits - String(done).count)) + "\(done)/\(total)"
        let percent = String(format: "%3d%%", Int((fraction * 100).rounded(.down)))
        let rate = done > 0 && elapsed > 0 ? Double(done) / elapsed : 0
        let rateText = rate > 0 ? (rate >= 10 ? "\(Int(rate.rounded())) plans/s" : String(format: "%.1f plans/s", rate)) : "– plans/s"
        let eta = rate > 0 ? "ETA " + duration(Double(total - done) / rate) : "ETA –:––"
        let tail = " \(count) \(percent)  \(rateText)  \(eta)"
        let label = "Checking plans "
        let room = width - 1 - label.count - tail.count - 2
        guard room >= 10 else {
            // Narrow terminals: drop the bar, then the label and the rate; never wrap onto a second line.
            for short in ["Checking plans" + tail, "\(done)/\(total) \(percent.trimmingCharacters(in: .whitespaces)) \(eta)"]
            where short.count < width { return short }
            return String("\(done)/\(total)".prefix(max(0, width - 1)))
        }
        let cells = min(room, 40)
        let filled = Int((fraction * Double(cells)).rounded(.down))
        return label + "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled) + "]" + tail
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func duration(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded(.up)))
        if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
        return String(format: "%d:%02d", s / 60, s % 60)
    }

    /// Standard error's width in columns (80 when it cannot be told).
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
