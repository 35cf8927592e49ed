import Foundation
import PlanModel

/// A problem found in a rule file, with where it is and how to show it.
public struct Diagnostic: Sendable, Hashable {
    public enum Level: String, Sendable { case error, warning, note }

    public var level: Level
    public var message: String
    public var file: String
    /// 1-based line and column of the first character at fault.
    public var line: Int
    public var column: Int
    /// How many characters the caret underlines (at least 1).
    public var length: Int
    /// Further lines printed after the excerpt, e.g. "note: first defined at …".
    public var notes: [String]

    public init(_ level: Level, _ message: String, file: String, line: Int, column: Int, length: Int = 1, notes: [String] = []) {
        self.level = level; self.message = message; self.file = file
        self.line = line; self.column = column; self.length = max(1, length); self.notes = notes
    }

    public init(_ level: Level, _ message: String, at range: SourceRange, notes: [String] = []) {
        self.init(level, message, file: range.file, line: range.line, column: range.column, length: range.length, notes: notes)
    }
}

/// Where a piece of rule source is: file, 1-based line and column, length in characters on that line.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var length: Int

    public init(file: String, line: Int, column: Int, length: Int) {
        self.file = file; self.line = line; self.column = column; self.length = length
    }

    public var description: String { "\(file):\(line):\(column)" }

    /// The range from the start of `self` to the end of `other` when both are on one line; else `self`.
    public func through(_ other: SourceRange) -> SourceRange {
        guard other.line == line, other.column + other.length >= column else { return self }
        return SourceRange(file: file, line: line, column: column, length: other.column + other.length - column)
    }
}

/// Renders diagnostics the way compilers do: `file:line:col: error: message`, the source line, a caret.
public enum DiagnosticRenderer {
    /// Renders one diagnostic against the text of its file (`source`), without colour.
    public static func render(_ d: Diagnostic, source: String?) -> String {
        var out = "\(d.file):\(d.line):\(d.column): \(d.level.rawValue): \(d.message)\n"
        if let source, let text = line(d.line, of: source) {
            let number = String(d.line)
            let gutter = String(repeating: " ", count: number.count)
            let expanded = text.replacingTabs
            out += " \(number) | \(expanded)\n"
            let prefix = String(expanded.prefix(max(0, d.column - 1)))
            let pad = String(prefix.map { $0 == "\t" ? "\t" : " " })
            let available = max(1, expanded.count - (d.column - 1))
            let width = min(d.length, available)
            out += " \(gutter) | \(pad)^" + String(repeating: "~", count: max(0, width - 1)) + "\n"
        }
        for note in d.notes { out += "note: \(note)\n" }
        return out
    }

    /// Renders many diagnostics in order, then a count line ("2 errors in 1 file").
    public static func renderAll(_ ds: [Diagnostic], sources: [String: String]) -> String {
        var out = ""
        for d in ds { out += render(d, source: sources[d.file]) }
        let errors = ds.filter { $0.level == .error }.count
        let warnings = ds.filter { $0.level == .warning }.count
        let files = Set(ds.map(\.file)).count
        var parts: [String] = []
        if errors > 0 { parts.append(errors == 1 ? "1 error" : "\(errors) errors") }
        if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        if !parts.isEmpty { out += parts.joined(separator: " and ") + " in \(files) file" + (files == 1 ? "" : "s") + "\n" }
        return out
    }

    static func line(_ n: Int, of source: String) -> String? {
        let source = source.normalisingLineEndings
        var current = 1
        var start = source.startIndex
        var i = source.startIndex
        while i < source.endIndex {
            if source[i] == "\n" {
                if current == n { return String(source[start..<i]) }
                current += 1
                start = source.index(after: i)
            }
            i = source.index(after: i)
        }
        return current == n ? String(source[start..<source.endIndex]) : nil
    }
}

extension String {
    /// The text with CRLF and lone CR line endings turned into LF.
    public var normalisingLineEndings: String {
        guard contains("\r") || contains("\r\n") else { return self }
        return replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    var replacingTabs: String { String(map { $0 == "\t" ? " " : $0 }) }
}

/// Orders diagnostics by file, line, column for stable output.
public func diagnosticOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
    (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
}
