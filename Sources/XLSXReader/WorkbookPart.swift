/// What the workbook part (`xl/workbook.xml`) says: sheets in order, defined names, date system.
struct WorkbookPart {
    struct SheetEntry {
        let name: String
        let relationshipId: String
        let state: String
    }
    struct NameEntry {
        let name: String
        let localSheetId: Int?
        let hidden: Bool
        let formula: String
    }

    var sheets: [SheetEntry] = []
    var definedNames: [NameEntry] = []
    var date1904 = false
    /// Whether the part uses Strict OOXML namespaces.
    var isStrict = false
    /// The root element's local name ("workbook" when this is one).
    var rootName = ""

    static func parse(_ bytes: [UInt8], part: String, limits: XLSXReadLimits) throws -> WorkbookPart {
        try withXMLScanner(bytes, part: part) { sc in
            var wb = WorkbookPart()
            var nameStart: (name: String, local: Int?, hidden: Bool)?
            var text: [UInt8] = []
            while true {
                switch try sc.next() {
                case .start:
                    let depth = sc.depth
                    if depth == 1 {
                        wb.rootName = sc.name
                        if sc.sawStrictNamespace { wb.isStrict = true }
                        guard sc.nameIs("workbook") else { return wb }
                    } else if depth == 2 && sc.nameIs("workbookPr") {
                        if let v = try sc.attributeValue("date1904") { wb.date1904 = v == "1" || v == "true" }
                    } else if depth == 3 && sc.nameIs("sheet") {
                        guard let name = try sc.attributeValue("name"), let rid = try sc.attributeValue("id") else {
                            throw sc.error("a <sheet> without a name or relationship id")
                        }
                        guard wb.sheets.count < limits.maxSheets else {
                            throw sc.error("more than \(grouped(limits.maxSheets)) sheets (limit)")
                        }
                        wb.sheets.append(SheetEntry(name: name, relationshipId: rid,
                                                    state: try sc.attributeValue("state") ?? "visible"))
                    } else if depth == 3 && sc.nameIs("definedName") {
                        guard let name = try sc.attributeValue("name") else {
                            throw sc.error("a <definedName> without a name")
                        }
                        guard wb.definedNames.count < limits.maxCells else {
                            throw sc.error("more than \(grouped(limits.maxCells)) defined names (limit)")
                        }
                        let local = try sc.attributeValue("localSheetId").flatMap { Int($0) }
                        let hidden = try sc.attributeValue("hidden").map { $0 == "1" || $0 == "true" } ?? false
                        nameStart = (name, local, hidden)
                        text.removeAll(keepingCapacity: true)
                    }
                case .text:
                    if nameStart != nil {
                        try sc.appendText(to: &text)
                        if text.count > maxEncodedBytes(limits.maxStringLength) {
                            throw sc.error("a defined name's formula is longer than \(grouped(limits.maxStringLength)) characters (limit)")
                        }
                    }
                case .end:
                    if let n = nameStart, sc.depth == 2 {
                        wb.definedNames.append(NameEntry(name: n.name, localSheetId: n.local, hidden: n.hidden,
                                                         formula: String(decoding: text, as: UTF8.self)))
                        nameStart = nil
                    }
                case .endOfDocument:
                    return wb
                }
            }
        }
    }
}
