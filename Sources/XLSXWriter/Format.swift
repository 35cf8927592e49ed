import CXlsxWriter

/// A cell format owned by one workbook; get it from `XLSXWorkbook.format(_:)` and pass it to writes.
public final class XLSXFormat {
    /// The style this format was made from.
    public let style: CellStyle
    let handle: UnsafeMutablePointer<lxw_format>?
    /// Why this style cannot be used (invalid style, or the workbook was closed); thrown by writes using it.
    let problem: String?
    weak var owner: XLSXWorkbook?

    init(style: CellStyle, handle: UnsafeMutablePointer<lxw_format>?, problem: String?, owner: XLSXWorkbook) {
        self.style = style
        self.handle = handle
        self.problem = problem
        self.owner = owner
    }

    /// Sets the C format's properties from a style (the style must have been checked).
    static func apply(_ s: CellStyle, to f: UnsafeMutablePointer<lxw_format>) {
        if s.bold { format_set_bold(f) }
        if s.italic { format_set_italic(f) }
        if s.underline { format_set_underline(f, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let size = s.fontSize { format_set_font_size(f, size) }
        if let name = s.fontName { format_set_font_name(f, name) }
        if let c = s.fontColor { format_set_font_color(f, color(c)) }
        if let c = s.fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, color(c))
        }
        if let nf = s.numberFormat { format_set_num_format(f, nf) }
        if s.wrap { format_set_text_wrap(f) }
        switch s.horizontal {
        case .general: break
        case .left: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        switch s.vertical {
        case .top: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        }
        switch s.border {
        case .none: break
        case .thin: format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
        case .medium: format_set_border(f, UInt8(LXW_BORDER_MEDIUM.rawValue))
        case .thick: format_set_border(f, UInt8(LXW_BORDER_THICK.rawValue))
        }
        if let c = s.borderColor, s.border != .none { format_set_border_color(f, color(c)) }
        if !s.locked { format_set_unlocked(f) }
        if s.indent > 0 { format_set_indent(f, UInt8(s.indent)) }
    }

    /// libxlsxwriter reads 0x000000 as "unset", so black needs its own constant.
    static func color(_ rgb: UInt32) -> lxw_color_t {
        rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(rgb)
    }
}
