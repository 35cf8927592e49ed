import PlanModel
import XLSXReader

/// Reading a fields block: each labelled row's value, wherever the row now is.
extension ExtractionRun {
    mutating func readFields(_ block: FieldsBlock, reader: SheetReader, rows: Range<Int>) {
        let sheet = reader.sheet
        var numbers: [String: Double] = [:]
        var pendingTotals: [(FieldRow, Cell?, CellPlace)] = []
        for row in block.rows {
            guard let bind = row.bind else { continue }
            let subject = bind.description
            guard let label = reader.labelledRow(row.label, in: rows) else {
                report(.workbookSection, subject, sheet.name, A1Address.of(row: rows.lowerBound, col: 0),
                       "The row '\(row.label)' of \(sheet.name) was not found, so \(PlainName.of(subject)) could not be read")
                continue
            }
            let firstValueCol = reader.mergeEnd(label.row, label.col) + 1
            let filled = sheet.cells(inRow: label.row).filter { $0.col >= firstValueCol && SheetReader.isFilled($0) }
            let cell = filled.first
            for extra in filled.dropFirst() where reader.sheet.mergedRange(containing: extra.row, extra.col) == nil {
                report(.workbookUnexpected, subject, sheet.name, extra.address,
                       "\(sheet.name)!\(extra.address) holds '\(extra.displayText ?? "")' beside \(PlainName.of(subject)), outside the template's cells; it is not read")
            }
            let place = CellPlace(sheet: sheet.name, cell: cell?.address ?? A1Address.of(row: label.row, col: firstValueCol))
            if row.formula != nil && cell?.formula != nil {
                pendingTotals.append((row, cell, place))
                continue
            }
            if let id = row.id, let n = Self.numeric(cell) { numbers[id] = n }
            set(bind.segments, in: builder.root, entry: entry(cell, type: bind.type, place: place, subject: subject), place: place, subject: subject)
        }
        // A total the template still calculates is the calculation over the values read.
        for (row, _, place) in pendingTotals {
            guard let bind = row.bind, let formula = row.formula else { continue }
            var value: Double?
            switch formula {
            case .sum(let ids):
                let read = ids.compactMap { numbers[$0] }
                value = read.isEmpty ? nil : read.reduce(0, +)
            case .minus(let a, let b): if let x = numbers[a], let y = numbers[b] { value = x - y }
            }
            let computed = value
            let entry: DocumentBuilder.Entry = computed.map { .scalar(YAMLNode(content: .scalar(CellCodec.number($0), .plain), cell: place)) } ?? .scalar(null(place))
            if let id = row.id, let computed { numbers[id] = computed }
            set(bind.segments, in: builder.root, entry: entry, place: place, subject: bind.description)
        }
    }
}
