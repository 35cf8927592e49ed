import PlanModel
import XLSXWriter

/// One plan's sheet: its SRG, file and status, a link back to the summary, and its findings by template section.
struct XLSXPlanSheet {
    let ws: XLSXWorksheet
    let style: XLSXStyles
    static let headerRow = 4

    init(_ ws: XLSXWorksheet, style: XLSXStyles) { self.ws = ws; self.style = style }

    /// A row height (points) that shows every wrapped cell whole: libxlsxwriter cannot measure text, so the
    /// lines are estimated from each text's length and its column's width in characters.
    static func height(_ cells: [(text: String, width: Double)]) -> Double {
        let lines = cells.map { cell in
            cell.text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { max(1, Int((Double($0.count) / max(1, cell.width - 2)).rounded(.up))) }.reduce(0, +)
        }.max() ?? 1
        return Double(max(1, lines)) * 15
    }

    /// One finding's eight cells from column `from`: severity, rule, category, template section,
    /// plan item, message, guidance, location.
    static func writeFinding(_ f: Finding, _ ws: XLSXWorksheet, row: Int, from c: Int, style: XLSXStyles) throws {
        try ws.write(row, c, f.severity.rawValue.prefix(1).uppercased() + f.severity.rawValue.dropFirst(), style.severity(f.severity))
        try ws.write(row, c + 1, f.rule, style.text)
        try ws.write(row, c + 2, f.category.rawValue, style.text)
        try ws.write(row, c + 3, TemplateSection(subject: f.subject).title, style.wrapped)
        try ws.write(row, c + 4, f.subject.isEmpty ? "(the plan)" : f.subject, style.code)
        try ws.write(row, c + 5, f.message, style.wrapped)
        try ws.write(row, c + 6, f.citation, style.wrapped)
        try ws.write(row, c + 7, f.location.description, style.text)
    }

    func write(_ r: FileResult, summaryRow: Int) throws {
        let c = r.counts
        try ws.write(0, 0, r.srgName ?? r.file, style.title)
        var facts = ["File: \(r.file)"]
        if let cohort = r.cohort { facts.append("Cohort: \(cohort)") }
        facts.append("RAG: \(XLSXReporter.word(r.status))")
        facts.append("\(c.error) error\(c.error == 1 ? "" : "s"), \(c.warning) warning\(c.warning == 1 ? "" : "s"), \(c.info) info")
        try ws.write(1, 0, facts.joined(separator: "  ·  "), style.subtitle)
        try ws.writeLink(2, 0, toSheet: XLSXReporter.summarySheet, cell: "A\(summaryRow + 1)", text: "← Back to the summary", style.link)
        for (col, title) in ["Severity", "Rule", "Category", "Template section", "Plan item", "Message", "Guidance", "Location"].enumerated() {
            try ws.write(Self.headerRow, col, title, style.header)
        }
        var row = Self.headerRow + 1
        let ordered = r.findings.enumerated().sorted {
            let a = TemplateSection(subject: $0.element.subject), b = TemplateSection(subject: $1.element.subject)
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        for f in ordered {
            try Self.writeFinding(f, ws, row: row, from: 0, style: style)
            try ws.setRow(row, height: Self.height([(TemplateSection(subject: f.subject).title, 34), (f.subject, 30),
                                                    (f.message, 60), (f.citation, 44)]))
            row += 1
        }
        if r.findings.isEmpty { try ws.write(row, 0, "No findings: the plan meets every rule checked.", style.note) }
        for (col, width) in [10.0, 24, 14, 34, 34, 60, 44, 16].enumerated() { try ws.setColumn(col, col, width: width) }
        try ws.freezePanes(row: Self.headerRow + 1, col: 0)
        try ws.setup(PrintSetup(landscape: true, repeatRows: Self.headerRow...Self.headerRow, footer: "&L&A&RPage &P of &N"))
        ws.setTabColor(r.status == .red ? 0xD5281B : (r.status == .amber ? 0xFFB81C : 0x007F3B))
    }
}
