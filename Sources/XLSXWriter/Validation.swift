import CXlsxWriter

/// A calendar date (no time) for cells and date validations; valid from 1900-03-01 to 9999-12-31.
/// (Excel's serials for Jan–Feb 1900 count its phantom 1900-02-29 and read a day early in LibreOffice.)
public struct CalendarDate: Hashable, Sendable {
    /// Year, 1900...9999.
    public var year: Int
    /// Month, 1...12.
    public var month: Int
    /// Day of the month.
    public var day: Int

    /// Creates a date; it is checked where it is used.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Why this date cannot be written to Excel, if it cannot.
    var problem: String? {
        guard (1900...9999).contains(year) else { return "year \(year) is outside 1900...9999" }
        guard (1...12).contains(month) else { return "month \(month) is outside 1...12" }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else {
            return "day \(day) does not exist in \(year)-\(month < 10 ? "0" : "")\(month)"
        }
        if year == 1900 && month < 3 {
            return "dates before 1900-03-01 read differently in Excel and LibreOffice"
        }
        return nil
    }

    var lxw: lxw_datetime {
        lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
    }
}

/// A data-validation rule for a cell range: a drop-down list, a number or date range, a text length or a formula.
public struct Validation: Sendable {
    /// What Excel does when a typed value breaks the rule.
    public enum ErrorStyle: Sendable { case stop, warning, information }

    enum Kind: Sendable {
        case list([String])
        case listSource(String)
        case integer(Int, Int)
        case decimal(Double, Double)
        case date(CalendarDate, CalendarDate)
        case textLength(Int, Int)
        case custom(String)
    }

    let kind: Kind
    /// Title of the prompt shown when the cell is selected (at most 32 characters).
    public var inputTitle: String?
    /// Text of that prompt (at most 255 characters).
    public var inputMessage: String?
    /// Title of the error box (at most 32 characters).
    public var errorTitle: String?
    /// Text of the error box (at most 255 characters).
    public var errorMessage: String?
    /// Blank cells pass the rule.
    public var ignoreBlank: Bool
    /// What happens on a bad entry.
    public var errorStyle: ErrorStyle = .stop
    /// Show the in-cell drop-down arrow (lists only).
    public var dropdown: Bool = true

    init(_ kind: Kind, _ inputTitle: String?, _ inputMessage: String?, _ errorTitle: String?,
         _ errorMessage: String?, _ ignoreBlank: Bool) {
        self.kind = kind
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
        self.ignoreBlank = ignoreBlank
    }

    /// A drop-down of literal values: at most 255 items, no commas or double quotes, ≤255 UTF-8 bytes joined with commas.
    /// For longer lists put the values in cells and use `listSource(_:)`.
    public static func list(_ values: [String], inputTitle: String? = nil, inputMessage: String? = nil,
                            errorTitle: String? = nil, errorMessage: String? = nil, ignoreBlank: Bool = true) -> Validation {
        Validation(.list(values), inputTitle, inputMessage, errorTitle, errorMessage, ignoreBlank)
    }

    /// A drop-down whose values come from a range or defined name, e.g. "=Lists!$A$1:$A$40" or "=Trusts".
    /// (libxlsxwriter 1.1.4 leaks 16 bytes per such validation; harmless for template-sized workbooks.)
    public static func listSource(_ formula: String, inputTitle: String? = nil, inputMessage: String? = nil,
                                  errorTitle: String? = nil, errorMessage: String? = nil, ignoreBlank: Bool = true) -> Validation {
        Validation(.listSource(formula), inputTitle, inputMessage, errorTitle, errorMessage, ignoreBlank)
    }

    /// A whole number between `min` and `max` inclusive.
    public static func integer(min: Int, max: Int, inputTitle: String? = nil, inputMessage: String? = nil,
                               errorTitle: String? = nil, errorMessage: String? = nil, ignoreBlank: Bool = true) -> Validation {
        Validation(.integer(min, max), inputTitle, inputMessage, errorTitle, errorMessage, ignoreBlank)
    }

    /// A number between `min` and `max` inclusive.
    public static func decimal(min: Double, max: Double, inputTitle: String? = nil, inputMessage: String? = nil,
                               errorTitle: String? = nil, errorMessage: String? = nil, ignoreBlank: Bool = true) -> Validation {
        Validation(.decimal(min, max), inputTitle, inputMessage, errorTitle, errorMessage, ignoreBlank)
    }

    /// A date between `min` and `max` inclusive.
    public static func date(min: CalendarDate, max: CalendarDate, inputTitle: String? = nil, inputMessage: String? = nil,
                            errorTitle: String? = nil, errorMessage: String? = nil, ignoreBlank: Bool = true) -> Validation {
        Validation(.date(min, max), inputTitle, inputMessage, errorTitle, errorMessage, ignoreBlank)
    }

    /// Text whose length is between `min` and `max` characters inclusive.
    public static func textLength(min: Int, max: Int, inputTitle: String? = nil, inputMessage: String? = nil,
                                  errorTitle: String? = nil, errorMessage: String? = nil, ignoreBlank: Bool = true) -> Validation {
        Validation(.textLength(min, max), inputTitle, inputMessage, errorTitle, errorMessage, ignoreBlank)
    }

    /// Any entry for which `formula` (relative to the top-left cell) is true, e.g. "=ISNUMBER(B2)".
    public static func custom(_ formula: String, inputTitle: String? = nil, inputMessage: String? = nil,
                              errorTitle: String? = nil, errorMessage: String? = nil, ignoreBlank: Bool = true) -> Validation {
        Validation(.custom(formula), inputTitle, inputMessage, errorTitle, errorMessage, ignoreBlank)
    }

    /// The first reason this rule must not reach libxlsxwriter 1.1.4 (which crashes or hangs on some of them).
    var problem: String? {
        func bad(_ s: String?, _ label: String, _ max: Int) -> String? {
            guard let s else { return nil }
            if s.utf8.contains(0) { return "\(label) contains a NUL character" }
            if s.unicodeScalars.count > max { return "\(label) is longer than \(max) characters" }
            return nil
        }
        if let p = bad(inputTitle, "validation input title", 32) ?? bad(inputMessage, "validation input message", 255)
            ?? bad(errorTitle, "validation error title", 32) ?? bad(errorMessage, "validation error message", 255) {
            return p
        }
        switch kind {
        case .list(let values):
            if values.isEmpty { return "validation list is empty" }
            if values.count > 255 { return "validation list has \(values.count) items (at most 255); use listSource with a range" }
            for v in values {
                if v.isEmpty { return "validation list has an empty item" }
                if v.contains(",") { return "validation list item \"\(v)\" contains a comma; use listSource with a range" }
                if v.contains("\"") { return "validation list item \(v) contains a double quote" }
                if v.utf8.contains(0) { return "validation list item contains a NUL character" }
            }
            let bytes = values.reduce(0) { $0 + $1.utf8.count } + values.count - 1
            if bytes > 255 {
                return "validation list is \(bytes) UTF-8 bytes joined with commas (at most 255); use listSource with a range"
            }
        case .listSource(let f), .custom(let f):
            let body = f.hasPrefix("=") ? String(f.dropFirst()) : f
            if body.isEmpty { return "validation formula is empty" }
            if f.utf8.contains(0) { return "validation formula contains a NUL character" }
            if f.unicodeScalars.count > 255 { return "validation formula is longer than 255 characters" }
        case .integer(let lo, let hi), .textLength(let lo, let hi):
            if lo > hi { return "validation minimum \(lo) is above maximum \(hi)" }
            if case .textLength = kind, lo < 0 { return "validation text length minimum is negative" }
            if Double(lo).magnitude > 1e15 || Double(hi).magnitude > 1e15 { return "validation bounds are too large" }
        case .decimal(let lo, let hi):
            if !lo.isFinite || !hi.isFinite { return "validation bounds must be finite numbers" }
            if lo > hi { return "validation minimum \(lo) is above maximum \(hi)" }
        case .date(let lo, let hi):
            if let p = lo.problem ?? hi.problem { return "validation date: " + p }
            if (lo.year, lo.month, lo.day) > (hi.year, hi.month, hi.day) { return "validation start date is after end date" }
        }
        return nil
    }
}
