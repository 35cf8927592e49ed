import PlanModel

/// One self-contained HTML page for assessors (inline CSS, no script, nothing fetched): a summary table of
/// every plan with its RAG status, then each plan's findings grouped by template section.
public struct HTMLReporter: Reporter {
    public init() {}

    public func stream(to output: TextOutput) -> ReportStream { HTMLReportStream(output) }

    /// A RAG badge: colour, a symbol and the word, so it reads without colour too.
    static func badge(_ s: RAGStatus) -> String {
        switch s {
        case .red: return "<span class=\"badge red\"><span aria-hidden=\"true\">✕ </span>Red</span>"
        case .amber: return "<span class=\"badge amber\"><span aria-hidden=\"true\">! </span>Amber</span>"
        case .green: return "<span class=\"badge green\"><span aria-hidden=\"true\">✓ </span>Green</span>"
        }
    }

    static let notReadBadge = "<span class=\"badge grey\"><span aria-hidden=\"true\">? </span>Not read</span>"

    static func severity(_ s: Severity) -> String {
        "<span class=\"sev \(s.rawValue)\">\(s.rawValue.prefix(1).uppercased() + s.rawValue.dropFirst())</span>"
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// A plan's counts in words: "3 errors, 1 warning, 0 info".
    static func countsText(_ c: Counts) -> String { "\(plural(c.error, "error")), \(plural(c.warning, "warning")), \(c.info) info" }

    /// One plan's section: its heading and status, then its findings grouped by template section.
    static func planSection(_ r: FileResult, id: String) -> String {
        let title = htmlEscape(r.srgName ?? r.file)
        var s = "<section class=\"card plan\" id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n"
        s += "<h2 id=\"\(id)-h\">\(title) \(badge(r.status))</h2>\n"
        var meta = [htmlEscape(r.file)]
        if let cohort = r.cohort { meta.append("cohort " + htmlEscape(cohort)) }
        meta.append(countsText(r.counts))
        s += "<p class=\"plan-meta\">\(meta.joined(separator: " · "))</p>\n"
        if r.findings.isEmpty {
            s += "<p class=\"ok\">No findings: the plan meets every rule checked.</p>\n"
        }
        var groups: [TemplateSection: [Finding]] = [:]
        for f in r.findings { groups[TemplateSection(subject: f.subject), default: []].append(f) }
        for section in groups.keys.sorted() {
            let findings = groups[section] ?? []
            s += "<h3>\(htmlEscape(section.title))</h3>\n"
            s += "<table class=\"findings\">\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Finding</th>"
                + "<th scope=\"col\">Plan item</th><th scope=\"col\">Location</th><th scope=\"col\">Guidance</th></tr></thead>\n<tbody>\n"
            for f in findings.sorted(by: { ($0.severity, $1.location) > ($1.severity, $0.location) }) {
                s += "<tr><td>\(severity(f.severity))</td>"
                s += "<td>\(htmlEscape(f.message))<div class=\"rule\">\(htmlEscape(f.rule)) · \(htmlEscape(f.category.rawValue))</div></td>"
                s += "<td><code>\(f.subject.isEmpty ? "(the plan)" : breakable(f.subject))</code></td>"
                s += "<td>\(htmlEscape(f.location.description))</td><td>\(htmlEscape(f.citation))</td></tr>\n"
            }
            s += "</tbody>\n</table>\n"
        }
        s += "<p class=\"top\"><a href=\"#summary\">Back to the summary</a></p>\n</section>\n"
        return s
    }

    /// A subject path escaped, with line-break opportunities after each `.` and before each `[`.
    static func breakable(_ subject: String) -> String {
        htmlEscape(subject).replacingOccurrences(of: ".", with: ".<wbr>").replacingOccurrences(of: "[", with: "<wbr>[")
    }

    /// The section for an input that could not be read.
    static func failureSection(_ f: FileFailure, id: String) -> String {
        "<section class=\"card plan\" id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n"
            + "<h2 id=\"\(id)-h\">\(htmlEscape(f.file)) \(notReadBadge)</h2>\n"
            + "<p class=\"problem\">This file could not be read as a plan, so it was not checked.</p>\n"
            + "<p>\(htmlEscape(f.message))</p>\n"
            + "<p class=\"top\"><a href=\"#summary\">Back to the summary</a></p>\n</section>\n"
    }
}

/// Keeps one compact summary row per plan and defers the plans' sections, so the summary can come first.
final class HTMLReportStream: ReportStream {
    /// What the summary table needs of one input.
    struct Row {
        let file: String
        let name: String?
        let cohort: String?
        let status: RAGStatus?
        let counts: Counts
    }

    let out: TextOutput
    let body = DeferredText()
    var header = ReportHeader(version: "", rules: "")
    var rows: [Row] = []
    var tally = RunTally()

    init(_ out: TextOutput) { self.out = out }

    func begin(_ header: ReportHeader) throws { self.header = header }

    func add(_ outcome: FileOutcome) throws {
        tally.add(outcome)
        let id = "plan-\(rows.count + 1)"
        switch outcome {
        case .checked(let r):
            rows.append(Row(file: r.file, name: r.srgName, cohort: r.cohort, status: r.status, counts: r.counts))
            body.write(HTMLReporter.planSection(r, id: id))
        case .failed(let f):
            rows.append(Row(file: f.file, name: nil, cohort: nil, status: nil, counts: Counts()))
            body.write(HTMLReporter.failureSection(f, id: id))
        }
    }

    func finish(exitCode: Int32) throws {
        out.write(head())
        out.write(overview())
        try body.drain(into: out)
        out.write("</main>\n<footer class=\"wrap\"><p>Produced by \(htmlEscape(header.tool)) \(htmlEscape(header.version)) with the rule set "
                  + "\(htmlEscape(header.rules)). Each finding cites the guidance <i>Operational resilience and capacity planning "
                  + "for 2014/15</i> (NHS England, NHS TDA, Monitor, ADASS; June 2014). RAG status: red with any error, amber with "
                  + "warnings only, green with neither.</p></footer>\n</body>\n</html>\n")
        try out.flush()
    }

    func head() -> String {
        let n = tally.checked
        let unread = tally.failed == 0 ? "" : " (\(HTMLReporter.plural(tally.failed, "file")) could not be read)"
        return """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="\(htmlEscape(header.tool)) \(htmlEscape(header.version))">
        <title>Plan assurance report: \(HTMLReporter.plural(n, "plan")) (\(htmlEscape(header.tool)))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <header class="masthead"><div class="wrap">
        <p class="eyebrow">Operational resilience and capacity planning for 2014/15</p>
        <h1>Plan assurance report</h1>
        <p class="meta">\(HTMLReporter.plural(n, "plan")) checked\(unread) by \(htmlEscape(header.tool)) \(htmlEscape(header.version)) against the rule set \(htmlEscape(header.rules))</p>
        </div></header>
        <main class="wrap">

        """
    }

    func overview() -> String {
        func tile(_ n: Int, _ label: String, _ cls: String) -> String {
            "<li class=\"tile \(cls)\"><span class=\"n\">\(n)</span><span class=\"label\">\(label)</span></li>"
        }
        var s = "<section class=\"card\" id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n<ul class=\"tiles\">"
        s += tile(tally.checked, "plans checked", "") + tile(tally.red, "red", "red") + tile(tally.amber, "amber", "amber")
        s += tile(tally.green, "green", "green")
        if tally.failed > 0 { s += tile(tally.failed, "could not be read", "grey") }
        s += tile(tally.counts.error, "errors", "red") + tile(tally.counts.warning, "warnings", "amber") + "</ul>\n"
        s += "<table class=\"summary\">\n<caption>Plans by RAG status: red with any error, amber with warnings only, green with neither</caption>\n"
        s += "<thead><tr><th scope=\"col\">SRG</th><th scope=\"col\">Cohort</th><th scope=\"col\">Status</th>"
        s += "<th scope=\"col\" class=\"num\">Errors</th><th scope=\"col\" class=\"num\">Warnings</th><th scope=\"col\" class=\"num\">Info</th></tr></thead>\n<tbody>\n"
        for (i, row) in rows.enumerated() {
            let name = htmlEscape(row.name ?? row.file)
            s += "<tr><td><a href=\"#plan-\(i + 1)\">\(name)</a>"
            if row.name != nil { s += "<div class=\"file\">\(htmlEscape(row.file))</div>" }
            s += "</td><td>\(htmlEscape(row.cohort ?? "—"))</td>"
            if let status = row.status {
                s += "<td>\(HTMLReporter.badge(status))</td><td class=\"num\">\(row.counts.error)</td>"
                    + "<td class=\"num\">\(row.counts.warning)</td><td class=\"num\">\(row.counts.info)</td></tr>\n"
            } else {
                s += "<td>\(HTMLReporter.notReadBadge)</td><td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">—</td></tr>\n"
            }
        }
        if rows.isEmpty { s += "<tr><td colspan=\"6\">No plans were checked.</td></tr>\n" }
        s += "</tbody>\n</table>\n</section>\n"
        return s
    }
}
