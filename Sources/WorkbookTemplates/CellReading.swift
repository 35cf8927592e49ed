import PlanModel
import XLSXReader

/// Turns cells back into plan document scalars, as the plan's YAML would have spelled them.
extension ExtractionRun {
    /// The document entry for a field of `type` read from `cell` (at `place`): an empty cell is a
    /// null scalar, so the binder reports a missing value at that very cell.
    mutating func entry(_ cell: Cell?, type: FieldType, place: CellPlace, subject: @autoclosure () -> String) -> DocumentBuilder.Entry {
        guard let text = scalarText(cell, type: type, place: place, subject: subject()) else { return .scalar(null(place)) }
        if case .list(let element, _) = type {
            let separators: Set<Character> = {
                if case .text = element { return ["\n"] }
                return ["\n", ",", ";"]
            }()
            let parts = text.split(whereSeparator: { separators.contains($0) || $0 == "\r" })
                .map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
            if parts.isEmpty { return .scalar(null(place)) }
            return .list(parts.map { .scalar(YAMLNode(content: .scalar($0, .doubleQuoted), cell: place)) }, place)
        }
        let style: YAMLNode.ScalarStyle = { if case .number? = cell?.value { return .plain } else { return .doubleQuoted } }()
        return .scalar(YAMLNode(content: .scalar(text, style), cell: place))
    }

    func null(_ place: CellPlace) -> YAMLNode { YAMLNode(content: .scalar("", .plain), cell: place) }

    /// The cell's value as plan text: dates under date formats as 2014-09-30, numbers plainly.
    mutating func scalarText(_ cell: Cell?, type: FieldType, place: CellPlace, subject: @autoclosure () -> String) -> String? {
        guard let cell else { return nil }
        guard let value = cell.value else {
            if cell.formula != nil {
                report(.workbookFormula, subject(), place.sheet, place.cell,
                       "\(place.sheet)!\(place.cell) holds a formula with no saved result; open and save the workbook in Excel or LibreOffice, or type the value")
            }
            return nil
        }
        switch value {
        case .text(let s): return s.isBlank ? nil : s
        case .bool(let b): return b ? "true" : "false"
        case .error(let e): return e
        case .number(let d):
            if cell.isDate || isDateField(type), let ymd = workbook.date(fromSerial: d), cell.isDate {
                return String(format: "%04d-%02d-%02d", ymd.year, ymd.month, ymd.day)
            }
            return CellCodec.number(d)
        }
    }

    private func isDateField(_ type: FieldType) -> Bool { if case .date = type { return true } else { return false } }

    /// The number a cell stands for in a total (money as pounds); nil when it holds none.
    static func numeric(_ cell: Cell?) -> Double? {
        guard let value = cell?.value else { return nil }
        switch value {
        case .number(let d): return d
        case .text(let s): return ScalarParsers.money(s).map { Double($0.pence) / 100 } ?? ScalarParsers.count(s)
        default: return nil
        }
    }

    /// Sets a scalar or list at `path` below `map`. A path read twice (a value shown on two
    /// sheets) keeps the first non-empty reading; a different second reading is a finding.
    /// `copies`: false for a place read once only (a table's cells), which skips the bookkeeping.
    mutating func set(_ path: [String], in map: DocumentBuilder.Map, entry: DocumentBuilder.Entry, place: CellPlace,
                      subject: @autoclosure () -> String, copies: Bool = true) {
        guard let last = path.last else { return }
        let parent = path.count == 1 ? map : DocumentBuilder.map(at: path.dropLast()[...], in: map, place: place)
        guard copies else {
            if let existing = parent.values[last], existing.hasContent { return }
            parent.set(last, entry)
            return
        }
        let subject = subject()
        let text = Self.text(entry)
        if let existing = parent.values[last], existing.hasContent {
            if entry.hasContent, let first = firstRead[subject], first.text != text {
                report(.workbookConflict, subject, place.sheet, place.cell,
                       "\(place.sheet)!\(place.cell) says '\(text)' but \(first.place.sheet)!\(first.place.cell) says '\(first.text)'; the first is read, so make them agree")
            }
            return
        }
        parent.set(last, entry)
        if entry.hasContent { firstRead[subject] = (place, text) }
    }

    static func text(_ entry: DocumentBuilder.Entry) -> String {
        switch entry {
        case .scalar(let n): return n.scalar ?? ""
        case .list(let items, _): return items.map(text).joined(separator: "\n")
        case .map: return ""
        }
    }
}
