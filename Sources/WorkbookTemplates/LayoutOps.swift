import PlanModel

/// What a sheet layout asks the writer to put in one cell.
enum CellContent: Equatable {
    case blank
    case text(String)
    case number(Double)
    case date(Day)
    /// A formula and its result, which is written as the cached value.
    case formula(String, cached: Double)
}

/// The look of a cell; `Styles` maps each to a libxlsxwriter format.
enum StyleKey: Hashable {
    case title, subtitle, heading, note, groupHeader, header
    case label, labelTotal
    case catalogueText, keyInput
    case inputText, inputMoney, inputMoneyPence, inputNumber, inputDate
    /// A number input with the spec's own number format.
    case inputFormatted(String)
    case totalMoney, totalNumber
    /// The net of an empty template group: a formula whose zero is not shown.
    case totalMoneyQuiet
    case blankLocked
    // Findings sheet
    case statusRed, statusAmber, statusGreen, findingText, findingError, findingWarning, findingInfo, link
}

/// One cell to write.
struct CellOp {
    let row: Int
    let col: Int
    let content: CellContent
    let style: StyleKey
}

/// A merged range with its text and style.
struct MergeOp {
    let firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int
    let text: String
    let style: StyleKey
}

/// A dropdown list on a range of input cells.
struct ListValidationOp {
    let firstRow: Int, col: Int, lastRow: Int
    let words: [String]
    let prompt: String
}

/// Everything one sheet needs, laid out: cells, merges, heights, validations, names.
struct SheetLayout {
    let spec: SheetSpec
    var cells: [CellOp] = []
    var merges: [MergeOp] = []
    var heights: [Int: Double] = [:]
    var validations: [ListValidationOp] = []
    /// Defined names and the ranges they cover (0-based, inclusive).
    var names: [(name: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int)] = []
    /// The last header row of the sheet's first table, when the sheet starts with one: panes freeze below it.
    var firstTableHeader: Int?
    /// Where each subject path was written, for findings links.
    var places: [String: String] = [:]
    var lastColumn: Int { max(spec.widths.count - 1, 1) }
}

/// The written text of amounts, dates and lists, and the reverse, shared by fill and extract.
enum CellText {
    /// List items are one per line in their cell.
    static let listSeparator = "\n"
}
