#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plan read from one input: its typed tree and the `format` findings made while reading it.
public struct Plan: @unchecked Sendable {
    /// The input's name as given on the command line.
    public let file: String
    /// The document root, a `.record` of `PlanSchema.plan`.
    public let root: Value
    /// Findings the loader made (wrong types, unparseable values, unknown keys).
    public let findings: [Finding]

    public init(file: String, root: Value, findings: [Finding]) {
        self.file = file; self.root = root; self.findings = findings
    }
}

/// Why an input could not be read as a plan at all: exit status 2, one line on stderr.
public struct PlanLoadError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String
    public let line: Int?
    public let column: Int?

    public init(file: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.file = file; self.message = message; self.line = line; self.column = column
    }

    /// `file:line:column: message`, the form editors and terminals link to.
    public var description: String {
        var s = file
        if let line { s += ":\(line)"; if let column { s += ":\(column)" } }
        return s + ": " + message
    }
}

/// Loads `srg-plan/1` documents from YAML or JSON.
public enum PlanLoader {
    /// Reads and loads the file at `path`.
    public static func load(path: String, limits: YAMLLimits = .default) throws -> Plan {
        let bytes = try readFile(path, maxBytes: limits.maxBytes)
        return try load(bytes: bytes, file: path, limits: limits)
    }

    /// Loads a plan from bytes already in memory; `file` names it in findings and errors.
    public static func load(bytes: [UInt8], file: String, limits: YAMLLimits = .default) throws -> Plan {
        let document: YAMLDocument?
        do {
            document = try YAMLComposer.document(bytes, limits: limits)
        } catch let e as YAMLLoadError {
            throw PlanLoadError(file: file, message: e.message, line: e.line, column: e.column)
        }
        guard let document else {
            throw PlanLoadError(file: file, message: bytes.isEmpty ? "the file is empty; a plan starts with 'format: srg-plan/1'"
                                                                     : "the file holds no YAML document (only comments or blank lines)")
        }
        let root = document.nodes[Int(document.root)]
        guard root.kind == .mapping else {
            throw PlanLoadError(file: file, message: "the top level is \(document.kindDescription(document.root)), not a mapping; a plan is a mapping that starts with 'format: srg-plan/1'",
                                line: Int(root.line), column: Int(root.column))
        }
        try checkFormatLine(document, file: file)
        return bind(document, file: file)
    }

    /// Binds a composed document (from YAML, or built from a workbook) against the plan schema.
    public static func bind(root node: YAMLNode, file: String) -> Plan {
        bind(YAMLDocument(node), file: file)
    }

    static func bind(_ document: YAMLDocument, file: String) -> Plan {
        var binder = PlanBinder(file: file)
        let location = document.location(document.root)
        let root = binder.bindRecord(document, document.root, schema: PlanSchema.plan, path: "") ?? .missing(Origin(path: "", location: location))
        var findings = binder.findings
        if formatValue(document) == nil {
            let rule = LoaderRule.version
            findings.append(Finding(rule: rule.id, severity: rule.severity, category: rule.category, subject: "format",
                                    message: "The plan has no 'format: srg-plan/1' line; it was read as srg-plan/1",
                                    citation: rule.citation, location: location, file: file))
        }
        return Plan(file: file, root: root, findings: findings)
    }

    /// The value of the top level's `format` key, unless it is null.
    private static func formatValue(_ document: YAMLDocument) -> Int32? {
        guard let pair = document.pairs(document.root).first(where: { document.scalar($0.key) == "format" }) else { return nil }
        return document.isNull(pair.value) ? nil : pair.value
    }

    /// A plan that declares another format is not one this version can read: refuse it rather than guess.
    private static func checkFormatLine(_ document: YAMLDocument, file: String) throws {
        guard let v = formatValue(document), let s = document.scalar(v)?.trimmingWhitespace else { return }
        if s != PlanSchema.formatID {
            let node = document.nodes[Int(v)]
            throw PlanLoadError(file: file, message: "format '\(s)' is not one this planlint reads; it reads '\(PlanSchema.formatID)'",
                                line: Int(node.line), column: Int(node.column))
        }
    }

    /// Reads a whole file, refusing directories, unreadable files and files over `maxBytes`.
    public static func readFile(_ path: String, maxBytes: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw PlanLoadError(file: path, message: errnoMessage(errno, verb: "cannot open")) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw PlanLoadError(file: path, message: errnoMessage(errno, verb: "cannot read")) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw PlanLoadError(file: path, message: "is a folder, not a plan file") }
        if Int(st.st_size) > maxBytes {
            throw PlanLoadError(file: path, message: "the file is \(st.st_size) bytes, over the \(maxBytes)-byte limit for a plan")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(st.st_size))
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PlanLoadError(file: path, message: errnoMessage(errno, verb: "cannot read"))
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count > maxBytes {
                throw PlanLoadError(file: path, message: "the file is over the \(maxBytes)-byte limit for a plan")
            }
        }
        return bytes
    }

    static func errnoMessage(_ code: Int32, verb: String) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "\(verb) the file: permission denied"
        case EISDIR: return "is a folder, not a plan file"
        default: return "\(verb) the file: " + String(cString: strerror(code))
        }
    }
}
