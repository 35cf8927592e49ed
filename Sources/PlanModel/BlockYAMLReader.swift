/// Reads the block-style YAML plans are written in, straight into a `DocumentBuilder`, without
/// libyaml: a fast path for the common case, several times cheaper than libyaml's scanner, parser
/// and event objects (libyaml's own event parse was a third of checking a plan).
///
/// It reads a subset and gives up (returns nil, and libyaml reads the text) on anything outside
/// it or anything it doubts, so libyaml stays the judge of every text this reader does not
/// fully understand, and of every error:
///
/// - a block mapping at the top, with nested block mappings and sequences (including a sequence at
///   its key's indentation, and `- key: value` entries);
/// - keys that are plain words (`[A-Za-z0-9_][A-Za-z0-9_.-]*`) followed by `:` and a space or the
///   line's end;
/// - plain scalars, over several lines when indented further, folded as YAML folds them;
///   single-quoted scalars (also over several lines); double-quoted scalars on one line with the
///   escapes `\" \\ \/ \n \t \r \uXXXX`; flow sequences `[a, 'b', "c"]` of such scalars on one line;
/// - comments, blank lines, LF line ends and printable text (`TextCheck.validate` tells).
///
/// Everything else goes to libyaml: tabs, CR, NEL/LS/PS line breaks, control characters, anchors,
/// aliases, tags, block scalars (`|`, `>`), flow mappings, directives and `---`, complex keys, quoted
/// keys, and any text libyaml would refuse. The tests read every sample and rule example, and many
/// thousands of mutated plans, both ways, and require the very same document whenever this reader
/// accepts a text.
///
/// Positions match libyaml's: 1-based lines, columns counted in characters; a mapping starts at its
/// first key, a sequence at its first `-`, an empty value just after its `:` or `-`.
struct BlockYAMLReader {
    private let p: UnsafePointer<UInt8>
    private let n: Int
    /// The next byte to read.
    private var i = 0
    /// The 1-based line of byte `i`, and where that line starts.
    private var line = 1
    private var lineStart = 0
    private var builder: DocumentBuilder
    /// The text of a scalar that needs unescaping or folding (reused).
    private var scratch: [UInt8] = []

    /// The text is outside the subset: libyaml reads it. `at` is the source line that declined
    /// (for tests and debugging: `declineReason`).
    struct Declined: Error {
        let at: Int
        init(at: Int = #line) { self.at = at }
    }

    private init(_ p: UnsafePointer<UInt8>, _ n: Int, _ limits: YAMLLimits) {
        self.p = p; self.n = n; builder = DocumentBuilder(limits: limits)
    }

    /// The document in `text`, or nil when the reader declines it. The text must be one
    /// `TextCheck.validate` passed and called printable (well-formed UTF-8, no BOM, only characters
    /// the reader handles). A limit that is passed also declines: libyaml's reading then says so.
    static func read(_ text: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) -> YAMLDocument? {
        guard let base = text.baseAddress else { return nil }
        var reader = BlockYAMLReader(base, text.count, limits)
        return try? reader.document()
    }

    /// Why the reader declines `text` (the reader's source line and the text's line), or nil when it reads it.
    static func declineReason(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = text.baseAddress else { return "empty" }
        guard (try? TextCheck.validate(text, offsetInFile: 0)) == true else { return "a character the reader leaves to libyaml" }
        var reader = BlockYAMLReader(base, text.count, .default)
        do {
            _ = try reader.document()
            return nil
        } catch let d as Declined {
            return "BlockYAMLReader.swift:\(d.at), at line \(reader.line) of the text"
        } catch {
            return "\(error)"
        }
    }

    private mutating func document() throws -> YAMLDocument {
        builder.reserve(forBytes: n)
        guard try nextContentLine() == 0 else { throw Declined() }
        i = lineStart
        guard try blockMapping(indent: 0) == nil, let document = builder.finish() else { throw Declined() }
        return document
    }

    // MARK: - Block collections

    /// A block mapping whose first key is at `i` (at 0-based column `indent`). Returns the indentation
    /// of the next content line after it (at `lineStart`), or nil at the end of the text.
    private mutating func blockMapping(indent: Int) throws -> Int? {
        try builder.openCollection(mapping: true, line: line, column: column(i))
        while true {
            guard let colon = keyEnd(i) else { throw Declined() }
            try builder.scalar(text(i, colon), style: .plain, line: line, column: column(i))
            i = colon + 1
            let next = try value(blockIndent: indent, ofKey: true)
            guard let m = next, m >= indent else {
                builder.close()
                return next
            }
            guard m == indent else { throw Declined() }
            i = lineStart + m
        }
    }

    /// A block sequence whose first `-` is at `i` (column `indent`); `indentless` for a sequence at
    /// its key's own indentation. Returns as `blockMapping` does.
    private mutating func blockSequence(indent: Int, indentless: Bool) throws -> Int? {
        try builder.openCollection(mapping: false, line: line, column: column(i))
        while true {
            i += 1   // past the '-'
            let next = try value(blockIndent: indent, ofKey: false)
            if let m = next, m == indent, isEntryDash(lineStart + m) {
                i = lineStart + m
                continue
            }
            if let m = next, m > indent || (m == indent && !indentless) { throw Declined() }
            builder.close()
            return next
        }
    }

    /// The value after a key's `:` or an entry's `-` (`i` just past it), inside a block collection at
    /// `blockIndent`. Returns as `blockMapping` does.
    private mutating func value(blockIndent: Int, ofKey: Bool) throws -> Int? {
        let markLine = line, markColumn = column(i)
        let gap = skipSpaces()
        if i == n || p[i] == .lf || (p[i] == .hash && gap > 0) {
            // Nothing more on this line: a nested collection below, or an empty value.
            skipComment()
            try endLine()
            let next = try nextContentLine()
            if let m = next {
                let first = lineStart + m
                if m > blockIndent {
                    i = first
                    if isEntryDash(first) { return try blockSequence(indent: m, indentless: false) }
                    if keyEnd(first) != nil { return try blockMapping(indent: m) }
                    throw Declined()   // a scalar on the lines below its key
                }
                if m == blockIndent && ofKey && isEntryDash(first) {
                    i = first
                    return try blockSequence(indent: m, indentless: true)
                }
            }
            try builder.scalar("", style: .plain, line: markLine, column: markColumn)
            return next
        }
        guard gap > 0 else { throw Declined() }
        if isEntryDash(i) { throw Declined() }                 // `- - x`, or `key: - x`
        if !ofKey, keyEnd(i) != nil {                          // `- key: value`
            return try blockMapping(indent: i - lineStart)     // the line so far is ASCII: bytes are columns
        }
        return try scalarValue(blockIndent: blockIndent)
    }

    // MARK: - Scalars

    /// A scalar (or a one-line flow sequence) starting at `i`, then the rest of its last line.
    private mutating func scalarValue(blockIndent: Int) throws -> Int? {
        let startLine = line, startColumn = column(i)
        switch p[i] {
        case .doubleQuote:
            try builder.scalar(try doubleQuoted(), style: .doubleQuoted, line: startLine, column: startColumn)
            try endOfValue()
        case .singleQuote:
            try builder.scalar(try singleQuoted(blockIndent: blockIndent), style: .singleQuoted, line: startLine, column: startColumn)
            try endOfValue()
        case .openBracket:
            try flowSequence()
            try endOfValue()
        default:
            guard startsPlain(i, inFlow: false) else { throw Declined() }
            try builder.scalar(try plain(blockIndent: blockIndent), style: .plain, line: startLine, column: startColumn)
            skipComment()
            try endLine()
        }
        return try nextContentLine()
    }

    /// A plain scalar in a block collection, over as many lines as are indented past `blockIndent`.
    /// Ends before a comment or at a line end; trailing spaces are not part of it.
    private mutating func plain(blockIndent: Int) throws -> String {
        let start = i
        var chunk = i          // where this line's part of the scalar starts
        var folded = false     // whether the scalar has gone over a line (its text is in `scratch`)
        while true {
            i = nextStop(i)    // only a line feed, `#` or `:` can end the scalar; the bytes before are text
            if i < n && p[i] == .hash {
                if p[i - 1] != .space { i += 1; continue }   // `#` inside a word; the scalar's first byte is never `#`
                break                                        // a comment
            }
            if i < n && p[i] == .colon {
                if i + 1 == n || p[i + 1] == .space || p[i + 1] == .lf { throw Declined() }   // `a: b` inside a value
                i += 1
                continue
            }
            // The line's end. The scalar goes on when the next line that is not blank is indented past
            // the collection and is not a comment: one line break folds to a space, each blank line to a
            // line break.
            guard i < n, let (next, first, blank) = continuation(after: i), first - next > blockIndent, p[first] != .hash else { break }
            if !folded { scratch.removeAll(keepingCapacity: true); folded = true }
            scratch.append(contentsOf: UnsafeBufferPointer(start: p + chunk, count: trimmedEnd(chunk, i) - chunk))
            if blank == 0 { scratch.append(.space) } else { scratch.append(contentsOf: repeatElement(UInt8.lf, count: blank)) }
            line += 1 + blank
            lineStart = next
            i = first
            chunk = i
        }
        let end = trimmedEnd(chunk, i)
        if !folded { return text(start, end) }
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + chunk, count: end - chunk))
        return String(decoding: scratch, as: UTF8.self)
    }

    /// `end`, less the spaces just before it (not going before `start`).
    private func trimmedEnd(_ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start && p[e - 1] == .space { e -= 1 }
        return e
    }

    /// The first line feed, `#` or `:` at or after `s` (or the end of the text), eight bytes at a time.
    private func nextStop(_ s: Int) -> Int {
        var k = s
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        /// A high bit in each byte of `x` that is zero (exact, with no borrows between bytes).
        func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x) & highs }
        while k + 8 <= n {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self))   // the first byte lowest
            let stops = zeroBytes(w ^ (UInt64.lf &* ones)) | zeroBytes(w ^ (UInt64.hash &* ones)) | zeroBytes(w ^ (UInt64.colon &* ones))
            if stops != 0 { return k + stops.trailingZeroBitCount / 8 }
            k += 8
        }
        while k < n && p[k] != .lf && p[k] != .hash && p[k] != .colon { k += 1 }
        return k
    }

    /// After a line break at `lf`: the start of the next line that is not blank, where its text
    /// starts, and how many blank lines come first; nil when only blank lines follow.
    private func continuation(after lf: Int) -> (lineStart: Int, first: Int, blank: Int)? {
        var j = lf + 1, blank = 0
        while true {
            let start = j
            while j < n && p[j] == .space { j += 1 }
            if j == n { return nil }
            if p[j] != .lf { return (start, j, blank) }
            blank += 1
            j += 1
        }
    }

    /// A single-quoted scalar at `i`; it may go on over lines indented past `blockIndent`.
    private mutating func singleQuoted(blockIndent: Int) throws -> String {
        i += 1
        scratch.removeAll(keepingCapacity: true)
        var spaces = 0
        while true {
            guard i < n else { throw Declined() }
            let c = p[i]
            if c == .singleQuote {
                if i + 1 < n && p[i + 1] == .singleQuote {
                    scratch.append(contentsOf: repeatElement(UInt8.space, count: spaces)); spaces = 0
                    scratch.append(.singleQuote); i += 2
                    continue
                }
                scratch.append(contentsOf: repeatElement(UInt8.space, count: spaces))
                i += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if c == .space { spaces += 1; i += 1; continue }
            if c == .lf {
                guard let (next, first, blank) = continuation(after: i), first - next > blockIndent else { throw Declined() }
                spaces = 0
                if blank == 0 { scratch.append(.space) } else { scratch.append(contentsOf: repeatElement(UInt8.lf, count: blank)) }
                line += 1 + blank
                lineStart = next
                i = first
                continue
            }
            scratch.append(contentsOf: repeatElement(UInt8.space, count: spaces)); spaces = 0
            scratch.append(c)
            i += 1
        }
    }

    /// A double-quoted scalar at `i`, on one line, with the common escapes.
    private mutating func doubleQuoted() throws -> String {
        i += 1
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard i < n else { throw Declined() }
            let c = p[i]
            switch c {
            case .doubleQuote:
                i += 1
                return String(decoding: scratch, as: UTF8.self)
            case .lf:
                throw Declined()
            case .backslash:
                guard i + 1 < n else { throw Declined() }
                switch p[i + 1] {
                case .doubleQuote, .backslash, .slash: scratch.append(p[i + 1])
                case UInt8(ascii: "n"): scratch.append(.lf)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "u"):
                    guard i + 6 <= n, let v = hex4(i + 2), !(0xD800...0xDFFF).contains(v), let u = Unicode.Scalar(v) else { throw Declined() }
                    scratch.append(contentsOf: String(Character(u)).utf8)
                    i += 4
                default:
                    throw Declined()
                }
                i += 2
            default:
                scratch.append(c)
                i += 1
            }
        }
    }

    /// A flow sequence at `i` of one-line scalars, closed on the same line.
    private mutating func flowSequence() throws {
        try builder.openCollection(mapping: false, line: line, column: column(i))
        i += 1
        skipSpaces()
        if i < n && p[i] == .closeBracket {
            i += 1
            builder.close()
            return
        }
        while true {
            guard i < n else { throw Declined() }
            let itemLine = line, itemColumn = column(i)
            switch p[i] {
            case .doubleQuote: try builder.scalar(try doubleQuoted(), style: .doubleQuoted, line: itemLine, column: itemColumn)
            case .singleQuote: try builder.scalar(try singleQuoted(blockIndent: Int.max), style: .singleQuoted, line: itemLine, column: itemColumn)
            default: try builder.scalar(try flowPlain(), style: .plain, line: itemLine, column: itemColumn)
            }
            skipSpaces()
            guard i < n else { throw Declined() }
            if p[i] == .comma {
                i += 1
                skipSpaces()
                if i < n && p[i] == .closeBracket { throw Declined() }   // a trailing comma
                continue
            }
            guard p[i] == .closeBracket else { throw Declined() }
            i += 1
            builder.close()
            return
        }
    }

    /// A plain scalar inside a flow sequence: up to `,` or `]`, without its trailing spaces.
    private mutating func flowPlain() throws -> String {
        guard startsPlain(i, inFlow: true) else { throw Declined() }
        let start = i
        var end = i
        while i < n {
            switch p[i] {
            case .comma, .closeBracket:
                return text(start, end)
            case .space:
                i += 1
            case .hash where p[i - 1] == .space, .colon, .openBracket, .openBrace, .closeBrace, .lf:
                throw Declined()
            default:
                i += 1
                end = i
            }
        }
        throw Declined()
    }

    // MARK: - Lines

    /// After a quoted scalar or a flow sequence: only spaces and a comment may follow on its line.
    private mutating func endOfValue() throws {
        let gap = skipSpaces()
        if i < n && p[i] == .hash {
            guard gap > 0 else { throw Declined() }
            skipComment()
        }
        try endLine()
    }

    /// Steps over the line break at `i`; at the end of the text, makes the end the next line's start.
    private mutating func endLine() throws {
        guard i < n else {
            lineStart = n
            return
        }
        guard p[i] == .lf else { throw Declined() }
        i += 1
        line += 1
        lineStart = i
    }

    /// From the start of a line: passes blank and comment lines, and returns the indentation of the
    /// next line with content (which starts at `lineStart`), or nil at the end of the text.
    private mutating func nextContentLine() throws -> Int? {
        while true {
            var j = lineStart
            while j < n && p[j] == .space { j += 1 }
            if j == n { i = n; return nil }
            if p[j] == .lf || p[j] == .hash {
                i = j
                skipComment()
                try endLine()
                continue
            }
            if j == lineStart && j + 3 <= n && (p[j] == .dash || p[j] == .dot) && p[j + 1] == p[j] && p[j + 2] == p[j] {
                throw Declined()   // `---` or `...`: documents are libyaml's
            }
            i = lineStart
            return j - lineStart
        }
    }

    @discardableResult
    private mutating func skipSpaces() -> Int {
        let start = i
        while i < n && p[i] == .space { i += 1 }
        return i - start
    }

    /// Passes a comment (from `#` to the line's end), if `i` is at one.
    private mutating func skipComment() {
        guard i < n && p[i] == .hash else { return }
        while i < n && p[i] != .lf { i += 1 }
    }

    // MARK: - Small tests

    /// Where the key starting at `s` ends (the index of its `:`), when `s` starts `word:` followed by a
    /// space or the line's end; nil otherwise.
    private func keyEnd(_ s: Int) -> Int? {
        guard s < n, Self.isKeyStart(p[s]) else { return nil }
        var j = s + 1
        while j < n && Self.isKeyByte(p[j]) { j += 1 }
        guard j < n, p[j] == .colon, j - s <= 1000 else { return nil }   // libyaml's keys are at most 1024 characters
        return j + 1 == n || p[j + 1] == .space || p[j + 1] == .lf ? j : nil
    }

    /// A `-` that starts a sequence entry: followed by a space or the line's end.
    private func isEntryDash(_ s: Int) -> Bool {
        s < n && p[s] == .dash && (s + 1 == n || p[s + 1] == .space || p[s + 1] == .lf)
    }

    /// Whether a plain scalar may start at `s`: not an indicator, except `-` before a letter or digit.
    private func startsPlain(_ s: Int, inFlow: Bool) -> Bool {
        guard s < n else { return false }
        let c = p[s]
        if c == .dash { return s + 1 < n && (Self.isKeyStart(p[s + 1]) || p[s + 1] == .dot) }
        return !Self.isIndicator(c)
    }

    /// The four hex digits at `s` as a number.
    private func hex4(_ s: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in s..<(s + 4) {
            let c = p[k]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// The 1-based column of byte `s` on the current line, in characters.
    private func column(_ s: Int) -> Int {
        var c = 1
        for k in lineStart..<s where p[k] & 0xC0 != 0x80 { c += 1 }
        return c
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
    }

    private static func isKeyStart(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F
    }

    private static func isKeyByte(_ c: UInt8) -> Bool { isKeyStart(c) || c == .dash || c == .dot }

    /// YAML's indicators, which cannot start a plain scalar: `-?:,[]{}#&*!|>'"%@` and backquote.
    private static func isIndicator(_ c: UInt8) -> Bool {
        switch c {
        case .dash, .colon, .comma, .openBracket, .closeBracket, .openBrace, .closeBrace, .hash,
             .singleQuote, .doubleQuote, 0x3F, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x25, 0x40, 0x60, .space, .lf:
            return true
        default:
            return false
        }
    }
}

private extension UInt64 {
    static let lf: UInt64 = 0x0A, hash: UInt64 = 0x23, colon: UInt64 = 0x3A
}

private extension UInt8 {
    static let lf: UInt8 = 0x0A, space: UInt8 = 0x20, hash: UInt8 = 0x23, colon: UInt8 = 0x3A, dash: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E, comma: UInt8 = 0x2C, slash: UInt8 = 0x2F, backslash: UInt8 = 0x5C
    static let singleQuote: UInt8 = 0x27, doubleQuote: UInt8 = 0x22
    static let openBracket: UInt8 = 0x5B, closeBracket: UInt8 = 0x5D, openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D
}
