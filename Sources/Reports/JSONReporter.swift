import PlanModel

/// The findings contract's JSON (`spec/findings.md`), with keys in a fixed order so runs diff cleanly.
public struct JSONReporter: Reporter {
    public init() {}

    public func stream(to output: TextOutput) -> ReportStream { JSONReportStream(output) }

    /// One finding as a JSON object on one line.
    static func finding(_ f: Finding) -> String {
        let location: String
        switch f.location {
        case .text(let line, let column): location = "{\"line\": \(line), \"column\": \(column)}"
        case .cell(let sheet, let cell): location = "{\"sheet\": \(quote(sheet)), \"cell\": \(quote(cell))}"
        }
        return "{\"rule\": \(quote(f.rule)), \"severity\": \(quote(f.severity.rawValue)), \"category\": \(quote(f.category.rawValue)), "
            + "\"subject\": \(quote(f.subject)), \"message\": \(quote(f.message)), \"citation\": \(quote(f.citation)), "
            + "\"location\": \(location), \"file\": \(quote(f.file))}"
    }

    static func counts(_ c: Counts) -> String { "{\"error\": \(c.error), \"warning\": \(c.warning), \"info\": \(c.info)}" }
}

/// Writes the JSON as results arrive; only the failures (for `errors`) and the totals are held.
final class JSONReportStream: ReportStream {
    let out: TextOutput
    var tally = RunTally()
    var failures: [FileFailure] = []

    init(_ out: TextOutput) { self.out = out }

    func begin(_ header: ReportHeader) throws {
        out.write("{\n")
        out.write("  \"tool\": \(quote(header.tool)),\n")
        out.write("  \"version\": \(quote(header.version)),\n")
        out.write("  \"rules\": \(quote(header.rules)),\n")
        out.write("  \"files\": [")
    }

    func add(_ outcome: FileOutcome) throws {
        tally.add(outcome)
        guard case .checked(let r) = outcome else {
            if case .failed(let f) = outcome { failures.append(f) }
            return
        }
        var s = tally.checked == 1 ? "\n" : ",\n"
        s += "    {\n"
        s += "      \"file\": \(quote(r.file)),\n"
        s += "      \"status\": \(quote(r.status.rawValue)),\n"
        s += "      \"counts\": \(JSONReporter.counts(r.counts)),\n"
        s += "      \"findings\": ["
        for (j, f) in r.findings.enumerated() {
            s += j == 0 ? "\n" : ",\n"
            s += "        " + JSONReporter.finding(f)
        }
        s += r.findings.isEmpty ? "]\n" : "\n      ]\n"
        s += "    }"
        out.write(s)
    }

    func finish(exitCode: Int32) throws {
        out.write(tally.checked == 0 ? "],\n" : "\n  ],\n")
        if !failures.isEmpty {
            out.write("  \"errors\": [")
            for (i, e) in failures.enumerated() {
                out.write((i == 0 ? "\n" : ",\n") + "    {\"file\": \(quote(e.file)), \"message\": \(quote(e.message))}")
            }
            out.write("\n  ],\n")
        }
        out.write("  \"counts\": \(JSONReporter.counts(tally.counts))\n")
        out.write("}\n")
        try out.flush()
    }
}
