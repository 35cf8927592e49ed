import Foundation
import XCTest
import PlanModel
import RuleEngine
import WorkbookTemplates
import XLSXReader

/// The bundled rules and templates, and fill-then-extract in one call.
enum Bundled {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static let ruleSet: RuleSet = try! RuleSet.load(directory: path("Rules"))
    static let spec: WorkbookSpec = try! TemplateSpecLoader.load(folder: path("Templates"), catalogue: ruleSet.catalogue)
    static var filler: WorkbookFiller { WorkbookFiller(spec: spec, catalogue: ruleSet.catalogue) }
    static var extractor: WorkbookExtractor { WorkbookExtractor(spec: spec, catalogue: ruleSet.catalogue) }

    /// Every sample plan that loads: the complete plan, the minimal one and the drafts.
    static var samplePlans: [String] {
        let drafts = (try? FileManager.default.contentsOfDirectory(atPath: path("Samples/drafts"))) ?? []
        return ["Samples/complete/northmoor.yaml", "Samples/minimal.yaml"]
            + drafts.filter { $0.hasSuffix(".yaml") }.sorted().map { "Samples/drafts/" + $0 }
    }

    static func tempDir(_ test: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-wb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// Loads YAML text as a plan, with the composed document for fill.
    static func load(yaml: String, file: String = "plan.yaml") throws -> (Plan, YAMLNode?) {
        let bytes = [UInt8](yaml.utf8)
        return (try PlanLoader.load(bytes: bytes, file: file), try YAMLComposer.compose(bytes))
    }

    /// Fills a workbook from the plan and reads it back: the extracted plan and the extraction.
    static func roundTrip(_ plan: Plan, document: YAMLNode?, in dir: URL, name: String = "plan") throws
        -> (plan: Plan, extraction: WorkbookExtractor.Extraction, path: String) {
        let path = dir.appendingPathComponent(name + ".xlsx").path
        try filler.fill(plan: plan, document: document, options: .init(), to: path)
        let workbook = try XLSXDocument.open(path: path)
        let extraction = extractor.extract(workbook, file: path)
        let bound = PlanLoader.bind(root: extraction.document, file: path)
        return (Plan(file: path, root: bound.root, findings: extraction.findings + bound.findings), extraction, path)
    }
}

/// A plan written out without origins, in a form two plans with the same content share.
///
/// What a workbook cannot tell apart is made the same on both sides (README, "Round trip"):
/// a total the plan leaves out is the template's calculation of it, so a stated total equal to its
/// calculation counts as not stated; blank text is absent; an entry with nothing but its id is an
/// empty template row; entries of lists the template lays out in catalogue order are sorted by id.
enum PlanCanonical {
    static func dump(_ plan: Plan) -> String {
        var out = ""
        write(normalised(plan.root), path: "", into: &out)
        return out
    }

    private static func write(_ v: Value, path: String, into out: inout String) {
        switch v {
        case .missing: return
        case .invalid: out += "\(path) = <invalid>\n"
        case .text(let s, _): if !s.isBlank { out += "\(path) = text \(s.debugDescription)\n" }
        case .number(let d, _): out += "\(path) = number \(d)\n"
        case .money(let m, _): out += "\(path) = money \(m.pence)p\n"
        case .date(let d, _): out += "\(path) = date \(d)\n"
        case .bool(let b): out += "\(path) = \(b)\n"
        case .record(let r, _):
            for (i, f) in r.schema.fields.enumerated() { if let x = r.values[i] { write(x, path: path + "." + f.name, into: &out) } }
        case .list(let items, _):
            // A list in one cell holds one item per line: blank items are not kept, and items are trimmed.
            let kept = items.compactMap { x -> Value? in
                if case .missing = x { return nil }
                guard case .text(let s, let o) = x else { return x }
                return s.isBlank ? nil : .text(s.trimmingWhitespace, o)
            }
            for (i, x) in kept.enumerated() { write(x, path: path + "[\(i)]", into: &out) }
        }
    }

    /// The plan with derived totals, empty entries and catalogue order made canonical.
    static func normalised(_ root: Value) -> Value {
        guard case .record(let r, let o) = root else { return root }
        var values = r.values
        for side in ["non_elective", "elective"] {
            guard let i = r.schema.index(of: side), case .record(let t, let to)? = values[i] else { continue }
            values[i] = .record(template(t), to)
        }
        return .record(Record(schema: r.schema, values: values.map { $0.map(dropEmptyEntries) }, key: r.key, keyField: r.keyField), o)
    }

    private static func template(_ t: Record) -> Record {
        var values = t.values
        func set(_ name: String, _ v: Value?) { values[t.schema.index(of: name)!] = v }
        func get(_ name: String) -> Value? { values[t.schema.index(of: name)!] }
        func pounds(_ v: Value?) -> Int64? { if case .money(let m, _)? = v { return m.pence } else { return nil } }
        // Funding total = the sum of the funding lines.
        if case .record(let f, let fo)? = get("funding") {
            var fv = f.values
            let lines = f.schema.fields.enumerated().filter { $0.element.name != "total" }.map { fv[$0.offset] }
            let sum = lines.compactMap(pounds).reduce(0, +)
            let ti = f.schema.index(of: "total")!
            if let stated = pounds(fv[ti]), stated == sum || lines.allSatisfy({ pounds($0) == nil }) && stated == 0 { fv[ti] = nil }
            set("funding", .record(Record(schema: f.schema, values: fv, key: f.key, keyField: f.keyField), fo))
        }
        // Section totals = the sum of the schemes' costs.
        for (list, total) in [("minimum", "minimum_total"), ("local", "local_total")] {
            let costs = get(list).map { listItems($0).compactMap { pounds(($0.recordValue)?.field("cost", origin: nil)) } } ?? []
            if let stated = pounds(get(total)), stated == costs.reduce(0, +) { set(total, nil) }
        }
        // Costing net = the sum of its items.
        if case .list(let items, let lo)? = get("costings") {
            let fixed = items.map { item -> Value in
                guard case .record(let c, let co) = item else { return item }
                var cv = c.values
                let amounts = c.field("items", origin: nil).map { listItems($0).compactMap { pounds($0.recordValue?.field("amount", origin: nil)) } } ?? []
                let ni = c.schema.index(of: "net")!
                if let stated = pounds(cv[ni]), stated == amounts.reduce(0, +) { cv[ni] = nil }
                return .record(Record(schema: c.schema, values: cv, key: c.key, keyField: c.keyField), co)
            }
            set("costings", .list(sortedByKey(fixed), lo))
        }
        if let m = get("minimum") { set("minimum", .list(sortedByKey(listItems(m)), nil)) }
        return Record(schema: t.schema, values: values, key: t.key, keyField: t.keyField)
    }

    private static func listItems(_ v: Value) -> [Value] { if case .list(let x, _) = v { return x } else { return [] } }

    private static func sortedByKey(_ items: [Value]) -> [Value] {
        items.enumerated().sorted { a, b in
            let ka = a.element.recordValue?.key ?? "\u{FFFF}", kb = b.element.recordValue?.key ?? "\u{FFFF}"
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }

    /// Drops list entries that hold nothing but their id (an empty template row), recursively.
    private static func dropEmptyEntries(_ v: Value) -> Value {
        switch v {
        case .record(let r, let o):
            return .record(Record(schema: r.schema, values: r.values.map { $0.map(dropEmptyEntries) }, key: r.key, keyField: r.keyField), o)
        case .list(let items, let o):
            return .list(items.filter { item in
                guard case .record(let r, _) = item else { return true }
                return r.filledFieldCount > 0 || r.key == nil && r.values.contains { $0?.isFilled == true }
            }.map(dropEmptyEntries), o)
        default: return v
        }
    }
}

extension Value {
    var recordValue: Record? { if case .record(let r, _) = self { return r } else { return nil } }
}

/// Findings without their locations, for comparing a YAML plan's with its workbook's.
/// Entries without an id are named by position, and the template puts Section 2 and costings
/// entries in catalogue order, so such positions are left out.
func findingKeys(_ findings: [Finding]) -> [String] {
    findings.map { f in
        let subject = f.subject.replacingOccurrences(of: #"(minimum|costings)\[\d+\]"#, with: "$1[#]", options: .regularExpression)
        let message = f.message.replacingOccurrences(of: #"(costings|minimum|local|Section 2) entry \d+"#, with: "$1 entry #", options: .regularExpression)
        return "\(f.rule) \(subject): \(message)"
    }.sorted()
}
