import Foundation
import PlanModel
import WorkbookTemplates

/// Generates varied plans from a real one by seeded random edits of its YAML tree (a small
/// property-based generator: the seed names a failing case exactly).
struct PlanGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 10_000) / 10_000 < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }

    /// Text a person might type into a template cell: quotes, colons, hashes, unicode, formulas,
    /// leading zeros, words YAML would misread, long text, several lines.
    static let awkward = [
        "O'Brien & Sons: \"quoted\" #1", "=SUM(A1:A3)", "+44 1234 567890", "-5 beds", "@risk", "0123",
        "yes", "null", "~", "true", "Zürich — naïve café ✓", "日本語のテキスト", "50%", "£1,234.56", "- a dash",
        "Line one\nLine two\n  indented line three", "tab\tinside", String(repeating: "long text ", count: 120),
        "ends with colon:", "[not a list]", "{not: a map}", "*star", "&amp;", "<b>not html</b>",
    ]

    mutating func plan(from base: String) throws -> String {
        guard let root = try YAMLComposer.compose([UInt8](base.utf8)) else { throw CocoaError(.fileReadCorruptFile) }
        return PlanYAMLWriter.render(edit(root, path: "", depth: 0))
    }

    private mutating func edit(_ node: YAMLNode, path: String, depth: Int) -> YAMLNode {
        switch node.content {
        case .scalar(let s, let style):
            // "null" and "~" typed into a cell are text; plain in YAML they would be nothing.
            let text = scalar(s, path: path)
            let quoted = style != .plain || ["null", "~"].contains(text)
            return YAMLNode(content: .scalar(text, quoted ? .doubleQuoted : .plain), line: node.line, column: node.column, tag: nil, expandedSize: 1)
        case .mapping(let pairs):
            var out: [(key: YAMLNode, value: YAMLNode)] = []
            for (k, v) in pairs {
                let key = k.scalar ?? ""
                // Ids stay so entries link; totals stay because a workbook always shows its totals
                // (a total left out of YAML reads back as the template's calculation of it).
                let protected = ["format", "requirement", "scheme", "id", "representative_of",
                                 "total", "net", "minimum_total", "local_total"].contains(key)
                if !protected && depth > 0 && chance(0.04) { continue }   // a field left out
                out.append((k, key == "format" ? v : edit(v, path: path + "." + key, depth: depth + 1)))
            }
            // An entry with every field left out would be `{}`, which no row of a template can hold.
            return YAMLNode(content: .mapping(out.isEmpty ? pairs : out), line: node.line, column: node.column, tag: nil, expandedSize: 1)
        case .sequence(let items):
            var out: [YAMLNode] = []
            for item in items {
                if chance(0.05) { continue }   // an entry left out
                out.append(edit(item, path: path + "[]", depth: depth + 1))
                if path.hasSuffix(".local") && chance(0.2) { out.append(renamed(edit(item, path: path + "[]", depth: depth + 1))) }
                if path.hasSuffix(".items") && chance(0.2) { out.append(edit(item, path: path + "[]", depth: depth + 1)) }
            }
            return YAMLNode(content: .sequence(out), line: node.line, column: node.column, tag: nil, expandedSize: 1)
        }
    }

    /// A copy of a local scheme under a new id.
    private mutating func renamed(_ node: YAMLNode) -> YAMLNode {
        guard case .mapping(let pairs) = node.content else { return node }
        let id = "GEN-\(next() % 1000)"
        return YAMLNode(content: .mapping(pairs.map { p in
            p.key.scalar == "id" ? (p.key, YAMLNode(content: .scalar(id, .plain), line: 0, column: 0, tag: nil, expandedSize: 1)) : p
        }), line: node.line, column: node.column, tag: nil, expandedSize: 1)
    }

    private mutating func scalar(_ s: String, path: String) -> String {
        guard chance(0.12) else { return s }
        let field = path.split(separator: ".").last.map(String.init) ?? ""
        switch field {
        case "cost", "amount", "net", "resilience", "marginal_tariff", "other", "total", "minimum_total", "local_total":
            return pick(["\(next() % 500_000)", "-\(next() % 90_000)", "£\(next() % 100),\(100 + next() % 900)", "1234.5", "lots", "0"])
        case "nurse", "doctor", "beds", "outpatient_appointments", "inpatient_procedures":
            return pick(["\(next() % 20)", "0.5", "-3", "two"])
        case "timeframe", "submitted", "completed", "shared_with_srg", "date", "from", "to":
            return pick(["2014-\(10 + next() % 3)-\(10 + next() % 18)", "March 2015", "Q3 2014/15", "2015-02-30", "soon"])
        case "email":
            return pick(["someone@nhs.net", "not an email", "a.b@northmoor.gov.uk"])
        case "cohort", "type", "kind", "sector", "organisation_type":
            return pick(["high-risk", "earned-autonomy", "ccg", "beds", "voluntary", "CCG", "wrong-word"])
        default:
            // A list item is one line of its cell (README, "Round trip"): no line breaks inside items.
            // In a cell of fixed words, the words are separated by line breaks or commas.
            if path.hasSuffix(".covers[]") || path.hasSuffix(".provides[]") { return pick(["capacity", "acuity", "homecare", "not-a-word", "Elective"]) }
            let text = pick(Self.awkward)
            // Nor are null list items (a line with nothing on it is no item).
            guard path.hasSuffix("[]") else { return text }
            return text.replacingOccurrences(of: "\n", with: " ")
        }
    }
}
