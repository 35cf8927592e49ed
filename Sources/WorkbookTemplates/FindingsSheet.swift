import PlanModel
import XLSXWriter

/// The plan's lint findings, for the Findings sheet.
public struct FindingsSummary {
    public let findings: [Finding]
    /// The rule set that produced them ("nhs-resilience-2014-15 1.0.0").
    public let rules: String

    public init(findings: [Finding], rules: String) { self.findings = findings; self.rules = rules }

    public var status: RAGStatus { RAGStatus(findings: findings) }
    public var counts: (error: Int, warning: Int, info: Int) {
        (findings.filter { $0.severity == .error }.count, findings.filter { $0.severity == .warning }.count,
         findings.filter { $0.severity == .info }.count)
    }
}

/// Writes the Findings sheet: a RAG status line, then one row per finding with its severity,
/// rule, item, message, citation and a link to the cell at fault.
struct FindingsSheet {
    static let name = "Findings"
    static let headers = ["Severity", "Rule", "Category", "Item", "Message", "Citation", "Cell"]
    static let widths: [Double] = [10, 26, 14, 34, 70, 44, 20]

    let worksheet: XLSXWorksheet
    let styles: StyleCache
    let places: [String: (sheet: String, cell: String)]

    func write(_ summary: FindingsSummary, srg: String?) throws {
        let ws = worksheet
        for (c, w) in Self.widths.enumerated() { try ws.setColumn(c, c, width: w) }
        let last = Self.headers.count - 1
        try ws.merge(0, 0, 0, last, "Findings" + (srg.map { ": " + $0 } ?? ""), styles(.title))
        try ws.setRow(0, height: 26)
        let counts = summary.counts
        let status: StyleKey
        switch summary.status {
        case .red: status = .statusRed
        case .amber: status = .statusAmber
        case .green: status = .statusGreen
        }
        let line = "\(summary.status.rawValue.uppercased()): \(Self.plural(counts.error, "error")), \(Self.plural(counts.warning, "warning")), "
            + "\(Self.plural(counts.info, "note")). Checked against the rules \(summary.rules)."
        try ws.merge(1, 0, 1, last, line, styles(status))
        try ws.setRow(1, height: 24)
        for (c, h) in Self.headers.enumerated() { try ws.write(3, c, h, styles(.header)) }
        var row = 4
        let ordered = summary.findings.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            return Finding.stableOrder(a, b)
        }
        if ordered.isEmpty {
            try ws.merge(row, 0, row, last, "No findings: the plan meets every rule.", styles(.findingText))
        }
        for f in ordered {
            let severityStyle: StyleKey = f.severity == .error ? .findingError : f.severity == .warning ? .findingWarning : .findingInfo
            try ws.write(row, 0, f.severity.rawValue, styles(severityStyle))
            try ws.write(row, 1, f.rule, styles(.findingText))
            try ws.write(row, 2, f.category.rawValue, styles(.findingText))
            try ws.write(row, 3, f.subject.isEmpty ? "the plan" : PlainName.of(f.subject), styles(.findingText))
            try ws.write(row, 4, f.message, styles(.findingText))
            try ws.write(row, 5, f.citation, styles(.findingText))
            if let place = place(for: f) {
                try ws.writeLink(row, 6, toSheet: place.sheet, cell: place.cell, text: "\(place.sheet)!\(place.cell)", styles(.link))
            } else {
                try ws.write(row, 6, "", styles(.findingText))
            }
            let height = [(f.message, 4), (f.citation, 5), (f.subject, 3), (f.rule, 1)]
                .map { SheetLayouter.height(forText: $0.0, width: Self.widths[$0.1] * 0.95, minimum: 15) }.max() ?? 15
            try ws.setRow(row, height: height)
            row += 1
        }
        try ws.freezePanes(row: 4, col: 0)
        try ws.setup(PrintSetup(landscape: true, paperA4: true, fitToWidth: 1, fitToHeight: 0, repeatRows: 3...3,
                                footer: "&CPage &P of &N"))
        ws.setTabColor(summary.status == .red ? 0xD5281B : summary.status == .amber ? 0xFFB81C : 0x007F3B)
        try ws.protect(ProtectionOptions())
    }

    /// The cell written for the finding's subject, or for the nearest item above it.
    func place(for finding: Finding) -> (sheet: String, cell: String)? {
        if case .cell(let sheet, let cell) = finding.location { return (sheet, cell) }
        var path = finding.subject
        while !path.isEmpty {
            if let p = places[path] { return p }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return nil
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
