import PlanModel

/// What a person reads in a terminal: findings grouped by file, then a one-line summary with the RAG status.
public struct TextReporter: Reporter {
    /// Whether to use ANSI colours (only on a terminal, and never when NO_COLOR is set).
    public let colour: Bool

    /// A reporter with or without ANSI colours.
    public init(colour: Bool) { self.colour = colour }

    public func stream(to output: TextOutput) -> ReportStream { TextReportStream(self, output) }

    /// One file's block: its name and status, then each finding with its location, message, subject and citation.
    func block(_ r: FileResult) -> String {
        var out = paint(r.file, .bold) + "  " + statusWord(r.status) + "\n"
        if r.findings.isEmpty { out += "  no findings\n" }
        for f in r.findings {
            // Workbook cells read as a person names them: NE Planning!C14.
            let loc: String
            if case .cell(let sheet, let cell) = f.location { loc = "\(sheet)!\(cell)" } else { loc = f.location.description }
            out += "  " + loc.padding(toLength: 8) + " " + severityWord(f.severity) + "  " + paint(f.rule, .dim) + "\n"
            out += "           " + f.message + "\n"
            out += "           " + paint("at \(f.subject.isEmpty ? "(the plan)" : f.subject) · \(f.citation)", .dim) + "\n"
        }
        return out + "\n"
    }

    /// e.g. "2 files checked: 1 red, 1 green · 3 errors, 1 warning, 0 info · RED".
    public func summary(_ report: Report) -> String {
        var tally = RunTally()
        for r in report.results { tally.add(.checked(r)) }
        for f in report.failures { tally.add(.failed(f)) }
        return summary(tally)
    }

    /// The summary line for running totals.
    public func summary(_ tally: RunTally) -> String {
        let c = tally.counts
        let n = tally.checked
        var s = "\(n) file\(n == 1 ? "" : "s") checked"
        if n > 1 { s += ": \(tally.red) red, \(tally.amber) amber, \(tally.green) green" }
        s += " · " + plural(c.error, "error") + ", " + plural(c.warning, "warning") + ", \(c.info) info"
        if tally.failed > 0 { s += " · " + plural(tally.failed, "file") + " could not be read" }
        // No RAG status for a run that checked nothing: green would be a false assurance.
        guard let overall = tally.status else { return s }
        return s + " · " + statusWord(overall)
    }

    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    enum Style: String { case bold = "1", dim = "2", red = "31", yellow = "33", green = "32", blue = "34", boldRed = "1;31", boldYellow = "1;33", boldGreen = "1;32" }

    func paint(_ s: String, _ style: Style) -> String { colour ? "\u{1B}[\(style.rawValue)m\(s)\u{1B}[0m" : s }

    func statusWord(_ s: RAGStatus) -> String {
        switch s {
        case .red: return paint("RED", .boldRed)
        case .amber: return paint("AMBER", .boldYellow)
        case .green: return paint("GREEN", .boldGreen)
        }
    }

    func severityWord(_ s: Severity) -> String {
        switch s {
        case .error: return paint("error  ", .red)
        case .warning: return paint("warning", .yellow)
        case .info: return paint("info   ", .blue)
        }
    }
}

/// Writes each file's block as it arrives and the summary line at the end.
final class TextReportStream: ReportStream {
    let reporter: TextReporter
    let out: TextOutput
    var tally = RunTally()

    init(_ reporter: TextReporter, _ out: TextOutput) { self.reporter = reporter; self.out = out }

    func begin(_ header: ReportHeader) throws {}

    func add(_ outcome: FileOutcome) throws {
        tally.add(outcome)
        if case .checked(let r) = outcome { out.write(reporter.block(r)) }
    }

    func finish(exitCode: Int32) throws {
        out.write(reporter.summary(tally) + "\n")
        try out.flush()
    }
}

extension String {
    func padding(toLength n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
