import PlanModel

/// What a person reads in a terminal: findings grouped by file, then a one-line summary with the RAG status.
public struct TextReporter: Reporter {
    /// Whether to use ANSI colours (only on a terminal, and never when NO_COLOR is set).
    public let colour: Bool

    public init(colour: Bool) { self.colour = colour }

    public func render(_ report: Report) -> String {
        var out = ""
        if report.results.isEmpty { return summary(report) + "\n" }
        for r in report.results {
            out += paint(r.file, .bold) + "  " + statusWord(r.status) + "\n"
            if r.findings.isEmpty { out += "  no findings\n" }
            for f in r.findings {
                let loc = f.location.description
                out += "  " + loc.padding(toLength: 8) + " " + severityWord(f.severity) + "  " + paint(f.rule, .dim) + "\n"
                out += "           " + f.message + "\n"
                out += "           " + paint("at \(f.subject.isEmpty ? "(the plan)" : f.subject) · \(f.citation)", .dim) + "\n"
            }
            out += "\n"
        }
        out += summary(report) + "\n"
        return out
    }

    /// e.g. "2 files checked: 1 red, 1 green · 3 errors, 1 warning, 0 info · RED".
    public func summary(_ report: Report) -> String {
        let c = report.counts
        let overall: RAGStatus = c.error > 0 ? .red : (c.warning > 0 ? .amber : .green)
        let n = report.results.count
        var s = "\(n) file\(n == 1 ? "" : "s") checked"
        if n > 1 {
            let reds = report.results.filter { $0.status == .red }.count
            let ambers = report.results.filter { $0.status == .amber }.count
            let greens = n - reds - ambers
            s += ": \(reds) red, \(ambers) amber, \(greens) green"
        }
        s += " · " + plural(c.error, "error") + ", " + plural(c.warning, "warning") + ", \(c.info) info"
        if !report.failures.isEmpty { s += " · " + plural(report.failures.count, "file") + " could not be read" }
        // No RAG status for a run that checked nothing: green would be a false assurance.
        return n == 0 ? s : s + " · " + statusWord(overall)
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

extension String {
    func padding(toLength n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
