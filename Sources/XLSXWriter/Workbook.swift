import CXlsxWriter
import Foundation

/// An .xlsx workbook being written; the file appears at `path` only when `close()` succeeds.
///
/// Writes atomically: everything goes to `.<name>.tmp-<pid>-<n>` in the destination's folder;
/// `close()` writes it (one workbook at a time process-wide), fsyncs, renames it over `path` and
/// fsyncs the folder. On any failure the temporary file is removed and an existing file at `path`
/// is left untouched. A workbook dropped without `close()` is discarded. Not thread-safe: use one
/// workbook from one thread at a time (different workbooks may be filled in parallel).
public final class XLSXWorkbook {
    /// The destination file.
    public let path: String
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private let destination: AtomicDestination
    private var formats: [CellStyle: XLSXFormat] = [:]
    private var sheetKeys: Set<String> = []
    private var nameKeys: Set<String> = []
    private var closeError: XLSXError?
    /// The sheet names in the order they were added.
    public private(set) var sheetNames: [String] = []
    /// True once `close()` has run (successfully or not).
    public var isClosed: Bool { handle == nil }

    /// Starts a workbook for `path`; throws if its folder does not exist or cannot be written.
    public init(path: String, properties: DocumentProperties? = nil) throws {
        self.path = path
        destination = try AtomicDestination(path: path)
        handle = destination.tempPath.withCString { workbook_new($0) }
        guard handle != nil else {
            destination.discard()
            throw XLSXError(message: "libxlsxwriter could not create a workbook", path: path)
        }
        if let properties {
            do { try setProperties(properties) } catch { discard(); throw error }
        }
    }

    deinit {
        discard()
    }

    /// Frees the C workbook without writing it and removes the temporary file.
    private func discard() {
        if let h = handle {
            handle = nil
            lxw_workbook_free(h)
        }
        destination.discard()
    }

    /// The live C handle, or the "workbook already closed" error.
    func live(sheet: String? = nil) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let h = handle else { throw XLSXError.closed(sheet: sheet, path: path) }
        return h
    }

    private func setProperties(_ p: DocumentProperties) throws {
        let h = try live()
        let strings = CStrings()
        defer { strings.free() }
        var props = lxw_doc_properties()
        props.title = try strings.dup(p.title, "title")
        props.subject = try strings.dup(p.subject, "subject")
        props.author = try strings.dup(p.author, "author")
        props.manager = try strings.dup(p.manager, "manager")
        props.company = try strings.dup(p.company, "company")
        props.category = try strings.dup(p.category, "category")
        props.keywords = try strings.dup(p.keywords, "keywords")
        props.comments = try strings.dup(p.comments, "comments")
        if let created = p.created {
            let seconds = created.timeIntervalSince1970.rounded(.down)
            guard seconds.isFinite, seconds >= 0, seconds < 253_402_300_800 else {
                throw XLSXError(message: "created date is outside 1970...9999", path: path)
            }
            props.created = time_t(seconds)
        }
        let err = CRuntime.cLocale { workbook_set_properties(h, &props) }
        if err != LXW_NO_ERROR { throw XLSXError.lxw(err, path: path) }
    }

    /// Adds a worksheet. Names are 1–31 characters, none of `[]:*?/\`, not starting or ending with `'`,
    /// not "History", and unique ignoring case.
    public func addWorksheet(_ name: String) throws -> XLSXWorksheet {
        let h = try live(sheet: name)
        if let problem = Names.sheetNameProblem(name) {
            throw XLSXError(message: problem, sheet: name)
        }
        let key = Names.key(name)
        guard !sheetKeys.contains(key) else {
            throw XLSXError(message: "a sheet with this name already exists (names ignore case)", sheet: name)
        }
        guard let ws = name.withCString({ workbook_add_worksheet(h, $0) }) else {
            throw XLSXError(message: "libxlsxwriter refused the worksheet", sheet: name)
        }
        sheetKeys.insert(key)
        sheetNames.append(name)
        return XLSXWorksheet(name: name, handle: ws, workbook: self)
    }

    /// The format for a style; the same style always returns the same format.
    /// An invalid style (or a closed workbook) gives a format that makes every write using it throw.
    public func format(_ style: CellStyle) -> XLSXFormat {
        if let cached = formats[style] { return cached }
        let made: XLSXFormat
        if let problem = style.problem {
            made = XLSXFormat(style: style, handle: nil, problem: "invalid cell style: " + problem, owner: self)
        } else if let h = handle {
            if let f = workbook_add_format(h) {
                CRuntime.cLocale { XLSXFormat.apply(style, to: f) }
                made = XLSXFormat(style: style, handle: f, problem: nil, owner: self)
            } else {
                made = XLSXFormat(style: style, handle: nil, problem: "libxlsxwriter could not create a format", owner: self)
            }
        } else {
            return XLSXFormat(style: style, handle: nil, problem: "workbook already closed", owner: self)
        }
        formats[style] = made
        return made
    }

    /// Defines a workbook name ("Total") or a sheet-local one ("'NE Planning'!Total") referring to `formula`,
    /// e.g. "='NE Planning'!$C$14". Names follow Excel's rules (checked here; the C library does not).
    public func defineName(_ name: String, refersTo formula: String) throws {
        let h = try live()
        var local = name
        var scopeKey = ""
        if let bang = name.lastIndex(of: "!") {
            var sheet = String(name[..<bang])
            local = String(name[name.index(after: bang)...])
            if sheet.count >= 2, sheet.hasPrefix("'"), sheet.hasSuffix("'") {
                sheet = String(sheet.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
            }
            guard sheetKeys.contains(Names.key(sheet)) else {
                throw XLSXError(message: "defined name \(name): no sheet named \(sheet)", path: path)
            }
            scopeKey = Names.key(sheet) + "!"
        }
        if let problem = Names.definedNameProblem(local) {
            throw XLSXError(message: "defined name \(name): \(problem)", path: path)
        }
        let body = formula.hasPrefix("=") ? formula.dropFirst() : Substring(formula)
        guard !body.isEmpty, !formula.utf8.contains(0), formula.utf16.count <= 8192 else {
            throw XLSXError(message: "defined name \(name): the formula must be 1 to 8192 characters", path: path)
        }
        let key = scopeKey + Names.key(local)
        guard !nameKeys.contains(key) else {
            throw XLSXError(message: "defined name \(name) is already defined (names ignore case)", path: path)
        }
        let err = CRuntime.cLocale { workbook_define_name(h, name, formula) }
        if err != LXW_NO_ERROR { throw XLSXError.lxw(err, path: path) }
        nameKeys.insert(key)
    }

    /// Sets a custom document property with a text value (name and value at most 255 characters).
    public func setCustomProperty(_ name: String, _ value: String) throws {
        let h = try live()
        try checkCustomName(name)
        guard !value.isEmpty, value.unicodeScalars.count <= 255, !value.utf8.contains(0) else {
            throw XLSXError(message: "custom property \(name): the value must be 1 to 255 characters", path: path)
        }
        let err = CRuntime.cLocale { workbook_set_custom_property_string(h, name, value) }
        if err != LXW_NO_ERROR { throw XLSXError.lxw(err, path: path) }
    }

    /// Sets a custom document property with a number value (finite).
    public func setCustomProperty(_ name: String, number: Double) throws {
        let h = try live()
        try checkCustomName(name)
        guard number.isFinite else {
            throw XLSXError(message: "custom property \(name): the number must be finite", path: path)
        }
        let err = CRuntime.cLocale { workbook_set_custom_property_number(h, name, number) }
        if err != LXW_NO_ERROR { throw XLSXError.lxw(err, path: path) }
    }

    /// Sets a custom document property with a yes/no value.
    public func setCustomProperty(_ name: String, bool: Bool) throws {
        let h = try live()
        try checkCustomName(name)
        let err = CRuntime.cLocale { workbook_set_custom_property_boolean(h, name, bool ? 1 : 0) }
        if err != LXW_NO_ERROR { throw XLSXError.lxw(err, path: path) }
    }

    private func checkCustomName(_ name: String) throws {
        guard !name.isEmpty, name.unicodeScalars.count <= 255, !name.utf8.contains(0) else {
            throw XLSXError(message: "custom property names must be 1 to 255 characters", path: path)
        }
    }

    /// Writes the file and moves it into place. Calling it again after success does nothing;
    /// after a failure it throws that failure again. Every other call on a closed workbook throws.
    public func close() throws {
        guard let h = handle else {
            if let closeError { throw closeError }
            return
        }
        handle = nil
        // workbook_close frees the workbook whether or not it succeeds.
        CRuntime.closeLock.lock()
        let err = CRuntime.cLocale { workbook_close(h) }
        CRuntime.closeLock.unlock()
        do {
            if err != LXW_NO_ERROR { throw XLSXError.lxw(err, path: path) }
            try destination.commit()
        } catch {
            destination.discard()
            let failure = error as? XLSXError ?? XLSXError(message: "\(error)", path: path)
            closeError = failure
            throw failure
        }
    }
}

/// C strings kept alive for one C call, then freed.
final class CStrings {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    /// A malloc'd copy of `s` (nil stays nil); throws if it contains NUL.
    func dup(_ s: String?, _ label: String) throws -> UnsafeMutablePointer<CChar>? {
        guard let s else { return nil }
        guard !s.utf8.contains(0) else { throw XLSXError(message: "\(label) contains a NUL character") }
        guard let p = strdup(s) else { throw XLSXError(message: "out of memory") }
        pointers.append(p)
        return p
    }

    /// Frees every copy.
    func free() {
        for p in pointers { Foundation.free(p) }
        pointers.removeAll()
    }
}
