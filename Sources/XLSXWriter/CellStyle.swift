/// Horizontal alignment of a cell's content.
public enum HAlign: Hashable, Sendable {
    case general, left, center, right
}

/// Vertical alignment of a cell's content.
public enum VAlign: Hashable, Sendable {
    case top, center, bottom
}

/// A border drawn on all four sides of a cell.
public enum Border: Hashable, Sendable {
    case none, thin, medium, thick
}

/// Everything about how a cell looks; turned into a workbook format with `XLSXWorkbook.format(_:)`.
public struct CellStyle: Hashable, Sendable {
    /// Bold font.
    public var bold: Bool
    /// Italic font.
    public var italic: Bool
    /// Single underline.
    public var underline: Bool
    /// Font size in points (1...409); nil keeps the workbook default (11).
    public var fontSize: Double?
    /// Font name (at most 31 characters); nil keeps the default (Calibri).
    public var fontName: String?
    /// Font colour as 0xRRGGBB.
    public var fontColor: UInt32?
    /// Solid background colour as 0xRRGGBB.
    public var fill: UInt32?
    /// Excel number format, e.g. "£#,##0", "dd/mm/yyyy", "0.0", "@".
    public var numberFormat: String?
    /// Wrap text within the cell.
    public var wrap: Bool
    /// Horizontal alignment.
    public var horizontal: HAlign
    /// Vertical alignment (default top, unlike Excel's bottom).
    public var vertical: VAlign
    /// Border on all four sides.
    public var border: Border
    /// Border colour as 0xRRGGBB; nil is automatic (black).
    public var borderColor: UInt32?
    /// False marks an input cell: editable when the sheet is protected.
    public var locked: Bool
    /// Indent level (0...15).
    public var indent: Int

    /// Creates a style; every property has the plain-cell default.
    public init(bold: Bool = false, italic: Bool = false, underline: Bool = false,
                fontSize: Double? = nil, fontName: String? = nil, fontColor: UInt32? = nil,
                fill: UInt32? = nil, numberFormat: String? = nil, wrap: Bool = false,
                horizontal: HAlign = .general, vertical: VAlign = .top,
                border: Border = .none, borderColor: UInt32? = nil,
                locked: Bool = true, indent: Int = 0) {
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontSize = fontSize
        self.fontName = fontName
        self.fontColor = fontColor
        self.fill = fill
        self.numberFormat = numberFormat
        self.wrap = wrap
        self.horizontal = horizontal
        self.vertical = vertical
        self.border = border
        self.borderColor = borderColor
        self.locked = locked
        self.indent = indent
    }

    /// The first problem that would make libxlsxwriter truncate or misread this style, if any.
    var problem: String? {
        if let size = fontSize, !(size.isFinite && size >= 1 && size <= 409) {
            return "font size \(size) is outside 1...409"
        }
        if let name = fontName {
            if name.isEmpty || name.utf16.count > 31 { return "font name must be 1 to 31 characters" }
            if name.utf8.contains(0) { return "font name contains a NUL character" }
        }
        for (label, color) in [("font colour", fontColor), ("fill colour", fill), ("border colour", borderColor)] {
            if let c = color, c > 0xFF_FFFF { return "\(label) \(String(c, radix: 16)) is not 0xRRGGBB" }
        }
        if let fmt = numberFormat {
            // libxlsxwriter 1.1.4 silently truncates number formats at 127 bytes.
            if fmt.isEmpty || fmt.utf8.count > 127 { return "number format must be 1 to 127 UTF-8 bytes" }
            if fmt.utf8.contains(0) { return "number format contains a NUL character" }
        }
        if !(0...15).contains(indent) { return "indent \(indent) is outside 0...15" }
        return nil
    }
}
