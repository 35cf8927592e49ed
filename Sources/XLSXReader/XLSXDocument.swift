import Foundation

/// A workbook read from an .xlsx file: every sheet parsed at open, then immutable and safe to
/// share between threads.
///
/// Reading is bounded by `XLSXReadLimits` and refuses, with an `XLSXReadError`, anything it
/// cannot read faithfully: encrypted or legacy .xls files, Strict OOXML, non-zip input, damaged
/// zips (CRC and size checks), any DOCTYPE, parts over the limits.
public final class XLSXDocument: @unchecked Sendable {
    /// The name given at open (the file name for `open(path:)`).
    public let name: String
    /// Sheet names in workbook (tab) order.
    public let sheetNames: [String]
    /// Sheets in workbook order; chart and dialog sheets are listed with no cells.
    public let sheets: [XLSXSheet]
    /// Defined names in file order.
    public let definedNames: [DefinedName]
    /// Custom document properties (`docProps/custom.xml`) as text; numbers plainly ("12", "3.5").
    public let customProperties: [String: String]
    /// Core document properties (`docProps/core.xml`) by element name: "title", "creator", "subject",
    /// "description", "keywords", "lastModifiedBy", "created", "modified", "category"...
    public let coreProperties: [String: String]
    /// Whether dates count from 1904 (the old Mac date system).
    public let date1904: Bool

    private let sheetIndex: [String: Int]

    // MARK: - Opening

    /// Reads the workbook at `path`.
    public static func open(path: String, limits: XLSXReadLimits = .init()) throws -> XLSXDocument {
        let bytes = try FileInput.read(path: path, limit: limits.maxFileBytes)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return try XLSXDocument(bytes: bytes, name: name, limits: limits)
    }

    /// Reads a workbook held in memory; `name` is for messages.
    public static func open(data: [UInt8], name: String, limits: XLSXReadLimits = .init()) throws -> XLSXDocument {
        try XLSXDocument(bytes: data, name: name, limits: limits)
    }

    /// Reads a workbook held in memory; `name` is for messages.
    public static func open(data: Data, name: String, limits: XLSXReadLimits = .init()) throws -> XLSXDocument {
        guard data.count <= limits.maxFileBytes else { throw FileInput.tooLarge(data.count, limits.maxFileBytes) }
        return try XLSXDocument(bytes: [UInt8](data), name: name, limits: limits)
    }

    private init(bytes: [UInt8], name: String, limits: XLSXReadLimits) throws {
        self.name = name
        guard bytes.count <= limits.maxFileBytes else { throw FileInput.tooLarge(bytes.count, limits.maxFileBytes) }
        try FileInput.checkSignature(bytes)
        let zip = try ZipContainer(bytes: bytes, limits: limits)

        // The workbook part, through the package relationships.
        let rootRels = try Relationships.read(for: "", in: zip)
        let office = rootRels.first(kind: "officeDocument")
        if office?.isStrict == true { throw XLSXDocument.strictError }
        var workbookName: String
        if let target = office?.part, zip.contains(target) {
            workbookName = target
        } else if zip.contains("xl/workbook.xml") {
            workbookName = "xl/workbook.xml"
        } else {
            throw XLSXDocument.noWorkbookError(zip: zip, target: office?.part)
        }
        workbookName = zip.storedName(workbookName) ?? workbookName
        guard let workbookBytes = try zip.read(workbookName) else { throw XLSXDocument.noWorkbookError(zip: zip, target: workbookName) }
        let workbook = try WorkbookPart.parse(workbookBytes, part: workbookName, limits: limits)
        if workbook.isStrict { throw XLSXDocument.strictError }
        guard workbook.rootName == "workbook" else {
            throw XLSXReadError(part: workbookName, message: "the main part is <\(workbook.rootName)>, not a workbook: this is not an Excel workbook")
        }
        self.date1904 = workbook.date1904
        let rels = try Relationships.read(for: workbookName, in: zip)
        if rels.all.contains(where: { $0.isStrict }) { throw XLSXDocument.strictError }

        func partName(kind: String, fallback: String) -> String? {
            if let p = rels.first(kind: kind)?.part, zip.contains(p) { return zip.storedName(p) }
            return zip.storedName(fallback)
        }

        // Styles and shared strings.
        var styles = Styles()
        if let stylesPart = partName(kind: "styles", fallback: "xl/styles.xml"), let b = try zip.read(stylesPart) {
            styles = try Styles.parse(b, part: stylesPart)
        }
        var shared: [String] = []
        let sharedPart = partName(kind: "sharedStrings", fallback: "xl/sharedStrings.xml")
        if let sharedPart, let b = try zip.read(sharedPart) {
            shared = try SharedStrings.parse(b, part: sharedPart, limits: limits)
        }

        // Sheets.
        var parser = SheetParser(part: "", sharedStrings: shared, sharedStringsPart: sharedPart,
                                 styles: styles, date1904: workbook.date1904, limits: limits, cellBudget: 0)
        var sheets: [XLSXSheet] = []
        for entry in workbook.sheets {
            guard let rel = rels[entry.relationshipId] else {
                throw XLSXReadError(part: workbookName, message: "sheet '\(entry.name)' has relationship id \(entry.relationshipId), which \(Relationships.relsPart(for: workbookName)) does not define")
            }
            let kind: XLSXSheet.Kind
            switch rel.kind.lowercased() {
            case "chartsheet": kind = .chartsheet
            case "dialogsheet": kind = .dialogsheet
            case "xlmacrosheet", "macrosheet", "xlintlmacrosheet": kind = .macrosheet
            default: kind = .worksheet
            }
            guard let target = rel.part, let stored = zip.storedName(target) else {
                throw XLSXReadError(part: workbookName, message: "sheet '\(entry.name)' points to \(rel.part ?? "an external target"), which is not in the file")
            }
            var content = SheetContent()
            if kind == .worksheet, let b = try zip.read(stored) {
                parser = SheetParser(part: stored, sharedStrings: shared, sharedStringsPart: parser.sharedStringsPart,
                                     styles: styles, date1904: workbook.date1904, limits: limits,
                                     cellBudget: parser.cellBudget, expandedFormulaBytes: parser.expandedFormulaBytes)
                content = try parser.parse(b)
            }
            sheets.append(XLSXSheet(name: entry.name, state: entry.state, kind: kind, part: stored,
                                    content: content, sharedStrings: shared))
        }
        self.sheets = sheets
        self.sheetNames = sheets.map(\.name)
        var index: [String: Int] = [:]
        for (i, s) in sheets.enumerated() where index[s.name.lowercased()] == nil { index[s.name.lowercased()] = i }
        self.sheetIndex = index

        self.definedNames = workbook.definedNames.map { n in
            let local = n.localSheetId.flatMap { $0 >= 0 && $0 < sheets.count ? sheets[$0].name : nil }
            return DefinedName(name: n.name, localSheet: local, formula: n.formula,
                               area: CellAddress.parseArea(n.formula, defaultSheet: local), hidden: n.hidden)
        }

        // Document properties, through the package relationships.
        func propsPart(kind: String, fallback: String) -> String? {
            if let p = rootRels.first(kind: kind)?.part, zip.contains(p) { return zip.storedName(p) }
            return zip.storedName(fallback)
        }
        if let p = propsPart(kind: "core-properties", fallback: "docProps/core.xml"), let b = try zip.read(p) {
            coreProperties = try Properties.parseCore(b, part: p, limits: limits)
        } else {
            coreProperties = [:]
        }
        if let p = propsPart(kind: "custom-properties", fallback: "docProps/custom.xml"), let b = try zip.read(p) {
            customProperties = try Properties.parseCustom(b, part: p, limits: limits)
        } else {
            customProperties = [:]
        }
    }

    private static let strictError = XLSXReadError(
        part: nil, message: "not a supported .xlsx file: it is saved as Strict Open XML; save it again as \"Excel Workbook (*.xlsx)\"")

    private static func noWorkbookError(zip: ZipContainer, target: String?) -> XLSXReadError {
        if zip.contains("word/document.xml") {
            return XLSXReadError(part: nil, message: "not an .xlsx file: it is a Word document")
        }
        if zip.contains("ppt/presentation.xml") {
            return XLSXReadError(part: nil, message: "not an .xlsx file: it is a PowerPoint presentation")
        }
        if zip.contains("content.xml") && zip.contains("mimetype") {
            return XLSXReadError(part: nil, message: "not an .xlsx file: it is an OpenDocument file (.ods); save it as Excel 2007-365 (.xlsx)")
        }
        if let target {
            return XLSXReadError(part: nil, message: "not a readable .xlsx file: the workbook part \(target) named in _rels/.rels is missing")
        }
        return XLSXReadError(part: nil, message: "not an .xlsx file: a zip archive with no workbook part")
    }

    // MARK: - Lookup

    /// The sheet named `name`: an exact match first, else ignoring case.
    public func sheet(_ name: String) -> XLSXSheet? {
        if let s = sheets.first(where: { $0.name == name }) { return s }
        return sheetIndex[name.lowercased()].map { sheets[$0] }
    }

    /// The defined name `name` (ignoring case, as Excel does): the one scoped to `sheet` when
    /// given and present, else the workbook-wide one.
    public func definedName(_ name: String, sheet: String? = nil) -> DefinedName? {
        let key = name.lowercased()
        if let sheet {
            let s = sheet.lowercased()
            if let local = definedNames.first(where: { $0.name.lowercased() == key && $0.localSheet?.lowercased() == s }) {
                return local
            }
        }
        return definedNames.first { $0.name.lowercased() == key && $0.localSheet == nil }
    }

    // MARK: - Dates

    /// The calendar date of an Excel serial number (time of day dropped), or nil outside
    /// 1900-01-01...9999-12-31 (1904-01-01... in the 1904 system). Serial 60 in the 1900 system
    /// is 1900-02-29, the day Excel invents for Lotus compatibility.
    public static func date(fromSerial serial: Double, date1904: Bool) -> (year: Int, month: Int, day: Int)? {
        DateSerial.date(fromSerial: serial, date1904: date1904)
    }

    /// The calendar date of a cell's serial number in this workbook's date system.
    public func date(fromSerial serial: Double) -> (year: Int, month: Int, day: Int)? {
        DateSerial.date(fromSerial: serial, date1904: date1904)
    }
}
