/// Parsers for the plan format's scalar types (spec: plan-format.md, "Scalars"). All ignore surrounding whitespace.
public enum ScalarParsers {
    /// Pounds from `75000`, `75000.50`, `75,000`, `£75,000`, `£80k`, `£1.2m`, `(£70,000)`, `-£70,000`, `£-70,000`,
    /// `- £70,000`, or any plain YAML number (`1e3`); rounded to the penny. Thousands groups must be 3 digits.
    public static func money(_ s: String) -> Money? {
        var t = Array(trimmed(s).unicodeScalars)[...]
        var negative = false, parens = false
        func skipSpaces() { while let c = t.first, c.properties.isWhitespace { t.removeFirst() } }
        func takeMinus() -> Bool {
            guard let c = t.first, c == "-" || c == "\u{2212}" else { return true }
            if negative { return false }
            negative = true; t.removeFirst(); skipSpaces()
            return true
        }
        if t.first == "(" && t.last == ")" {
            negative = true; parens = true
            t = t.dropFirst().dropLast(); skipSpaces()
            while let c = t.last, c.properties.isWhitespace { t.removeLast() }
        }
        guard takeMinus() else { return nil }
        let pound = t.first == "£"
        if pound { t.removeFirst(); skipSpaces(); guard takeMinus() else { return nil } }
        if let m = decimalMoney(t, negative: negative) { return m }
        if !pound && !parens, let n = number(s) { return Money(pounds: n) }
        return nil
    }

    /// `75,000.50` or `1.2m` (digits, optional 3-digit comma groups, optional fraction, optional k/m) as money.
    private static func decimalMoney(_ t: ArraySlice<Unicode.Scalar>, negative: Bool) -> Money? {
        guard let number = groupedDecimal(t, allowSuffix: true) else { return nil }
        return Money.fromDigits(number.digits, pointAt: number.pointAt, negative: negative)
    }

    /// Parses `1,234.5`-style text into decimal digits and the count of digits before the point (k/m shift it).
    private static func groupedDecimal(_ t: ArraySlice<Unicode.Scalar>, allowSuffix: Bool)
        -> (digits: [UInt8], pointAt: Int)? {
        var digits: [UInt8] = []
        var i = t.startIndex
        var group = 0, groups = 0, sawComma = false
        while i < t.endIndex, let d = digit(t[i]) ?? (t[i] == "," ? 10 : nil) {
            if d == 10 {
                if group == 0 || (sawComma ? group != 3 : group > 3) { return nil }
                sawComma = true; groups += 1; group = 0
            } else { digits.append(d); group += 1 }
            i += 1
        }
        if digits.isEmpty || (sawComma && group != 3) { return nil }
        var pointAt = digits.count
        if i < t.endIndex && t[i] == "." {
            i += 1
            let before = digits.count
            while i < t.endIndex, let d = digit(t[i]) { digits.append(d); i += 1 }
            if digits.count == before { return nil }
        }
        if allowSuffix && i < t.endIndex {
            switch t[i] {
            case "k", "K": pointAt += 3; i += 1
            case "m", "M": pointAt += 6; i += 1
            default: break
            }
        }
        return i == t.endIndex ? (digits, pointAt) : nil
    }

    /// The last day the text covers: `2014-09-30`, `2014-09`, `September 2014`, `Sep 2014`, `30 September 2014`,
    /// `30/09/2014` (day first), `Q2 2014/15` or `Q2 2014-15` (financial quarter), `2014/15` or `2014-15` (31 March 2015).
    ///
    /// `yyyy-mm` with a month 01–12 is always a month, so `2011-12` means December 2011, not 2011/12.
    public static func date(_ s: String) -> Day? {
        if let (y, m, d) = isoDateParts(s) { return Day(year: y, month: m, day: d) }
        let words = trimmed(s).lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
        switch words.count {
        case 1:
            let w = words[0]
            let dash = w.split(separator: "-", omittingEmptySubsequences: false)
            if dash.count == 3, dash[0].count == 4, let y = int(dash[0], 4), let m = int(dash[1], 2), let d = int(dash[2], 2) {
                return Day(year: y, month: m, day: d)
            }
            if dash.count == 2, dash[0].count == 4, let y = int(dash[0], 4), let m = int(dash[1], 2), (1...12).contains(m) {
                return endOfMonth(y, m)
            }
            let slash = w.split(separator: "/", omittingEmptySubsequences: false)
            if slash.count == 3, slash[2].count == 4, let d = int(slash[0], 2), let m = int(slash[1], 2), let y = int(slash[2], 4) {
                return Day(year: y, month: m, day: d)
            }
            guard let start = financialYear(w) else { return nil }
            return Day(year: start + 1, month: 3, day: 31)
        case 2:
            if let m = month(words[0]), words[1].count == 4, let y = int(words[1], 4) { return endOfMonth(y, m) }
            let q = words[0]
            guard q.count == 2, q.first == "q", let n = int(q.dropFirst(), 1), (1...4).contains(n),
                  let start = financialYear(words[1]) else { return nil }
            return n == 4 ? Day(year: start + 1, month: 3, day: 31) : endOfMonth(start, 3 + 3 * n)
        case 3:
            var d = words[0]
            for suffix in ["st", "nd", "rd", "th"] where d.hasSuffix(suffix) { d = d.dropLast(2) }
            guard let day = int(d, 2), let m = month(words[1]), words[2].count == 4, let y = int(words[2], 4) else { return nil }
            return Day(year: y, month: m, day: day)
        default:
            return nil
        }
    }

    /// True for one address shaped `local@domain.tld`: ASCII, no spaces, one `@`, no leading, trailing or
    /// doubled dots, a domain of two or more labels, and a top-level domain of two or more letters.
    public static func isEmail(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { b in
            guard let at = b.firstIndex(of: UInt8(ascii: "@")) else { return false }
            let local = UnsafeBufferPointer(rebasing: b[..<at])
            let domain = UnsafeBufferPointer(rebasing: b[(at + 1)...])
            guard !local.isEmpty, local.count <= 64, !domain.isEmpty, domain.count <= 253,
                  !domain.contains(UInt8(ascii: "@")) else { return false }
            guard local.allSatisfy({ isAlnum($0) || localSpecials[Int($0 & 0x7F)] && $0 < 0x80 }),
                  validDots(local) else { return false }
            // Labels between dots: at least two, each 1-63 letters, digits or inner hyphens; the last all letters, 2 or more.
            var labels = 0, start = 0
            for end in 0...domain.count where end == domain.count || domain[end] == UInt8(ascii: ".") {
                let label = UnsafeBufferPointer(rebasing: domain[start..<end])
                guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                      label.allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: "-") }) else { return false }
                if end == domain.count, label.count < 2 || !label.allSatisfy(isAlpha) { return false }
                labels += 1
                start = end + 1
            }
            return labels >= 2
        }
    }

    /// The punctuation allowed in an address's local part, by ASCII code.
    private static let localSpecials: [Bool] = (0..<128).map { "!#$%&'*+/=?^_`{|}~.-".utf8.contains(UInt8($0)) }

    /// A count such as `3`, `-4`, `+3`, `0.2` or `1,200` (3-digit groups); nil for anything else.
    public static func count(_ s: String) -> Double? {
        if let v = plainDecimal(s) { return v }
        var t = Array(trimmed(s).unicodeScalars)[...]
        var sign = ""
        if let c = t.first, c == "-" || c == "+" { sign = c == "-" ? "-" : ""; t.removeFirst() }
        guard let n = groupedDecimal(t, allowSuffix: false) else { return nil }
        var text = sign
        for (i, d) in n.digits.enumerated() {
            if i == n.pointAt { text += "." }
            text.append(Character(Unicode.Scalar(d + 48)))
        }
        guard let v = Double(text), v.isFinite else { return nil }
        return v
    }

    /// A plain YAML 1.2 number: `42`, `-7`, `+3`, `0.5`, `.5`, `1e3`, `2.5E-3`, `0x1F`, `0o17`; nil for `.inf`, `.nan` and others.
    public static func number(_ s: String) -> Double? {
        let t = Array(trimmed(s).utf8)
        guard !t.isEmpty else { return nil }
        if t.count > 2, t[0] == UInt8(ascii: "0"), t[1] == UInt8(ascii: "x") || t[1] == UInt8(ascii: "o") {
            let radix = t[1] == UInt8(ascii: "x") ? 16 : 8
            guard let v = Int64(String(decoding: t[2...], as: UTF8.self), radix: radix) else { return nil }
            return Double(v)
        }
        var i = 0
        if t[0] == UInt8(ascii: "-") || t[0] == UInt8(ascii: "+") { i = 1 }
        func digits() -> Int { let s = i; while i < t.count, isDigit(t[i]) { i += 1 }; return i - s }
        var mantissa = digits()
        if i < t.count, t[i] == UInt8(ascii: ".") { i += 1; mantissa += digits() }
        guard mantissa > 0 else { return nil }
        if i < t.count, t[i] == UInt8(ascii: "e") || t[i] == UInt8(ascii: "E") {
            i += 1
            if i < t.count, t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: "+") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == t.count, let v = Double(String(decoding: t, as: UTF8.self)), v.isFinite else { return nil }
        return v
    }

    /// Pounds from 1 to 12 digits and nothing else (`40000`), the form nearly every plan uses: exactly
    /// what `number` and `Money(pounds:)` give for it, without going through a `Double`.
    public static func wholePounds(_ s: String) -> Money? {
        guard (1...12).contains(s.utf8.count) else { return nil }
        return s.utf8.withContiguousStorageIfAvailable { u -> Money? in
            var pounds: Int64 = 0
            for c in u {
                guard isDigit(c) else { return nil }
                pounds = pounds * 10 + Int64(c - 48)
            }
            return Money(pence: pounds * 100)
        } ?? nil
    }

    // MARK: - Helpers

    /// Year, month and day of exactly `dddd-dd-dd`, the form `date` reads first; nil for any other text.
    private static func isoDateParts(_ s: String) -> (Int, Int, Int)? {
        guard s.utf8.count == 10 else { return nil }
        return s.utf8.withContiguousStorageIfAvailable { b -> (Int, Int, Int)? in
            guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
            func digits(_ from: Int, _ to: Int) -> Int? {
                var n = 0
                for i in from..<to {
                    guard isDigit(b[i]) else { return nil }
                    n = n * 10 + Int(b[i] - 48)
                }
                return n
            }
            guard let y = digits(0, 4), let m = digits(5, 7), let d = digits(8, 10) else { return nil }
            return (y, m, d)
        } ?? nil
    }

    /// `3`, `-4`, `+0.5`: an optional sign, 1 to 15 digits with at most one point between digits, and
    /// nothing else; the value `count` gives for it. Nil for any other text (`count` then reads it in full).
    private static func plainDecimal(_ s: String) -> Double? {
        guard !s.isEmpty, s.utf8.count <= 16 else { return nil }
        let plain = s.utf8.withContiguousStorageIfAvailable { u -> Bool in
            var i = u[0] == UInt8(ascii: "-") || u[0] == UInt8(ascii: "+") ? 1 : 0
            let first = i
            while i < u.count, isDigit(u[i]) { i += 1 }
            guard i > first else { return false }
            if i < u.count, u[i] == UInt8(ascii: ".") {
                i += 1
                let fraction = i
                while i < u.count, isDigit(u[i]) { i += 1 }
                guard i > fraction else { return false }
            }
            return i == u.count
        } ?? false
        return plain ? Double(s) : nil
    }

    /// `s` without leading and trailing whitespace.
    static func trimmed(_ s: String) -> Substring {
        let u = s.unicodeScalars
        guard let first = u.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = u.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(u[first...last])
    }

    /// The last day of a month, or nil for an impossible year.
    private static func endOfMonth(_ year: Int, _ month: Int) -> Day? {
        Day(year: year, month: month, day: Day.lastDayOfMonth(year: year, month: month))
    }

    /// The starting year of `2014/15`, `2014-15`, `2014/2015` or `2014-2015`; the second year must follow the first.
    private static func financialYear(_ w: Substring) -> Int? {
        let parts = w.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" })
        guard parts.count == 2, parts[0].count == 4, let y = int(parts[0], 4),
              parts[1].count == 2 || parts[1].count == 4, let next = int(parts[1], 4) else { return nil }
        let expected = parts[1].count == 2 ? (y + 1) % 100 : y + 1
        return next == expected ? y : nil
    }

    /// A month from its English name, three-letter abbreviation, or `sept`.
    private static func month(_ w: Substring) -> Int? {
        if w == "sept" { return 9 }
        for (i, name) in Day.monthNames.enumerated() {
            let lower = name.lowercased()
            if w == lower || w == lower.prefix(3) { return i + 1 }
        }
        return nil
    }

    /// A whole number of 1 to `maxDigits` ASCII digits.
    private static func int(_ w: Substring, _ maxDigits: Int) -> Int? {
        guard !w.isEmpty, w.utf8.count <= maxDigits, w.utf8.allSatisfy(isDigit) else { return nil }
        return Int(w)
    }

    /// The value of an ASCII digit, or nil.
    private static func digit(_ c: Unicode.Scalar) -> UInt8? {
        c.value >= 48 && c.value <= 57 ? UInt8(c.value - 48) : nil
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
    private static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }

    /// True when the text neither starts nor ends with a dot and has no two dots in a row.
    private static func validDots(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let dot = UInt8(ascii: ".")
        if b.first == dot || b.last == dot { return false }
        var previous: UInt8 = 0
        for c in b { if c == dot && previous == dot { return false }; previous = c }
        return true
    }
}
