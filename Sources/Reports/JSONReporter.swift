import PlanModel

/// The findings contract's JSON (`spec/findings.md`), with keys in a fixed order so runs diff cleanly.
public struct JSONReporter: Reporter {
    public init() {}

    public func stream(to output: TextOutput) -> ReportStream { JSONReportStream(output) }

    /// Appends one finding as a JSON object on one line.
    static func finding(_ f: Finding, into w: inout JSONBytes) {
        w.raw("{\"rule\": "); w.string(f.rule)
        w.raw(", \"severity\": "); w.string(f.severity.rawValue)
        w.raw(", \"category\": "); w.string(f.category.rawValue)
        w.raw(", \"subject\": "); w.string(f.subject)
        w.raw(", \"message\": "); w.string(f.message)
        w.raw(", \"citation\": "); w.string(f.citation)
        switch f.location {
        case .text(let line, let column):
            w.raw(", \"location\": {\"line\": "); w.int(line)
            w.raw(", \"column\": "); w.int(column)
        case .cell(let sheet, let cell):
            w.raw(", \"location\": {\"sheet\": "); w.string(sheet)
            w.raw(", \"cell\": "); w.string(cell)
        }
        w.raw("}, \"file\": "); w.string(f.file)
        w.raw("}")
    }

    /// Appends counts by severity as a JSON object on one line.
    static func counts(_ c: Counts, into w: inout JSONBytes) {
        w.raw("{\"error\": "); w.int(c.error)
        w.raw(", \"warning\": "); w.int(c.warning)
        w.raw(", \"info\": "); w.int(c.info)
        w.raw("}")
    }
}

/// Writes the JSON as results arrive; only the failures (for `errors`) and the totals are held.
///
/// Each piece is rendered as UTF-8 into one reused byte buffer and handed to the output as bytes.
final class JSONReportStream: ReportStream {
    let out: TextOutput
    var tally = RunTally()
    var failures: [FileFailure] = []
    /// The piece being written (kept between calls for its memory).
    private var w = JSONBytes(capacity: 4096)

    init(_ out: TextOutput) { self.out = out }

    /// Hands the piece written into `w` to the output and starts the next one.
    private func emit() {
        out.write(bytes: w.bytes)
        w.clear()
    }

    func begin(_ header: ReportHeader) throws {
        w.raw("{\n")
        w.raw("  \"tool\": "); w.string(header.tool); w.raw(",\n")
        w.raw("  \"version\": "); w.string(header.version); w.raw(",\n")
        w.raw("  \"rules\": "); w.string(header.rules); w.raw(",\n")
        w.raw("  \"files\": [")
        emit()
    }

    func add(_ outcome: FileOutcome) throws {
        tally.add(outcome)
        guard case .checked(let r) = outcome else {
            if case .failed(let f) = outcome { failures.append(f) }
            return
        }
        w.raw(tally.checked == 1 ? "\n" : ",\n")
        w.raw("    {\n")
        w.raw("      \"file\": "); w.string(r.file); w.raw(",\n")
        w.raw("      \"status\": "); w.string(r.status.rawValue); w.raw(",\n")
        w.raw("      \"counts\": "); JSONReporter.counts(r.counts, into: &w); w.raw(",\n")
        w.raw("      \"findings\": [")
        for (j, f) in r.findings.enumerated() {
            w.raw(j == 0 ? "\n        " : ",\n        ")
            JSONReporter.finding(f, into: &w)
        }
        w.raw(r.findings.isEmpty ? "]\n" : "\n      ]\n")
        w.raw("    }")
        emit()
    }

    func finish(exitCode: Int32) throws {
        w.raw(tally.checked == 0 ? "],\n" : "\n  ],\n")
        if !failures.isEmpty {
            w.raw("  \"errors\": [")
            for (i, e) in failures.enumerated() {
                w.raw(i == 0 ? "\n" : ",\n")
                w.raw("    {\"file\": "); w.string(e.file)
                w.raw(", \"message\": "); w.string(e.message)
                w.raw("}")
            }
            w.raw("\n  ],\n")
        }
        w.raw("  \"counts\": "); JSONReporter.counts(tally.counts, into: &w); w.raw("\n")
        w.raw("}\n")
        emit()
        try out.flush()
    }
}
