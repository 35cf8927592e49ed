import PlanModel

/// A submission workbook described as data (`Templates/workbook.yaml` and its sheet files).
public struct WorkbookSpec: Sendable {
    public let id: String
    public let version: String
    public let title: String
    public let sheets: [SheetSpec]
    /// The folder the spec was loaded from.
    public let folder: String
}

/// One sheet: a title, column widths and blocks laid out top to bottom.
public struct SheetSpec: Sendable {
    public let name: String
    /// The file name (without extension) when sheets are written to separate workbooks.
    public let fileStem: String
    /// True for the official Annex A / Annex C templates; false for supplementary sheets.
    public let isTemplate: Bool
    public let title: String
    public let subtitle: String?
    public let widths: [Double]
    public let blocks: [BlockSpec]
    /// The spec file, for messages.
    public let source: String
}

/// A block of rows on a sheet.
public enum BlockSpec: Sendable {
    case fields(FieldsBlock)
    case table(TableBlock)

    /// The defined name the block carries in written workbooks.
    public var name: String {
        switch self {
        case .fields(let f): return f.name
        case .table(let t): return t.name
        }
    }

    public var heading: String? {
        switch self {
        case .fields(let f): return f.heading
        case .table(let t): return t.heading
        }
    }
}

/// Label / value rows: a header block, a narrative, a record's fields.
public struct FieldsBlock: Sendable {
    public let name: String
    public let heading: String?
    public let note: String?
    public let rows: [FieldRow]
    /// Columns the labels span (the value is in the next); nil: two on wide sheets, one on narrow ones.
    public let labelColumns: Int?
}

/// One labelled row of a fields block.
public struct FieldRow: Sendable {
    /// The id formulas use to refer to this row's value cell.
    public let id: String?
    public let label: String
    /// The plan field in the value cell (nil for a calculated row).
    public let bind: PlanPath?
    /// A calculation: the value cell holds it as a formula (or, when the plan states another figure, that figure).
    public let formula: Formula?
    /// The value cell spans every column to the sheet's last.
    public let span: Bool
    /// Row height in points, for long text.
    public let height: Double?
    /// A number format for the value cell ("0.0#", "#,##0"); nil: the type's own.
    public let format: String?
}

/// A calculation over cells other rows or totals name by id.
public enum Formula: Sendable, Equatable {
    case sum([String])
    case minus(String, String)

    public var operands: [String] {
        switch self {
        case .sum(let ids): return ids
        case .minus(let a, let b): return [a, b]
        }
    }
}

/// Rows bound to a plan list: one row (or block of rows) per element.
public struct TableBlock: Sendable {
    public let name: String
    public let heading: String?
    public let note: String?
    /// The plan list the rows hold.
    public let list: PlanPath
    /// The element schema and its id field.
    public let element: RecordSchema
    public let keyField: String?
    /// Fixed rows from a catalogue table, in its order (Section 2's requirement rows).
    public let catalogueRows: CatalogueRows?
    /// Holds the elements of `list` that earlier tables of the same list did not place.
    public let rest: Bool
    /// Empty rows to leave for additions.
    public let blank: Int
    /// Keys prefilled in the first blank rows of an empty table (sign-off rows for each partner type).
    public let blankKeys: [String]
    public let columns: [ColumnSpec]
    /// The child list spread over extra rows (`items` of a costing, `capacity` of a provider).
    public let child: ChildList?
    /// The net total row under each element's child rows.
    public let net: NetSpec?
    public let total: TotalSpec?
}

/// Fixed rows taken from a catalogue table.
public struct CatalogueRows: Sendable {
    public let table: String
    public let filter: [(field: String, value: String)]
    /// The catalogue field holding the row's key (its `id`).
    public let keyField: String
}

/// A column of a table.
public struct ColumnSpec: Sendable {
    public let header: String
    /// A heading over several adjacent columns ("Lead Accountable Officer").
    public let group: String?
    public let content: ColumnContent
    /// A number format for the column's cells ("0.0#" for WTE); nil: the type's own.
    public let format: String?
}

/// What a column shows.
public enum ColumnContent: Sendable {
    /// A field of the element (`lead.email`) or of its child list's elements (`items[].amount`).
    case field(ElementField)
    /// A field of the row's catalogue entry, shown and never read back.
    case catalogue(String)
    /// A field of the element of another list whose id is this row's key, shown and never read back.
    case lookup(list: PlanPath, field: String)

    public var elementField: ElementField? { if case .field(let f) = self { return f } else { return nil } }
}

/// A field path inside a table's element: `summary`, `lead.email`, or a child list's `items[].amount`.
public struct ElementField: Sendable {
    /// The field path below the element (or below the child element when `inChild`).
    public let path: [String]
    public let inChild: Bool
    public let type: FieldType
    /// The spelling in the spec (`items[].amount`), how totals name the column.
    public let spelling: String
}

/// The child list of a table's elements: its field name and element schema.
public struct ChildList: Sendable {
    public let field: String
    public let element: RecordSchema
}

/// The net row after each element's child rows.
public struct NetSpec: Sendable {
    public let label: String
    /// The element field holding the stated net (money).
    public let field: String
}

/// The total row at the foot of a table.
public struct TotalSpec: Sendable {
    public let id: String?
    public let label: String
    /// The columns summed, by their spelling.
    public let sums: [String]
    /// Plan fields holding a stated total, by column spelling.
    public let binds: [String: PlanPath]
}
