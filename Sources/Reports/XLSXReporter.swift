import Foundation
import PlanModel
import XLSXWriter

/// The assurance workbook for area teams: a summary sheet with one row per plan (file, SRG, cohort, RAG, and
/// error and warning counts per category, each file linked to its sheet), then one sheet per plan listing its
/// findings by template section. Written atomically when the run ends.
public struct XLSXReporter {
    public init() {}

    /// The summary sheet's name.
    public static let summarySheet = "Summary"
    /// Plans that get a sheet each; the findings of any more share `overflowSheet`.
    public static let maxPlanSheets = 250
    public static let overflowSheet = "More plans"

    /// A stream that writes the workbook to `path` when it finishes.
    public func stream(to path: String) throws -> ReportStream { try XLSXReportStream(path: path) }

    /// Writes a whole report to `path`.
    public func write(_ report: Report, to path: String) throws { try stream(to: path).feed(report) }

    /// A category's column heading.
    static func label(_ c: PlanModel.Category) -> String {
        switch c {
        case .missingItem: return "Missing item"
        case .incomplete: return "Incomplete"
        case .kpiLink: return "KPI link"
        case .costingLink: return "Costing link"
        case .capacityLink: return "Capacity link"
        case .funding: return "Funding"
        case .deadline: return "Deadline"
        case .signOff: return "Sign-off"
        case .governance: return "Governance"
        case .format: return "Format"
        }
    }

    static func word(_ s: RAGStatus) -> String { s.rawValue.prefix(1).uppercased() + s.rawValue.dropFirst() }
}

/// Writes each plan's summary row and sheet as it arrives (libxlsxwriter keeps the cells until the workbook closes).
final class XLSXReportStream: ReportStream {
    let book: XLSXWorkbook
    let summary: XLSXWorksheet
    let style: XLSXStyles
    var names = SheetNames(reserved: [XLSXReporter.summarySheet, XLSXReporter.overflowSheet])
    var header = ReportHeader(version: "", rules: "")
    var tally = RunTally()
    var row = XLSXReportStream.firstRow
    /// Plans given a sheet of their own so far, and the shared sheet for the rest.
    var planSheets = 0
    var overflow: XLSXWorksheet?
    var overflowRow = 3
    /// The longest file name and SRG name so far, to size their columns.
    var widest = (file: 10, srg: 10)
    /// The summary's first plan row, below two heading rows.
    static let firstRow = 6
    static let categories = PlanModel.Category.allCases
    /// The summary's columns: file, SRG, cohort, RAG, errors, warnings, info, two per category, notes.
    static let notesColumn = 7 + 2 * categories.count

    init(path: String) throws {
        book = try XLSXWorkbook(path: path, properties: DocumentProperties(
            title: "Plan assurance report", subject: "Operational resilience and capacity planning for 2014/15",
            author: "planlint", keywords: "SRG, resilience, assurance, RAG"))
        style = XLSXStyles(book)
        summary = try book.addWorksheet(XLSXReporter.summarySheet)
    }

    func begin(_ header: ReportHeader) throws {
        self.header = header
        let ws = summary
        try ws.write(0, 0, "Plan assurance report", style.title)
        try ws.write(2, 0, "RAG status: red with any error, amber with warnings only, green with neither. "
                     + "Counts by category are errors and warnings. Each file links to its plan's findings.", style.note)
        let fixed = ["File", "SRG", "Cohort", "RAG", "Errors", "Warnings", "Info"]
        for (c, title) in fixed.enumerated() { try ws.merge(4, c, 5, c, title, style.header) }
        for (i, category) in Self.categories.enumerated() {
            try ws.merge(4, 7 + 2 * i, 4, 8 + 2 * i, XLSXReporter.label(category), style.header)
            try ws.write(5, 7 + 2 * i, "Errors", style.subheader)
            try ws.write(5, 8 + 2 * i, "Warnings", style.subheader)
        }
        try ws.merge(4, Self.notesColumn, 5, Self.notesColumn, "Notes", style.header)
        try ws.setColumn(2, 2, width: 14)
        try ws.setColumn(3, 3, width: 10)
        try ws.setColumn(4, 6, width: 9)
        try ws.setColumn(7, Self.notesColumn - 1, width: 9)
        try ws.setColumn(Self.notesColumn, Self.notesColumn, width: 70)
        try ws.freezePanes(row: Self.firstRow, col: 2)
        try ws.setup(PrintSetup(landscape: true, repeatRows: 4...5, footer: "&CPage &P of &N"))
        ws.activate()
    }

    func add(_ outcome: FileOutcome) throws {
        tally.add(outcome)
        let ws = summary
        switch outcome {
        case .failed(let f):
            try ws.write(row, 0, f.file, style.text)
            try ws.write(row, 3, "Not read", style.rag(nil))
            try ws.write(row, Self.notesColumn, f.message, style.wrapped)
            try ws.setRow(row, height: XLSXPlanSheet.height([(f.message, 70)]))
            widest.file = max(widest.file, f.file.count)
        case .checked(let r):
            let sheet = planSheets < XLSXReporter.maxPlanSheets
                ? names.unique(r.srgName ?? ((r.file as NSString).lastPathComponent as NSString).deletingPathExtension) : ""
            try ws.write(row, 1, r.srgName ?? "", style.text)
            try ws.write(row, 2, r.cohort ?? "", style.text)
            widest = (max(widest.file, r.file.count), max(widest.srg, r.srgName?.count ?? 0))
            try ws.write(row, 3, XLSXReporter.word(r.status), style.rag(r.status))
            let c = r.counts
            try count(row, 4, c.error, .error)
            try count(row, 5, c.warning, .warning)
            try count(row, 6, c.info, .info)
            for (i, category) in Self.categories.enumerated() {
                let inCategory = r.findings.filter { $0.category == category }
                try count(row, 7 + 2 * i, inCategory.filter { $0.severity == .error }.count, .error)
                try count(row, 8 + 2 * i, inCategory.filter { $0.severity == .warning }.count, .warning)
            }
            if planSheets < XLSXReporter.maxPlanSheets {
                planSheets += 1
                try XLSXPlanSheet(book.addWorksheet(sheet), style: style).write(r, summaryRow: row)
                try ws.writeLink(row, 0, toSheet: sheet, cell: "A1", text: r.file, style.link)
            } else {
                let at = try overflowRows(r)
                try ws.writeLink(row, 0, toSheet: XLSXReporter.overflowSheet, cell: "A\(at + 1)", text: r.file, style.link)
            }
        }
        row += 1
    }

    /// Past `maxPlanSheets` plans, each plan's findings are rows of one shared sheet (a sheet per plan
    /// costs libxlsxwriter memory until the workbook closes, and thousands of tabs help nobody).
    /// Returns the plan's first row there.
    private func overflowRows(_ r: FileResult) throws -> Int {
        let ws: XLSXWorksheet
        if let o = overflow { ws = o } else {
            ws = try book.addWorksheet(XLSXReporter.overflowSheet)
            overflow = ws
            try ws.write(0, 0, "Findings of the plans after the first \(XLSXReporter.maxPlanSheets)", style.title)
            for (col, title) in ["File", "SRG", "Severity", "Rule", "Category", "Template section", "Plan item", "Message", "Guidance", "Location"].enumerated() {
                try ws.write(2, col, title, style.header)
            }
            for (col, width) in [30.0, 30, 10, 24, 14, 34, 34, 60, 44, 16].enumerated() { try ws.setColumn(col, col, width: width) }
            try ws.freezePanes(row: 3, col: 0)
        }
        let first = overflowRow
        if r.findings.isEmpty {
            try ws.write(overflowRow, 0, r.file, style.text)
            try ws.write(overflowRow, 1, r.srgName ?? "", style.text)
            try ws.write(overflowRow, 7, "No findings: the plan meets every rule checked.", style.note)
            overflowRow += 1
        }
        for f in r.findings {
            try ws.write(overflowRow, 0, r.file, style.text)
            try ws.write(overflowRow, 1, r.srgName ?? "", style.text)
            try XLSXPlanSheet.writeFinding(f, ws, row: overflowRow, from: 2, style: style)
            overflowRow += 1
        }
        return first
    }

    private func count(_ r: Int, _ c: Int, _ n: Int, _ severity: Severity) throws {
        try summary.write(r, c, number: Double(n), style.count(n, severity))
    }

    func finish(exitCode: Int32) throws {
        var line = "\(tally.checked) plan\(tally.checked == 1 ? "" : "s") checked by \(header.tool) \(header.version) "
            + "against the rule set \(header.rules): \(tally.red) red, \(tally.amber) amber, \(tally.green) green"
        if tally.failed > 0 { line += "; \(tally.failed) could not be read" }
        try summary.write(1, 0, line, style.subtitle)
        if row == Self.firstRow { try summary.write(row, 0, "No plans were checked.", style.note) }
        try summary.setColumn(0, 0, width: Double(min(widest.file + 2, 90)))
        try summary.setColumn(1, 1, width: Double(min(widest.srg + 2, 60)))
        do { try book.close() } catch let e as XLSXError { throw ReportWriteError("cannot write the workbook: \(e)") }
    }
}
