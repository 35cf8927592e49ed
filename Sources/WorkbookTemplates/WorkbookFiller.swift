import Foundation
import PlanModel
import RulesDSL
import XLSXWriter

/// Writes the submission workbook from a plan (or blank, for filling by hand) using the template specs.
public struct WorkbookFiller {
    public let spec: WorkbookSpec
    public let catalogue: Catalogue?

    public init(spec: WorkbookSpec, catalogue: Catalogue?) { self.spec = spec; self.catalogue = catalogue }

    /// What to put in the workbook besides the templates.
    public struct Options {
        /// The Findings sheet: these findings, with this status line. nil omits the sheet.
        public var findings: FindingsSummary?
        /// The tool name and version, for document properties.
        public var generator: String
        /// A fixed creation time makes the output byte-identical run to run (SOURCE_DATE_EPOCH).
        public var created: Date?

        public init(findings: FindingsSummary? = nil, generator: String = "planlint", created: Date? = nil) {
            self.findings = findings; self.generator = generator; self.created = created
        }
    }

    /// Fills the whole workbook at `path` (written atomically). `document` is the YAML the plan came
    /// from, so values the loader could not read are written as the plan spelled them.
    public func fill(plan: Plan?, document: YAMLNode? = nil, options: Options, to path: String) throws {
        let layouts = layoutAll(plan: plan, document: document, recordPlaces: options.findings.map { !$0.findings.isEmpty } ?? false)
        try write(layouts, sheets: layouts.indices.map { $0 }, plan: plan, options: options, to: path)
    }

    /// Writes each sheet to its own workbook in `folder` (`<file>.xlsx`), the Findings sheet with
    /// each; returns the paths written.
    public func fillSeparately(plan: Plan?, document: YAMLNode? = nil, options: Options, folder: String) throws -> [String] {
        let layouts = layoutAll(plan: plan, document: document)
        var written: [String] = []
        for (i, layout) in layouts.enumerated() {
            let path = (folder as NSString).appendingPathComponent(layout.spec.fileStem + ".xlsx")
            try write(layouts, sheets: [i], plan: plan, options: options, to: path)
            written.append(path)
        }
        return written
    }

    /// Where each subject path of the plan is written: its sheet and cell (the first place, where a
    /// value is shown on two sheets). Findings link there; tests check values there.
    public func places(plan: Plan?, document: YAMLNode? = nil) -> [String: (sheet: String, cell: String)] {
        var out: [String: (sheet: String, cell: String)] = [:]
        for layout in layoutAll(plan: plan, document: document) {
            for (path, cell) in layout.places where out[path] == nil { out[path] = (layout.spec.name, cell) }
        }
        return out
    }

    /// `recordPlaces`: note where each subject path goes (needed only to link findings to cells).
    func layoutAll(plan: Plan?, document: YAMLNode?, recordPlaces: Bool = true) -> [SheetLayout] {
        let context = LayoutContext(plan: plan?.root, catalogue: catalogue, raw: RawText(document: document))
        context.recordPlaces = recordPlaces
        for sheet in spec.sheets {
            for case .table(let t) in sheet.blocks where t.rest { context.restTables.insert(t.list.description) }
        }
        return spec.sheets.map { SheetLayouter.layout($0, context: context) }
    }

    private func write(_ layouts: [SheetLayout], sheets: [Int], plan: Plan?, options: Options, to path: String) throws {
        let srgName = plan.flatMap { p -> String? in
            if case .text(let s, _)? = p.root.at(["srg", "name"]) { return s.trimmingWhitespace } else { return nil }
        }
        let title = srgName.map { "\($0): \(spec.title)" } ?? spec.title
        let properties = DocumentProperties(
            title: title, subject: "System Resilience Group operational resilience and capacity plan",
            author: srgName ?? "", company: srgName ?? "", category: "Annex A and Annex C templates",
            keywords: "SRG, resilience, capacity, 2014/15",
            comments: "Written by \(options.generator) from the template specs \(spec.id) \(spec.version)",
            created: options.created)
        let workbook = try XLSXWorkbook(path: path, properties: properties)
        let styles = StyleCache(workbook: workbook)
        for i in sheets {
            let layout = layouts[i]
            let ws = try workbook.addWorksheet(layout.spec.name)
            try SheetWriter(worksheet: ws, styles: styles, header: srgName ?? "", version: "\(spec.id) \(spec.version)").write(layout)
            for name in layout.names {
                try workbook.defineName(name.name, refersTo: "=" + A1.reference(sheet: layout.spec.name, name.firstRow, name.firstCol, name.lastRow, name.lastCol))
            }
        }
        if let findings = options.findings {
            var places: [String: (sheet: String, cell: String)] = [:]
            for i in sheets { for (path, cell) in layouts[i].places where places[path] == nil { places[path] = (layouts[i].spec.name, cell) } }
            let ws = try workbook.addWorksheet(FindingsSheet.name)
            try FindingsSheet(worksheet: ws, styles: styles, places: places).write(findings, srg: srgName)
            if findings.counts.error > 0 || findings.counts.warning > 0 { ws.activate() }
        }
        try workbook.setCustomProperty("TemplateId", spec.id)
        try workbook.setCustomProperty("TemplateVersion", spec.version)
        try workbook.setCustomProperty("PlanFormat", PlanSchema.formatID)
        if let srgName, !srgName.isEmpty { try workbook.setCustomProperty("SRG", String(srgName.prefix(255))) }
        try workbook.close()
    }
}

/// One libxlsxwriter format per style key, made on first use.
final class StyleCache {
    let workbook: XLSXWorkbook
    private var formats: [StyleKey: XLSXFormat] = [:]

    init(workbook: XLSXWorkbook) { self.workbook = workbook }

    func callAsFunction(_ key: StyleKey) -> XLSXFormat {
        if let f = formats[key] { return f }
        let f = workbook.format(Styles.style(key))
        formats[key] = f
        return f
    }
}
