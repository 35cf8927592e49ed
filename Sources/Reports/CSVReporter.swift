import PlanModel

/// CSV (RFC 4180: CRLF line ends, fields quoted when they need it), one row per finding, for spreadsheets.
///
/// The text is UTF-8 with a byte-order mark so Excel reads `£` and accented names right. Cells that begin
/// with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'`, so a spreadsheet never runs plan
/// text as a formula (CSV injection). An input that could not be read is a row with severity `error`, no
/// rule and the reason as its message.
public struct CSVReporter: Reporter {
    public init() {}

    /// The header row, in column order.
    public static let columns = ["file", "srg", "rule", "severity", "category", "subject", "message", "citation",
                                 "location", "line", "column", "sheet", "cell"]

    public func stream(to output: TextOutput) -> ReportStream { CSVReportStream(output) }

    /// One record: each field neutralised against formula injection and quoted when it holds `,`, `"`, CR or LF.
    public static func record(_ fields: [String]) -> String {
        fields.map { field(neutralised($0)) }.joined(separator: ",") + "\r\n"
    }

    static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return s }
        return "'" + s
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func row(_ f: Finding, srg: String) -> [String] {
        var line = "", column = "", sheet = "", cell = ""
        switch f.location {
        case .text(let l, let c): line = String(l); column = String(c)
        case .cell(let s, let c): sheet = s; cell = c
        }
        return [f.file, srg, f.rule, f.severity.rawValue, f.category.rawValue, f.subject, f.message, f.citation,
                f.location.description, line, column, sheet, cell]
    }
}

/// Writes the header row, then each finding's row as its file arrives.
final class CSVReportStream: ReportStream {
    let out: TextOutput

    init(_ out: TextOutput) { self.out = out }

    func begin(_ header: ReportHeader) throws {
        out.write("\u{FEFF}")
        out.write(CSVReporter.record(CSVReporter.columns))
    }

    func add(_ outcome: FileOutcome) throws {
        switch outcome {
        case .checked(let r):
            for f in r.findings { out.write(CSVReporter.record(CSVReporter.row(f, srg: r.srgName ?? ""))) }
        case .failed(let f):
            out.write(CSVReporter.record([f.file, "", "", "error", "", "", f.message, "", "", "", "", "", ""]))
        }
    }

    func finish(exitCode: Int32) throws { try out.flush() }
}
