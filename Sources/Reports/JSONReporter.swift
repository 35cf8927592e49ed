import Foundation
import PlanModel

/// The findings contract's JSON (`spec/findings.md`), with keys in a fixed order so runs diff cleanly.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        var out = "{\n"
        out += "  \"tool\": \(quote(report.tool)),\n"
        out += "  \"version\": \(quote(report.version)),\n"
        out += "  \"rules\": \(quote(report.rules)),\n"
        out += "  \"files\": ["
        for (i, r) in report.results.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\n"
            out += "      \"file\": \(quote(r.file)),\n"
            out += "      \"status\": \(quote(r.status.rawValue)),\n"
            out += "      \"counts\": \(counts(r.counts)),\n"
            out += "      \"findings\": ["
            for (j, f) in r.findings.enumerated() {
                out += j == 0 ? "\n" : ",\n"
                out += "        " + finding(f)
            }
            out += r.findings.isEmpty ? "]\n" : "\n      ]\n"
            out += "    }"
        }
        out += report.results.isEmpty ? "],\n" : "\n  ],\n"
        if !report.failures.isEmpty {
            out += "  \"errors\": ["
            for (i, e) in report.failures.enumerated() {
                out += (i == 0 ? "\n" : ",\n") + "    {\"file\": \(quote(e.file)), \"message\": \(quote(e.message))}"
            }
            out += "\n  ],\n"
        }
        out += "  \"counts\": \(counts(report.counts))\n"
        out += "}\n"
        return out
    }

    func counts(_ c: Counts) -> String { "{\"error\": \(c.error), \"warning\": \(c.warning), \"info\": \(c.info)}" }

    func finding(_ f: Finding) -> String {
        let location: String
        switch f.location {
        case .text(let line, let column): location = "{\"line\": \(line), \"column\": \(column)}"
        case .cell(let sheet, let cell): location = "{\"sheet\": \(quote(sheet)), \"cell\": \(quote(cell))}"
        }
        return "{\"rule\": \(quote(f.rule)), \"severity\": \(quote(f.severity.rawValue)), \"category\": \(quote(f.category.rawValue)), "
            + "\"subject\": \(quote(f.subject)), \"message\": \(quote(f.message)), \"citation\": \(quote(f.citation)), "
            + "\"location\": \(location), \"file\": \(quote(f.file))}"
    }
}

/// A JSON string literal with the escapes RFC 8259 requires.
func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
        }
    }
    return out + "\""
}
