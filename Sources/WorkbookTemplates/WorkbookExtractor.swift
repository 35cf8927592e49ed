import PlanModel
import RulesDSL
import XLSXReader

/// Reads a filled workbook back into a plan with the template specs that fill writes: sections are
/// found by the defined names fill wrote and, where those are gone or moved, by their headings and
/// labels, never by fixed addresses. Every value keeps its sheet and cell.
public struct WorkbookExtractor {
    public let spec: WorkbookSpec
    public let catalogue: Catalogue?

    public init(spec: WorkbookSpec, catalogue: Catalogue?) { self.spec = spec; self.catalogue = catalogue }

    /// The plan document read from a workbook, and what reading it found.
    public struct Extraction {
        /// The document, as the YAML loader would have composed it; nodes carry their cells.
        public let document: YAMLNode
        /// Findings about the workbook itself: missing sections, values outside the template, conflicts.
        public let findings: [Finding]
    }

    public func extract(_ workbook: XLSXDocument, file: String) -> Extraction {
        var run = ExtractionRun(file: file, workbook: workbook, catalogue: catalogue)
        run.checkVersion(spec)
        for sheetSpec in spec.sheets { run.read(sheetSpec) }
        return Extraction(document: run.builder.node(), findings: run.findings)
    }

    /// Reads the workbook and binds it as a plan: extraction findings first, then the format findings.
    public func plan(_ workbook: XLSXDocument, file: String) -> Plan {
        let e = extract(workbook, file: file)
        let bound = PlanLoader.bind(root: e.document, file: file)
        return Plan(file: file, root: bound.root, findings: e.findings + bound.findings)
    }
}

/// The state of reading one workbook.
struct ExtractionRun {
    let file: String
    let workbook: XLSXDocument
    let catalogue: Catalogue?
    let builder: DocumentBuilder
    var findings: [Finding] = []
    /// Where each scalar path was first read, for conflicts between copies.
    var firstRead: [String: (place: CellPlace, text: String)] = [:]

    init(file: String, workbook: XLSXDocument, catalogue: Catalogue?) {
        self.file = file; self.workbook = workbook; self.catalogue = catalogue
        let first = workbook.sheetNames.first ?? "Sheet1"
        builder = DocumentBuilder(place: CellPlace(sheet: first, cell: "A1"))
        builder.root.set("format", .scalar(YAMLNode(content: .scalar(PlanSchema.formatID, .plain), cell: CellPlace(sheet: first, cell: "A1"))))
    }

    mutating func report(_ rule: LoaderRule, _ subject: String, _ sheet: String, _ cell: String, _ message: String) {
        findings.append(Finding(rule: rule.id, severity: rule.severity, category: rule.category, subject: subject, message: message,
                                citation: rule.citation, location: .cell(sheet: sheet, cell: cell), file: file))
    }

    mutating func checkVersion(_ spec: WorkbookSpec) {
        guard let version = workbook.customProperties["TemplateVersion"], version != spec.version,
              let sheet = workbook.sheetNames.first else { return }
        report(.workbookVersion, "", sheet, "A1",
               "The workbook was made from template version \(version); this planlint reads version \(spec.version), so some sections may not be found")
    }

    /// Finds the sheet for a spec: by name, else by its title in the top rows.
    func sheet(for spec: SheetSpec) -> XLSXSheet? {
        if let s = workbook.sheet(spec.name) { return s }
        let title = Label.normal(spec.title)
        return workbook.sheets.first { s in
            (0..<3).contains { r in s.cells(inRow: r).contains { Label.normal($0.text ?? "") == title } }
        }
    }

    mutating func read(_ spec: SheetSpec) {
        guard let sheet = sheet(for: spec) else {
            if spec.isTemplate {
                report(.workbookSection, "", workbook.sheetNames.first ?? spec.name, "A1",
                       "The workbook has no '\(spec.name)' sheet (\(spec.title)); its values could not be read")
            }
            return
        }
        let reader = SheetReader(sheet: sheet, workbook: workbook)
        let anchors = reader.anchors(for: spec.blocks)
        for (i, block) in spec.blocks.enumerated() {
            guard let start = anchors[i] else {
                report(.workbookSection, "", sheet.name, "A1",
                       "The '\(block.heading ?? block.name)' section of \(sheet.name) was not found: its heading or labels were changed or removed, so its values could not be read")
                continue
            }
            let end = anchors[(i + 1)...].compactMap { $0 }.first ?? ((sheet.maxRow ?? start) + 1)
            switch block {
            case .fields(let f): readFields(f, reader: reader, rows: start..<max(end, start + 1))
            case .table(let t): readTable(t, reader: reader, rows: start..<max(end, start + 1))
            }
        }
    }
}

/// Label matching that survives case, spacing, punctuation at the ends and typographic quotes.
enum Label {
    /// Longer texts are values, not labels or headings, and are not normalised.
    static let maxLength = 300

    static func normal(_ s: String) -> String {
        // ASCII text (nearly every label): lower-cased and spaces collapsed byte by byte.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(s.utf8.count)
            var space = false
            for b in s.utf8 {
                if b == 0x20 || (0x09...0x0D).contains(b) { space = !out.isEmpty; continue }
                if space { out.append(0x20); space = false }
                out.append((0x41...0x5A).contains(b) ? b + 32 : b)
            }
            while let last = out.last, last == UInt8(ascii: ":") || last == UInt8(ascii: "*") { out.removeLast() }
            return String(decoding: out, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        var space = false
        for u in s.unicodeScalars {
            var v = u
            switch u.value {
            case 0x41...0x5A: v = Unicode.Scalar(u.value + 32)!          // A-Z
            case 0x2018, 0x2019: v = "'"
            case 0x201C, 0x201D: v = "\""
            case 0x2013, 0x2014: v = "-"
            case 0x20, 0x09...0x0D, 0xA0:
                space = !out.isEmpty; continue
            case 0x80...:
                if u.properties.isWhitespace { space = !out.isEmpty; continue }
                if u.properties.changesWhenLowercased {
                    if space { out.append(" "); space = false }
                    out.append(contentsOf: u.properties.lowercaseMapping.unicodeScalars)
                    continue
                }
            default: break
            }
            if space { out.append(" "); space = false }
            out.append(v)
        }
        while let last = out.last, last == ":" || last == "*" { out.removeLast() }
        return String(out)
    }
}
