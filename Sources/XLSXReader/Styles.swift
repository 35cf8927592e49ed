/// What the reader needs from `xl/styles.xml`: which cell formats (`cellXfs`, the `s` index of a
/// cell) show numbers as dates.
struct Styles {
    /// For each cell format index, whether its number format is a date format.
    var dateFormats: [Bool] = []

    /// Whether cell style `index` is a date format (false when out of range).
    @inline(__always) func isDate(_ index: Int) -> Bool {
        index >= 0 && index < dateFormats.count && dateFormats[index]
    }

    static func parse(_ bytes: [UInt8], part: String) throws -> Styles {
        try withXMLScanner(bytes, part: part) { sc in
            var custom: [Int: String] = [:]
            var xfFormats: [Int] = []
            var numFmtsDepth = 0, cellXfsDepth = 0
            while true {
                switch try sc.next() {
                case .start:
                    if sc.depth == 2 && sc.nameIs("numFmts") { numFmtsDepth = 2 }
                    else if sc.depth == 2 && sc.nameIs("cellXfs") { cellXfsDepth = 2 }
                    else if numFmtsDepth > 0 && sc.depth == 3 && sc.nameIs("numFmt") {
                        if let id = try sc.attributeValue("numFmtId").flatMap({ Int($0) }),
                           let code = try sc.attributeValue("formatCode") {
                            custom[id] = code
                        }
                    } else if cellXfsDepth > 0 && sc.depth == 3 && sc.nameIs("xf") {
                        let id = try sc.attributeValue("numFmtId").flatMap { Int($0) } ?? 0
                        xfFormats.append(id)
                    }
                case .end:
                    if sc.depth == 1 { numFmtsDepth = 0; cellXfsDepth = 0 }
                case .text:
                    continue
                case .endOfDocument:
                    var styles = Styles()
                    var cache: [Int: Bool] = [:]
                    styles.dateFormats = xfFormats.map { id in
                        if let known = cache[id] { return known }
                        let isDate = custom[id].map(NumberFormat.isDateFormat) ?? NumberFormat.isBuiltInDate(id)
                        cache[id] = isDate
                        return isDate
                    }
                    return styles
                }
            }
        }
    }
}

/// Number format codes: which show a date.
public enum NumberFormat {
    /// Built-in formats that show dates: 14–22 and 45–47 (times included, as Excel groups them).
    public static func isBuiltInDate(_ id: Int) -> Bool {
        (14 ... 22).contains(id) || (45 ... 47).contains(id)
    }

    /// Whether a custom format code shows a date: it has a day, month or year code (`d`, `m`, `y`)
    /// outside quoted text, `[...]` brackets and escaped characters. An `m` right after an hour
    /// code or right before a seconds code is minutes, so pure time formats ("h:mm", "[h]:mm:ss",
    /// "mm:ss") are not dates.
    public static func isDateFormat(_ code: String) -> Bool {
        let u = Array(code.utf8)
        var i = 0
        // Date/time codes in order, to tell months from minutes: letter and its position.
        var codes: [UInt8] = []
        while i < u.count {
            let c = u[i]
            switch c {
            case 0x22:  // "quoted text"
                i += 1
                while i < u.count && u[i] != 0x22 { i += 1 }
                i += 1
            case 0x5B:  // [Red], [$-409], [h]
                let start = i
                while i < u.count && u[i] != 0x5D { i += 1 }
                let inner = u[(start + 1) ..< min(i, u.count)].map { $0 | 0x20 }
                // Elapsed-time codes count as hour/minute/second codes.
                if !inner.isEmpty && inner.allSatisfy({ $0 == 0x68 }) { codes.append(0x68) }
                else if !inner.isEmpty && inner.allSatisfy({ $0 == 0x6D }) { codes.append(0x4D) }  // minutes
                else if !inner.isEmpty && inner.allSatisfy({ $0 == 0x73 }) { codes.append(0x73) }
                i += 1
            case 0x5C, 0x5F, 0x2A:  // \x escaped, _x padding, *x fill: skip the next character
                i += 2
            default:
                let lower = c | 0x20
                let isLetter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                if isLetter && lower == 0x61 {
                    // AM/PM and A/P markers: not month codes.
                    if matchesLower(u, i, "am/pm") { i += 5; continue }
                    if matchesLower(u, i, "a/p") { i += 3; continue }
                }
                if isLetter && (lower == 0x64 || lower == 0x6D || lower == 0x79 || lower == 0x68 || lower == 0x73) {
                    // A run of one letter ("mmm") is one code.
                    if !(i > 0 && (u[i - 1] | 0x20) == lower && codes.last == lower) { codes.append(lower) }
                }
                i += 1
            }
        }
        for (k, c) in codes.enumerated() {
            if c == 0x64 || c == 0x79 { return true }
            if c == 0x6D {
                let afterHour = k > 0 && codes[k - 1] == 0x68
                let beforeSecond = k + 1 < codes.count && codes[k + 1] == 0x73
                if !afterHour && !beforeSecond { return true }
            }
        }
        return false
    }

    private static func matchesLower(_ u: [UInt8], _ at: Int, _ lit: String) -> Bool {
        let l = Array(lit.utf8)
        guard at + l.count <= u.count else { return false }
        for k in 0 ..< l.count where (u[at + k] | 0x20) != l[k] && u[at + k] != l[k] { return false }
        return true
    }
}
