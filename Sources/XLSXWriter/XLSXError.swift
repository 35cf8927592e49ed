import CXlsxWriter

/// An error from writing a workbook: a libxlsxwriter `lxw_error` or a failed validation in this layer.
public struct XLSXError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The `lxw_error` number when the C library reported the failure; `nil` for this layer's own checks.
    public let code: Int32?
    /// `lxw_strerror`'s text, or this layer's own explanation.
    public let message: String
    /// The worksheet the failing call was for, if any.
    public let sheet: String?
    /// The A1 address or range of the failing cell call, if any.
    public let cell: String?
    /// The destination file, for workbook-level failures (creating, closing, renaming).
    public let path: String?

    /// Creates an error; every context field is optional.
    public init(code: Int32? = nil, message: String, sheet: String? = nil, cell: String? = nil, path: String? = nil) {
        self.code = code
        self.message = message
        self.sheet = sheet
        self.cell = cell
        self.path = path
    }

    /// One line: `'NE Planning'!C14: message`, `Summary: message` or `/out/plan.xlsx: message`.
    public var description: String {
        if let sheet {
            let place = A1.quotedSheet(sheet) + (cell.map { "!" + $0 } ?? "")
            return "\(place): \(message)"
        }
        if let cell { return "\(cell): \(message)" }
        if let path { return "\(path): \(message)" }
        return message
    }

    /// Builds the error for a C library failure, with `lxw_strerror`'s message.
    static func lxw(_ err: lxw_error, sheet: String? = nil, cell: String? = nil, path: String? = nil) -> XLSXError {
        let text = lxw_strerror(err).map { String(cString: $0) } ?? "libxlsxwriter error \(err.rawValue)"
        return XLSXError(code: Int32(bitPattern: err.rawValue), message: text, sheet: sheet, cell: cell, path: path)
    }

    /// The error every call on a closed (or discarded) workbook gets.
    static func closed(sheet: String? = nil, path: String? = nil) -> XLSXError {
        XLSXError(message: "workbook already closed", sheet: sheet, path: path)
    }
}
