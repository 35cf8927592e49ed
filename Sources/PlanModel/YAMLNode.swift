/// A node of a composed YAML document: the raw tree, before the plan schema gives it meaning.
///
/// Aliases are resolved by sharing: an alias node is the very node its anchor named, so a
/// document's *expanded* size can be far larger than its node count. `YAMLComposer` refuses
/// documents whose expanded size passes `YAMLLimits.maxExpandedNodes`.
public final class YAMLNode: @unchecked Sendable {
    public enum Content {
        case scalar(String, ScalarStyle)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    public enum ScalarStyle: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }

    public let content: Content
    /// Where the node starts (1-based line and column).
    public let line: Int
    public let column: Int
    /// An explicit tag such as `!replace`, as written (nil when the node has none or only the default).
    public let tag: String?
    /// The number of nodes this node stands for once every alias below it is expanded (itself included).
    public let expandedSize: Int
    /// For a node read from a workbook rather than a text file: the sheet and cell it came from.
    public let cell: CellPlace?

    public init(content: Content, line: Int, column: Int, tag: String?, expandedSize: Int) {
        self.content = content; self.line = line; self.column = column; self.tag = tag; self.expandedSize = expandedSize
        self.cell = nil
    }

    /// A node read from a workbook cell (or standing for a block of cells, at its first cell).
    public init(content: Content, cell: CellPlace, expandedSize: Int = 1) {
        self.content = content; self.line = 0; self.column = 0; self.tag = nil; self.expandedSize = expandedSize
        self.cell = cell
    }

    public var location: SourceLocation {
        if let cell { return .cell(sheet: cell.sheet, cell: cell.cell) }
        return .text(line: line, column: column)
    }

    /// True for a plain scalar YAML reads as null: empty, `~`, `null`, `Null`, `NULL`.
    public var isNull: Bool {
        guard case .scalar(let s, .plain) = content else { return false }
        switch s.utf8.count {   // only these lengths can be null: most scalars are ruled out without comparing
        case 0: return true
        case 1: return s == "~"
        case 4: return s == "null" || s == "Null" || s == "NULL"
        default: return false
        }
    }

    /// The scalar's text, or nil for a mapping or sequence.
    public var scalar: String? { if case .scalar(let s, _) = content { return s } else { return nil } }

    /// A short phrase naming what kind of node this is, for messages: "a list", "a mapping", "text".
    public var kindDescription: String {
        switch content {
        case .scalar: return isNull ? "nothing" : "a single value"
        case .mapping: return "a mapping of keys to values"
        case .sequence: return "a list"
        }
    }
}

/// A sheet and an A1 cell address, for nodes read from a workbook.
public final class CellPlace: @unchecked Sendable {
    public let sheet: String
    public let cell: String
    public init(sheet: String, cell: String) { self.sheet = sheet; self.cell = cell }
}

/// Limits that keep a hostile or broken document from exhausting time or memory.
public struct YAMLLimits: Sendable {
    /// Largest input accepted, in bytes.
    public var maxBytes: Int = 16 * 1024 * 1024
    /// Deepest nesting of mappings and sequences.
    public var maxDepth: Int = 64
    /// Most nodes the document may stand for once aliases are expanded (a "billion laughs" guard).
    public var maxExpandedNodes: Int = 1_000_000

    public init() {}
    public static let `default` = YAMLLimits()
}

/// Why a document could not be read as YAML at all (exit status 2 territory).
public struct YAMLLoadError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Where the problem is, when libyaml or the composer knows (1-based).
    public var line: Int?
    public var column: Int?

    public init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message; self.line = line; self.column = column
    }

    /// "line 3, column 7: message" or just the message.
    public var description: String {
        if let line, let column { return "line \(line), column \(column): \(message)" }
        if let line { return "line \(line): \(message)" }
        return message
    }
}
