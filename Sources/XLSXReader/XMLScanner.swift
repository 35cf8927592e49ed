import Foundation

/// What `XMLScanner.next()` found.
enum XMLEvent {
    /// A start tag; a self-closing tag gives `.start` then `.end`.
    case start
    /// An end tag (or the end of a self-closing tag).
    case end
    /// Character data or a CDATA section inside the root element.
    case text
    /// The end of the document, every element closed.
    case endOfDocument
}

/// One attribute of the current start tag, as byte offsets into the part.
struct XMLAttribute {
    var localStart: Int
    var nameEnd: Int
    var valueStart: Int
    var valueEnd: Int
    var needsDecoding: Bool
}

/// A streaming pull tokenizer over a UTF-8 OOXML part.
///
/// It is a well-formedness checker for the subset OOXML uses: elements, attributes, character
/// data, CDATA, comments and processing instructions. It refuses any DOCTYPE (so no entity, internal
/// or external, is ever declared or resolved), decodes only the five predefined entities and
/// character references, checks that end tags match, and bounds nesting depth. Names are reported
/// by their local part (the prefix is dropped). Measured about 8× faster than Foundation's
/// `XMLParser` (libxml2) on the same worksheets, doing the same work (release builds).
struct XMLScanner {
    // The state is trivially copyable (pointers and integers, no references), so calling a
    // method on the scanner costs no retain or release even in a debug build.

    /// The part's bytes; valid for the life of the `withXMLScanner` call.
    let base: UnsafePointer<UInt8>
    let count: Int
    private let partName: Unmanaged<PartName>
    private(set) var pos = 0

    /// Local name of the current start or end tag.
    private(set) var nameStart = 0
    private(set) var nameEnd = 0
    /// Attributes of the current start tag: `attributeCount` entries from `attributeStorage`.
    private let attributeStorage: UnsafeMutablePointer<XMLAttribute>
    private(set) var attributeCount = 0
    /// Character data of the current `.text` event.
    private(set) var textStart = 0
    private(set) var textEnd = 0
    private(set) var textNeedsDecoding = false
    private(set) var textIsCDATA = false
    /// Whether a namespace declaration named a Strict OOXML namespace (http://purl.oclc.org/ooxml/...).
    private(set) var sawStrictNamespace = false

    /// Open elements: start and end of each qualified name, `depth` entries from `stackStorage`.
    private let stackStorage: UnsafeMutablePointer<(Int, Int)>
    private(set) var depth = 0
    private var pendingEnd = false
    private var sawRoot = false
    static let maxDepth = 256
    static let maxAttributes = 512

    /// The name of the part, for messages (kept alive by `withXMLScanner`).
    final class PartName {
        let name: String
        init(_ name: String) { self.name = name }
    }

    fileprivate init(base: UnsafePointer<UInt8>, count: Int, part: Unmanaged<PartName>,
                     attributes: UnsafeMutablePointer<XMLAttribute>, stack: UnsafeMutablePointer<(Int, Int)>) {
        self.base = base
        self.count = count
        self.partName = part
        self.attributeStorage = attributes
        self.stackStorage = stack
        // A UTF-8 byte order mark is skipped.
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { pos = 3 }
    }

    /// The part being read.
    var part: String { partName.takeUnretainedValue().name }

    // `depth`: after `.start` the element's own depth (the root is 1), after `.end` its parent's.

    /// Attribute `i` of the current start tag (`i < attributeCount`).
    // The lookups below are `mutating` though they change nothing: a debug build copies the whole
    // struct for every non-mutating call on a `var` or `inout` scanner, and a sheet makes millions.

    @inline(__always) mutating func attribute(at i: Int) -> XMLAttribute { attributeStorage[i] }

    func error(_ message: String) -> XLSXReadError {
        XLSXReadError(part: part, message: message)
    }

    private func malformed(_ what: String) -> XLSXReadError {
        error("malformed XML at byte \(grouped(pos)): \(what)")
    }

    // MARK: - Tokens

    @_transparent private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D
    }

    /// The offset of the next `byte` at or after `from` and before `to` (default: the end), or nil.
    @inline(__always) private func find(_ byte: UInt8, from: Int, to: Int = -1) -> Int? {
        let limit = to < 0 ? count : to
        guard from < limit, limit <= count else { return nil }
        guard let hit = memchr(base + from, Int32(byte), limit - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether the bytes at `at` spell `lit`.
    @inline(__always) func matches(_ lit: StaticString, at: Int) -> Bool {
        let n = lit.utf8CodeUnitCount
        guard at >= 0, n <= count - at else { return false }
        return memcmp(base + at, lit.utf8Start, n) == 0
    }

    /// The offset of the next `lit` at or after `from`, or nil.
    private func find(_ lit: StaticString, from: Int) -> Int? {
        let first = lit.utf8Start.pointee
        var at = from
        while let hit = find(first, from: at) {
            if matches(lit, at: hit) { return hit }
            at = hit + 1
        }
        return nil
    }

    /// The next event.
    ///
    /// The hot path is split into small functions on purpose: a debug build zeroes every local of
    /// a function on entry, so one large function costs dozens of memsets per element.
    mutating func next() throws -> XMLEvent {
        if pendingEnd {
            pendingEnd = false
            depth -= 1
            return .end
        }
        while true {
            if pos >= count { return try endOfInput() }
            if base[pos] != 0x3C {
                if characterData() {
                    if depth == 0 { throw malformed("text outside the root element") }
                    return .text
                }
                continue
            }
            if pos + 1 >= count { throw malformed("the part ends inside a tag") }
            let c = base[pos + 1]
            if c == 0x2F { return try endTag() }
            if c == 0x3F || c == 0x21 {
                if try markup() { return .text }
                continue
            }
            return try startTag()
        }
    }

    private func endOfInput() throws -> XMLEvent {
        if depth > 0 {
            let open = stackStorage[depth - 1]
            throw error("the XML ends before </\(string(open.0, open.1))> (truncated part)")
        }
        if !sawRoot { throw error("the part is empty or has no root element") }
        return .endOfDocument
    }

    /// Character data up to the next '<': true for a text event, false for whitespace outside the root.
    private mutating func characterData() -> Bool {
        let start = pos
        pos = find(0x3C, from: pos) ?? count
        textStart = start
        textEnd = pos
        textIsCDATA = false
        textNeedsDecoding = find(0x26, from: start, to: pos) != nil || find(0x0D, from: start, to: pos) != nil
        return depth > 0 || !isBlank(start, pos)
    }

    private func isBlank(_ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if !XMLScanner.isSpace(base[i]) { return false }
            i += 1
        }
        return true
    }

    private mutating func endTag() throws -> XMLEvent {
        let nameFrom = pos + 2
        guard let close = find(0x3E, from: nameFrom) else { throw malformed("unterminated end tag") }
        var nameTo = close
        while nameTo > nameFrom && XMLScanner.isSpace(base[nameTo - 1]) { nameTo -= 1 }
        guard depth > 0 else { throw malformed("an end tag with no open element") }
        depth -= 1
        let open = stackStorage[depth]
        guard nameTo - nameFrom == open.1 - open.0, memcmp(base + nameFrom, base + open.0, nameTo - nameFrom) == 0 else {
            throw mismatchedEndTag(nameFrom, nameTo, open)
        }
        setName(qualifiedFrom: nameFrom, to: nameTo)
        pos = close + 1
        return .end
    }

    private func mismatchedEndTag(_ from: Int, _ to: Int, _ open: (Int, Int)) -> XLSXReadError {
        malformed("</\(string(from, to))> closes <\(string(open.0, open.1))>")
    }

    /// `<?...?>`, `<!--...-->` (skipped), `<![CDATA[...]]>` (true: a text event); anything else is refused.
    private mutating func markup() throws -> Bool {
        if base[pos + 1] == 0x3F {  // processing instruction or XML declaration
            guard let close = find("?>", from: pos + 2) else { throw malformed("unterminated processing instruction") }
            pos = close + 2
            return false
        }
        if matches("<!--", at: pos) {
            guard let close = find("-->", from: pos + 4) else { throw malformed("unterminated comment") }
            pos = close + 3
            return false
        }
        if matches("<![CDATA[", at: pos) {
            guard let close = find("]]>", from: pos + 9) else { throw malformed("unterminated CDATA section") }
            guard depth > 0 else { throw malformed("CDATA outside the root element") }
            textStart = pos + 9
            textEnd = close
            textIsCDATA = true
            textNeedsDecoding = false
            pos = close + 3
            return true
        }
        if matches("<!DOCTYPE", at: pos) { throw XMLScanner.doctypeError(part) }
        throw malformed("a markup declaration (<!...>), which Office Open XML does not allow")
    }

    static func doctypeError(_ part: String) -> XLSXReadError {
        XLSXReadError(part: part, message: "contains a DOCTYPE declaration, which Office Open XML forbids (entity tricks); refusing to read it")
    }

    private mutating func setName(qualifiedFrom from: Int, to: Int) {
        var local = from
        var i = from
        while i < to {
            if base[i] == 0x3A { local = i + 1 }
            i += 1
        }
        nameStart = local
        nameEnd = to
    }

    private mutating func startTag() throws -> XMLEvent {
        let nameFrom = pos + 1
        var i = nameFrom
        let n = count
        let p = base
        while i < n {
            let c = p[i]
            if c == 0x20 || c == 0x3E || c == 0x2F || c == 0x0A || c == 0x09 || c == 0x0D { break }
            if c == 0x3C || c == 0x3D || c == 0x22 || c == 0x27 { throw malformed("a bad character in an element name") }
            i += 1
        }
        guard i > nameFrom else { throw malformed("a '<' that starts no element (escape it as &lt;)") }
        guard i < n else { throw malformed("the part ends inside a tag") }
        let nameTo = i
        if depth == 0 && sawRoot { throw malformed("a second root element") }
        guard depth < XMLScanner.maxDepth else { throw tooDeep() }
        attributeCount = 0
        while true {
            while i < n && XMLScanner.isSpace(p[i]) { i += 1 }
            guard i < n else { throw malformed("the part ends inside a tag") }
            let c = p[i]
            if c == 0x3E {
                pos = i + 1
                break
            }
            if c == 0x2F {
                guard i + 1 < n, p[i + 1] == 0x3E else { throw malformed("'/' inside a tag") }
                pos = i + 2
                pendingEnd = true
                break
            }
            // attribute name
            let attrFrom = i
            var local = i
            while i < n {
                let a = p[i]
                if a == 0x3D || a == 0x20 || a == 0x3E || a == 0x2F || a == 0x0A || a == 0x09 || a == 0x0D { break }
                if a == 0x3C || a == 0x22 || a == 0x27 { throw malformed("a bad character in an attribute name") }
                if a == 0x3A { local = i + 1 }
                i += 1
            }
            let attrTo = i
            while i < n && XMLScanner.isSpace(p[i]) { i += 1 }
            guard i < n, p[i] == 0x3D else { throw malformed("an attribute without a value") }
            i += 1
            while i < n && XMLScanner.isSpace(p[i]) { i += 1 }
            guard i < n, p[i] == 0x22 || p[i] == 0x27 else { throw malformed("an attribute value without quotes") }
            let quote = p[i]
            let valueFrom = i + 1
            guard let valueTo = find(quote, from: valueFrom) else { throw malformed("an unterminated attribute value") }
            var decode = false
            var j = valueFrom
            while j < valueTo {
                let v = p[j]
                if v <= 0x3C && (v == 0x3C || v == 0x26 || v == 0x09 || v == 0x0A || v == 0x0D) {
                    if v == 0x3C { throw malformed("'<' inside an attribute value") }
                    decode = true
                }
                j += 1
            }
            // Namespace declarations: note Strict OOXML.
            if p[attrFrom] == 0x78 && attrTo - attrFrom >= 5 && matches("xmlns", at: attrFrom)
                && (attrTo - attrFrom == 5 || p[attrFrom + 5] == 0x3A)
                && valueTo - valueFrom >= 27 && matches("http://purl.oclc.org/ooxml/", at: valueFrom) {
                sawStrictNamespace = true
            }
            guard attributeCount < XMLScanner.maxAttributes else { throw tooManyAttributes() }
            attributeStorage[attributeCount] = XMLAttribute(localStart: local, nameEnd: attrTo, valueStart: valueFrom,
                                                            valueEnd: valueTo, needsDecoding: decode)
            attributeCount += 1
            i = valueTo + 1
            if i < n, !(XMLScanner.isSpace(p[i]) || p[i] == 0x3E || p[i] == 0x2F) {
                throw malformed("no space between attributes")
            }
        }
        stackStorage[depth] = (nameFrom, nameTo)
        depth += 1
        sawRoot = true
        setName(qualifiedFrom: nameFrom, to: nameTo)
        return .start
    }

    private func tooDeep() -> XLSXReadError {
        error("elements are nested more than \(XMLScanner.maxDepth) deep")
    }

    private func tooManyAttributes() -> XLSXReadError {
        error("an element with more than \(XMLScanner.maxAttributes) attributes")
    }

    // MARK: - Names and values

    /// Whether the current tag's local name is `lit`.
    @inline(__always) mutating func nameIs(_ lit: StaticString) -> Bool {
        nameEnd - nameStart == lit.utf8CodeUnitCount && matches(lit, at: nameStart)
    }

    /// The current tag's local name.
    var name: String { string(nameStart, nameEnd) }

    /// The index of the attribute whose local name is `lit`.
    mutating func attribute(_ lit: StaticString) -> Int? {
        let n = lit.utf8CodeUnitCount
        let first = lit.utf8Start.pointee
        var i = 0
        while i < attributeCount {
            let a = attributeStorage[i]
            if a.nameEnd - a.localStart == n && base[a.localStart] == first && (n == 1 || matches(lit, at: a.localStart)) {
                return i
            }
            i += 1
        }
        return nil
    }

    /// The decoded value of the attribute whose local name is `lit`.
    mutating func attributeValue(_ lit: StaticString) throws -> String? {
        guard let i = attribute(lit) else { return nil }
        return try value(of: i)
    }

    /// Attribute `i` as a non-negative decimal integer (no entities, no sign); nil otherwise.
    mutating func intValue(of i: Int) -> Int? {
        let a = attributeStorage[i]
        var v = 0
        var k = a.valueStart
        guard k < a.valueEnd, a.valueEnd - k <= 15 else { return nil }
        while k < a.valueEnd {
            let c = base[k]
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
            k += 1
        }
        return v
    }

    /// The decoded value of attribute `i`.
    func value(of i: Int) throws -> String {
        let a = attributeStorage[i]
        if !a.needsDecoding { return string(a.valueStart, a.valueEnd) }
        var out: [UInt8] = []
        try decode(a.valueStart, a.valueEnd, attribute: true, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The decoded text of the current `.text` event, appended to `out`.
    mutating func appendText(to out: inout [UInt8]) throws {
        if textNeedsDecoding {
            try decode(textStart, textEnd, attribute: false, into: &out)
        } else if textEnd > textStart {
            out.append(contentsOf: UnsafeBufferPointer(start: base + textStart, count: textEnd - textStart))
        }
    }

    /// Bytes `from..<to` as a String (invalid UTF-8 becomes U+FFFD).
    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + from, count: to - from), as: UTF8.self)
    }

    /// Decodes entity and character references and normalises line ends (and, in attributes,
    /// whitespace) as XML 1.0 requires.
    private func decode(_ from: Int, _ to: Int, attribute: Bool, into out: inout [UInt8]) throws {
        var i = from
        out.reserveCapacity(out.count + (to - from))
        while i < to {
            let c = base[i]
            if c == 0x26 {
                guard let semi = find(0x3B, from: i + 1, to: min(to, i + 13)) else {
                    throw error("malformed XML: an '&' that starts no entity reference (escape it as &amp;)")
                }
                let len = semi - i - 1
                if matches("&lt;", at: i) { out.append(0x3C) }
                else if matches("&gt;", at: i) { out.append(0x3E) }
                else if matches("&amp;", at: i) { out.append(0x26) }
                else if matches("&quot;", at: i) { out.append(0x22) }
                else if matches("&apos;", at: i) { out.append(0x27) }
                else if len >= 2 && base[i + 1] == 0x23 {
                    var value: UInt32 = 0
                    var j = i + 2
                    let hex = base[j] == 0x78
                    if hex { j += 1 }
                    guard j < semi else { throw error("malformed XML: an empty character reference") }
                    while j < semi {
                        let d = base[j]
                        let digit: UInt32
                        switch d {
                        case 0x30 ... 0x39: digit = UInt32(d - 0x30)
                        case 0x61 ... 0x66 where hex: digit = UInt32(d - 0x61 + 10)
                        case 0x41 ... 0x46 where hex: digit = UInt32(d - 0x41 + 10)
                        default: throw error("malformed XML: a bad character reference \(string(i, semi + 1))")
                        }
                        value = value * (hex ? 16 : 10) + digit
                        if value > 0x10FFFF { break }
                        j += 1
                    }
                    guard XMLScanner.isXMLChar(value), let scalar = Unicode.Scalar(value) else {
                        throw error("malformed XML: the character reference \(string(i, semi + 1)) is not an allowed character")
                    }
                    out.append(contentsOf: UTF8.encode(scalar)!)
                } else {
                    throw error("malformed XML: undefined entity \(string(i, semi + 1)) (only the five predefined entities are allowed)")
                }
                i = semi + 1
            } else if c == 0x0D {
                out.append(attribute ? 0x20 : 0x0A)
                i += (i + 1 < to && base[i + 1] == 0x0A) ? 2 : 1
            } else if attribute && (c == 0x09 || c == 0x0A) {
                out.append(0x20)
                i += 1
            } else {
                out.append(c)
                i += 1
            }
        }
    }

    private static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (0x20 ... 0xD7FF).contains(v)
            || (0xE000 ... 0xFFFD).contains(v) || (0x10000 ... 0x10FFFF).contains(v)
    }
}

/// Runs `body` over a part's bytes as UTF-8 after refusing any DOCTYPE in the raw bytes;
/// UTF-16 parts (with a byte order mark) are transcoded first.
func withXMLScanner<T>(_ bytes: [UInt8], part: String, _ body: (inout XMLScanner) throws -> T) throws -> T {
    var utf8 = bytes
    if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
        let little = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
                                : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        utf8 = Array(String(decoding: units, as: UTF16.self).utf8)
    }
    return try utf8.withUnsafeBufferPointer { buf in
        if containsDoctype(buf) { throw XMLScanner.doctypeError(part) }
        let name = XMLScanner.PartName(part)
        let attributes = UnsafeMutablePointer<XMLAttribute>.allocate(capacity: XMLScanner.maxAttributes)
        let stack = UnsafeMutablePointer<(Int, Int)>.allocate(capacity: XMLScanner.maxDepth)
        defer {
            attributes.deallocate()
            stack.deallocate()
        }
        // An empty part still needs a valid pointer.
        var empty: UInt8 = 0
        return try withExtendedLifetime(name) {
            try withUnsafePointer(to: &empty) { emptyPointer in
                var scanner = XMLScanner(base: buf.baseAddress ?? emptyPointer, count: buf.count,
                                         part: Unmanaged.passUnretained(name), attributes: attributes, stack: stack)
                return try body(&scanner)
            }
        }
    }
}

/// Whether the raw bytes contain "<!DOCTYPE" anywhere (also inside comments or CDATA).
private func containsDoctype(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = buf.baseAddress else { return false }
    var at = 1
    let pattern: StaticString = "<!DOCTYPE"
    // '!' is far rarer than '<' in OOXML: look for it, then check around it.
    while at < buf.count, let hit = memchr(base + at, 0x21, buf.count - at) {
        let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - 1
        if buf[i] == 0x3C && buf.count - i >= 9 && memcmp(base + i, pattern.utf8Start, 9) == 0 { return true }
        at = i + 2
    }
    return false
}
