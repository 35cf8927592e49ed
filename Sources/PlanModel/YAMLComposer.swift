import CYAML

/// Composes YAML (or JSON) text into a flat `YAMLDocument` for the plan loader, or a `YAMLNode`
/// tree for everyone else: block-style YAML (plans as people write them) through `BlockYAMLReader`,
/// everything else, and every error, through libyaml's event parser. Both build the same document.
///
/// Positions are 1-based. libyaml's marks are 0-based and count characters (Unicode scalars),
/// not bytes, so a column is "characters from the start of the line, plus one". libyaml also
/// treats a lone CR, NEL (U+0085), LS (U+2028) and PS (U+2029) as line breaks.
///
/// Aliases are resolved by sharing the anchored node; `expandedSize` counts an alias as its
/// target's size, and the document is refused as soon as its running expanded size passes
/// `YAMLLimits.maxExpandedNodes`. An alias to a node that is still open (a recursive alias)
/// is refused too.
public enum YAMLComposer {
    /// Composes the one document in `bytes`; nil for a stream with no document (empty or only comments).
    /// `reader` is for benchmarks and tests (see `Reader`); the result is the same whichever reads it.
    public static func compose(_ bytes: [UInt8], limits: YAMLLimits = .default, reader: Reader = .auto) throws -> YAMLNode? {
        try document(bytes, limits: limits, reader: reader)?.tree()
    }

    /// The document in `bytes` held flat (what the plan loader binds); nil for a stream with no document.
    /// `reader` is for tests: `.libyaml` reads with libyaml only, `.block` with the block reader only
    /// (nil when it declines the text).
    static func document(_ bytes: [UInt8], limits: YAMLLimits = .default, reader: Reader = .auto) throws -> YAMLDocument? {
        if bytes.count > limits.maxBytes {
            throw YAMLLoadError("the file is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes; refusing to read it")
        }
        return try bytes.withUnsafeBufferPointer { whole -> YAMLDocument? in
            let bom = TextCheck.hasUTF8BOM(whole) ? 3 : 0
            let text = UnsafeBufferPointer(rebasing: whole[bom...])
            let printable = try TextCheck.validate(text, offsetInFile: bom)
            guard let base = text.baseAddress, !text.isEmpty else { return nil }
            // Plans are block-style YAML; the block reader reads that directly, several times faster
            // than libyaml, and hands anything else (or anything it doubts) to libyaml.
            if reader != .libyaml, printable, let document = BlockYAMLReader.read(text, limits: limits) { return document }
            if reader == .block { return nil }
            var builder = DocumentBuilder(limits: limits)
            return try builder.run(base, count: text.count)
        }
    }
}

extension YAMLComposer {
    /// Which reader turns the text into a document: `auto` (the block reader when it can, else
    /// libyaml), `libyaml` only, or the block reader only (nil when it declines the text).
    public enum Reader: Sendable { case auto, libyaml, block }
}

/// The parse state: open collections, anchors, and the document's running expanded size. Fed by
/// libyaml's events (`run`) or by `BlockYAMLReader`.
struct DocumentBuilder {
    /// A mapping or sequence whose end event has not arrived yet; its children so far are
    /// `pending[firstChild...]`.
    struct Open {
        var isMapping: Bool
        var line: Int
        var column: Int
        var tag: String?
        var anchor: String?
        var firstChild: Int
        var size = 1
    }

    let limits: YAMLLimits
    var document = YAMLDocument()
    var open: [Open] = []
    /// The children of every open collection, innermost last: one array for all, so opening a
    /// collection allocates nothing.
    var pending: [Int32] = []
    var anchors: [String: Int32] = [:]
    var openAnchors: Set<String> = []
    var root: Int32?
    var documents = 0
    var total = 0
    var sawAlias = false

    init(limits: YAMLLimits) { self.limits = limits }

    /// Feeds libyaml's events into the document until the stream ends or an error is thrown.
    mutating func run(_ base: UnsafePointer<UInt8>, count: Int) throws -> YAMLDocument? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw YAMLLoadError("could not start the YAML parser (out of memory)") }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, base, count)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        reserve(forBytes: count)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw ParseErrorText.error(for: parser.pointee, text: UnsafeBufferPointer(start: base, count: count))
            }
            defer { yaml_event_delete(&event) }
            if try handle(&event) { return finish() }
        }
    }

    /// Room for the nodes of a text of `count` bytes: about one node for every 16 bytes of a plan.
    mutating func reserve(forBytes count: Int) {
        document.nodes.reserveCapacity(count / 16)
        document.scalars.reserveCapacity(count / 16)
        document.children.reserveCapacity(count / 16)
    }

    /// The document once the stream has ended; nil when it held no node.
    mutating func finish() -> YAMLDocument? {
        guard let root else { return nil }
        document.root = root
        return document
    }

    /// Adds a scalar (`line` and `column` 1-based).
    mutating func scalar(_ value: String, style: YAMLNode.ScalarStyle, line: Int, column: Int, tag: String? = nil, anchor: String? = nil) throws {
        let node = document.addScalar(value, style: style, line: line, column: column, tag: tag)
        try count(1, line: line, column: column)
        if let anchor { anchors[anchor] = node }
        add(node)
    }

    /// Applies one event; true when the stream has ended.
    mutating func handle(_ event: inout yaml_event_t) throws -> Bool {
        let mark = event.start_mark
        let line = Int(mark.line) + 1, column = Int(mark.column) + 1
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLLoadError("more than one YAML document in the file; a plan is one document", line: line, column: column)
            }
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
            try scalar(value, style: Self.style(s.style), line: line, column: column, tag: Self.string(s.tag), anchor: Self.string(s.anchor))
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            sawAlias = true
            if openAnchors.contains(name) {
                throw YAMLLoadError("alias '*\(name)' refers to a node that contains it; recursive aliases are not allowed", line: line, column: column)
            }
            guard let target = anchors[name] else {
                throw YAMLLoadError("unknown anchor '\(name)': no '&\(name)' comes before this alias", line: line, column: column)
            }
            try count(document.nodes[Int(target)].expandedSize, line: line, column: column)
            add(target)
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            try openCollection(mapping: false, tag: Self.string(s.tag), anchor: Self.string(s.anchor), line: line, column: column)
        case YAML_MAPPING_START_EVENT:
            let s = event.data.mapping_start
            try openCollection(mapping: true, tag: Self.string(s.tag), anchor: Self.string(s.anchor), line: line, column: column)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            close()
        default:
            break // stream start, document end
        }
        return false
    }

    /// Starts a collection, enforcing the depth limit.
    mutating func openCollection(mapping: Bool, tag: String? = nil, anchor: String? = nil, line: Int, column: Int) throws {
        if open.count >= limits.maxDepth {
            throw YAMLLoadError("mappings and lists nest more than \(limits.maxDepth) levels deep; refusing to read the document", line: line, column: column)
        }
        try count(1, line: line, column: column)
        if let anchor { openAnchors.insert(anchor) }
        open.append(Open(isMapping: mapping, line: line, column: column, tag: tag, anchor: anchor, firstChild: pending.count))
    }

    /// Finishes the innermost collection and hands it to its parent.
    mutating func close() {
        let f = open.removeLast()
        // A mapping's key still waiting for its value (libyaml never leaves one) is dropped.
        let end = f.isMapping && (pending.count - f.firstChild) % 2 == 1 ? pending.count - 1 : pending.count
        let node = document.addCollection(f.isMapping ? .mapping : .sequence, entries: pending[f.firstChild..<end],
                                          line: f.line, column: f.column, tag: f.tag, expandedSize: f.size)
        pending.removeSubrange(f.firstChild...)
        if let anchor = f.anchor { openAnchors.remove(anchor); anchors[anchor] = node }
        add(node)
    }

    /// Appends a finished node to the innermost open collection, or makes it the document's root.
    mutating func add(_ node: Int32) {
        guard !open.isEmpty else { root = node; return }
        open[open.count - 1].size += document.nodes[Int(node)].expandedSize
        pending.append(node)
    }

    /// Adds to the document's running expanded size, refusing once it passes the cap (or would overflow).
    mutating func count(_ n: Int, line: Int, column: Int) throws {
        let (sum, overflow) = total.addingReportingOverflow(n)
        total = sum
        guard overflow || sum > limits.maxExpandedNodes else { return }
        let cap = limits.maxExpandedNodes
        throw YAMLLoadError(sawAlias
            ? "the document expands to more than \(cap) nodes through aliases (a 'billion laughs' document?); refusing to read it"
            : "the document has more than \(cap) nodes; refusing to read it", line: line, column: column)
    }

    /// The scalar style libyaml reports, as a `YAMLNode.ScalarStyle`.
    static func style(_ s: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
        switch s {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    /// A NUL-terminated libyaml string (tag or anchor), or nil.
    static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }
}

/// Turns libyaml's error fields into a readable `YAMLLoadError`.
private enum ParseErrorText {
    /// The error for a parser that has just failed.
    static func error(for p: yaml_parser_t, text: UnsafeBufferPointer<UInt8>) -> YAMLLoadError {
        let problem = p.problem.map { String(cString: $0) } ?? "the text is not valid YAML"
        switch p.error {
        case YAML_MEMORY_ERROR:
            return YAMLLoadError("ran out of memory while reading the YAML")
        case YAML_READER_ERROR:
            let (line, column) = TextCheck.position(ofByte: Int(p.problem_offset), in: text)
            return YAMLLoadError("not readable text: \(problem)", line: line, column: column)
        default:
            let line = Int(p.problem_mark.line) + 1, column = Int(p.problem_mark.column) + 1
            var message = problem
            if let ctx = p.context.map({ String(cString: $0) }) {
                if ctx == "while scanning for the next token" {
                    message += " " + ctx
                } else {
                    message += " \(ctx) that starts at line \(p.context_mark.line + 1), column \(p.context_mark.column + 1)"
                }
                if ctx.hasSuffix("quoted scalar") { message += " (is a closing quote missing?)" }
            }
            if TextCheck.character(atLine: line, column: column, in: text) == UInt8(ascii: "\t") {
                message += " (a tab cannot indent or separate YAML; use spaces)"
            }
            return YAMLLoadError(message, line: line, column: column)
        }
    }
}

/// Checks done on the raw bytes before libyaml (or the block reader) sees them.
enum TextCheck {
    /// True when the text starts with the UTF-8 byte order mark EF BB BF.
    static func hasUTF8BOM(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
    }

    /// Throws for binary data (a NUL byte), UTF-16 text, or bytes that are not well-formed UTF-8.
    /// Returns whether every character is one the block reader handles as libyaml does: LF,
    /// printable ASCII, and characters beyond ASCII other than the C1 controls (NEL among them), the
    /// line and paragraph separators, the byte order mark and U+FFFE/U+FFFF. (Tabs and CR are
    /// left to libyaml too.)
    @discardableResult
    static func validate(_ b: UnsafeBufferPointer<UInt8>, offsetInFile: Int) throws -> Bool {
        if offsetInFile == 0, b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) {
            throw YAMLLoadError("not UTF-8 text: the file is UTF-16; save it as UTF-8")
        }
        var printable = true
        var i = 0
        let n = b.count
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        /// A high bit in each byte of `x` that is zero (exact, with no borrows between bytes).
        func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x) & highs }
        while i < n {
            if i + 8 <= n {  // eight ASCII bytes at a time
                let w = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if w & highs == 0 {
                    // A high bit for each byte below 0x20: adding 0x60 carries into the top bit only from 0x20 up.
                    let controls = ~((w &+ 0x60 &* ones) | w) & highs
                    if controls == 0 && zeroBytes(w ^ lows) == 0 {   // printable: nothing below 0x20, no 0x7F
                        i += 8
                        continue
                    }
                    if zeroBytes(w) == 0 {                           // no NUL: line feeds, or characters for libyaml
                        if controls & ~zeroBytes(w ^ (0x0A &* ones)) != 0 || zeroBytes(w ^ lows) != 0 { printable = false }
                        i += 8
                        continue
                    }
                }
            }
            let c = b[i]
            if c < 0x80 {
                if c == 0 { throw YAMLLoadError("not a text file: binary data at byte \(offsetInFile + i + 1)") }
                if (c < 0x20 && c != 0x0A) || c == 0x7F { printable = false }
                i += 1
                continue
            }
            let width = sequenceLength(b, at: i)
            if width == 0 {
                if let nul = b[i...].firstIndex(of: 0), nul - i < 1024 {
                    throw YAMLLoadError("not a text file: binary data at byte \(offsetInFile + nul + 1)")
                }
                let (line, column) = position(ofByte: i, in: b)
                throw YAMLLoadError("not UTF-8 text: invalid byte 0x\(String(c, radix: 16, uppercase: true)); save the file as UTF-8", line: line, column: column)
            }
            switch c {
            case 0xC2: if b[i + 1] < 0xA0 { printable = false }                                            // C1 controls, NEL
            case 0xE2: if b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) { printable = false } // LS, PS
            case 0xEF: if (b[i + 1] == 0xBB && b[i + 2] == 0xBF) || (b[i + 1] == 0xBF && b[i + 2] >= 0xBE) { printable = false }
            default: break
            }
            i += width
        }
        return printable
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (lead byte ≥ 0x80), or 0.
    private static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i], n = b.count
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < n && b[i + k] >= lo && b[i + k] <= hi }
        switch c {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// The 1-based line and column (in characters) of byte `offset`; lines end at LF, CRLF or CR.
    static func position(ofByte offset: Int, in b: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1, column = 1, i = 0
        let end = min(offset, b.count)
        while i < end {
            let c = b[i]
            if c == 0x0A || (c == 0x0D && (i + 1 >= b.count || b[i + 1] != 0x0A)) { line += 1; column = 1 }
            else if c & 0xC0 != 0x80 && c != 0x0D { column += 1 }
            i += 1
        }
        return (line, column)
    }

    /// The byte at a 1-based line and character column when it is ASCII, else nil.
    static func character(atLine line: Int, column: Int, in b: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var l = 1, i = 0
        while l < line && i < b.count {
            if b[i] == 0x0A || (b[i] == 0x0D && (i + 1 >= b.count || b[i + 1] != 0x0A)) { l += 1 }
            i += 1
        }
        var col = 1
        while i < b.count && col < column {
            i += 1
            while i < b.count && b[i] & 0xC0 == 0x80 { i += 1 }
            col += 1
        }
        return i < b.count && b[i] < 0x80 ? b[i] : nil
    }
}
