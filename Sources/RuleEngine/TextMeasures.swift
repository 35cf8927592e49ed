import Foundation

/// Text tests behind `has_quantity` and `has_timescale`: is a target outcome measurable?
///
/// A target is measurable when it states a quantity (a number, a percentage or a word such as
/// "all" or "half") and a date or period ("by March 2015", "Q3 2014/15", "weekly"). Dates and years
/// are not counted as quantities. Also here: the folded, case-insensitive substring search behind
/// `contains` and `contains_any`.
enum TextMeasures {
    static let monthWords: Set<String> = ["jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
                                          "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
                                          "november", "dec", "december"]
    static let periodAdverbs: Set<String> = ["daily", "weekly", "fortnightly", "monthly", "quarterly", "annually", "yearly"]
    static let periodUnits: Set<String> = ["day", "week", "fortnight", "month", "quarter", "year"]
    static let seasons: Set<String> = ["winter", "summer", "spring", "autumn"]
    static let quantityWords: Set<String> = ["all", "every", "none", "no", "zero", "half", "double", "twice", "one", "two", "three",
                                             "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty",
                                             "hundred", "thousand"]

    /// A word, a number (digits with `,` `.` `/` `-` inside, e.g. 1,200 or 2014/15), or a `%` sign.
    struct Token {
        enum Kind { case word, number, percent }
        let kind: Kind
        let text: String
    }

    static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        var copy = text
        copy.withUTF8 { bytes in
            var lower = [UInt8](bytes)
            for k in lower.indices where lower[k] >= 0x41 && lower[k] <= 0x5A { lower[k] += 0x20 }
            var i = 0
            let n = lower.count
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            func isLetter(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
            while i < n {
                let b = lower[i]
                if isDigit(b) {
                    var j = i + 1
                    while j < n {
                        if isDigit(lower[j]) { j += 1; continue }
                        let c = lower[j]
                        if c == 0x2C || c == 0x2E || c == 0x2F || c == 0x2D, j + 1 < n, isDigit(lower[j + 1]) { j += 1; continue }
                        break
                    }
                    // Ordinals and units stuck to the number (1st, 4pm) stay with it.
                    while j < n, isLetter(lower[j]) { j += 1 }
                    out.append(Token(kind: .number, text: String(decoding: lower[i..<j], as: UTF8.self)))
                    i = j
                } else if isLetter(b) {
                    var j = i + 1
                    while j < n, isLetter(lower[j]) { j += 1 }
                    out.append(Token(kind: .word, text: String(decoding: lower[i..<j], as: UTF8.self)))
                    i = j
                } else {
                    if b == 0x25 { out.append(Token(kind: .percent, text: "%")) }
                    i += 1
                }
            }
        }
        return out
    }

    /// Whether a number token is a date or year rather than a quantity: 2014, 2014/15, 30/09/2014, 2014-09.
    static func isDateNumber(_ t: String) -> Bool {
        var groups: [Int] = []          // the lengths of the digit groups between / and -
        var first = 0, current = 0, digits = 0
        for b in t.utf8 {
            if b >= 0x30 && b <= 0x39 {
                current += 1; digits += 1
                if groups.isEmpty { first = first * 10 + Int(b - 0x30) }
            } else if b == 0x2F || b == 0x2D {
                groups.append(current); current = 0
            } else {
                return false   // 1,200 or 4pm: a quantity
            }
        }
        groups.append(current)
        let startsWithYear = groups[0] == 4 && first >= 1990 && first <= 2099
        if groups.count <= 2 { return startsWithYear }
        return groups.count == 3 && digits >= 6
    }

    /// The indices of tokens that are part of a date: years, month names, quarters, and day numbers before a month.
    static func dateTokens(_ ts: [Token]) -> Set<Int> {
        var out = Set<Int>()
        for (i, t) in ts.enumerated() {
            switch t.kind {
            case .number where isDateNumber(t.text):
                // A bare four-digit number is a year only where a year is expected ("by 2015",
                // "March 2015"); "2000 extra appointments" is a quantity.
                let bare = !t.text.contains("/") && !t.text.contains("-")
                let before = i > 0 ? ts[i - 1].text : ""
                if !bare || monthWords.contains(before) || yearLeadWords.contains(before) { out.insert(i) }
            case .word where monthWords.contains(t.text):
                out.insert(i)
                if i > 0, ts[i - 1].kind == .number, let d = Int(ts[i - 1].text.filter(\.isNumber)), d >= 1 && d <= 31 { out.insert(i - 1) }
            case .word where t.text == "q" && i + 1 < ts.count && ["1", "2", "3", "4"].contains(ts[i + 1].text):
                out.insert(i); out.insert(i + 1)   // "Q2" lexes as the word "q" and the number 2
            default: break
            }
        }
        return out
    }

    /// Words after which a four-digit number is a year.
    static let yearLeadWords: Set<String> = ["by", "in", "from", "to", "until", "till", "since", "during", "of", "before",
                                             "after", "end", "year", "fy", "against", "and", "on", "for", "than", "within", "the"]

    /// Both measures of one text, remembered for the next call (rules ask both of the same target).
    final class MeasureCache {
        private var last: (text: String, quantity: Bool, timescale: Bool)?

        func measure(_ text: String) -> (quantity: Bool, timescale: Bool) {
            if let l = last, l.text == text { return (l.quantity, l.timescale) }
            let ts = TextMeasures.tokens(text)
            let dates = TextMeasures.dateTokens(ts)
            let r = (TextMeasures.hasQuantity(ts, dates: dates), TextMeasures.hasTimescale(ts, dates: dates))
            last = (text, r.0, r.1)
            return r
        }
    }

    /// The text states a date or a period: a month, quarter or year, a date, "weekly", "per month", "by week 10", "winter".
    static func hasTimescale(_ ts: [Token], dates: Set<Int>) -> Bool {
        if !dates.isEmpty { return true }
        for (i, t) in ts.enumerated() where t.kind == .word {
            if periodAdverbs.contains(t.text) || seasons.contains(t.text) { return true }
            let next = i + 1 < ts.count ? ts[i + 1] : nil
            if ["per", "a", "an", "each", "every"].contains(t.text), let n = next, n.kind == .word, periodUnits.contains(n.text) { return true }
            if t.text == "week", let n = next, n.kind == .number { return true }
            if t.text == "year", let n = next, n.text == "end" { return true }
            if t.text == "end", let n = next, n.text == "of" {
                let after = ts.dropFirst(i + 2).prefix(2).map(\.text)
                if after.contains(where: { ["year", "quarter", "month"].contains($0) }) { return true }
            }
        }
        return false
    }

    /// The text states a quantity: a number (not a date or year), a percentage, or a word such as "all" or "half".
    static func hasQuantity(_ ts: [Token], dates: Set<Int>) -> Bool {
        for (i, t) in ts.enumerated() where !dates.contains(i) {
            switch t.kind {
            case .percent: return true
            case .number: return true
            case .word: if quantityWords.contains(t.text) { return true }
            }
        }
        return false
    }

    /// Lower-cased with runs of whitespace as one space: for forgiving `contains`.
    static func normalised(_ s: String) -> String {
        s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether `haystack` contains `needle`, ignoring case and treating any run of whitespace as one
    /// space. ASCII text is compared byte by byte (folded once per text thanks to `cache`); text with
    /// other letters falls back to full Unicode lower-casing.
    static func containsIgnoringCase(_ haystack: String, _ needle: String, cache: FoldCache) -> Bool {
        guard let hay = cache.fold(haystack, slot: 0), let n = cache.fold(needle, slot: 1) else {
            return normalised(haystack).contains(normalised(needle))
        }
        guard let first = n.first else { return true }
        if n.count > hay.count { return false }
        return hay.withUnsafeBufferPointer { h in
            n.withUnsafeBufferPointer { nb in
                var i = 0
                let last = h.count - nb.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < nb.count && h[i + j] == nb[j] { j += 1 }
                        if j == nb.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Remembers the last folded text in each of two slots (haystack, needle): loops test one text
    /// against many phrases, so each is folded once. One cache per frame, so never shared across threads.
    final class FoldCache {
        private var keys: [String?] = [nil, nil]
        private var values: [[UInt8]?] = [nil, nil]

        func fold(_ s: String, slot: Int) -> [UInt8]? {
            if let k = keys[slot], k == s { return values[slot] }
            var copy = s
            let folded = copy.withUTF8 { TextMeasures.fold($0) }
            keys[slot] = s
            values[slot] = folded
            return folded
        }
    }

    /// Many phrases searched at once: bucketed by their first two folded bytes, with a bitmap of those
    /// pairs, so a text is scanned once and most positions cost one bit test.
    final class PhraseSet: @unchecked Sendable {
        private var buckets: [UInt16: [[UInt8]]] = [:]
        private var pairs = [UInt64](repeating: 0, count: 1024)
        private var short: [[UInt8]] = []
        private var unicode: [String] = []

        init(_ phrases: [String]) {
            for p in phrases {
                var copy = p
                guard let f = copy.withUTF8({ TextMeasures.fold($0) }) else { unicode.append(TextMeasures.normalised(p)); continue }
                if f.count < 2 { short.append(f); continue }
                let pair = UInt16(f[0]) << 8 | UInt16(f[1])
                buckets[pair, default: []].append(f)
                pairs[Int(pair) >> 6] |= 1 << UInt64(pair & 63)
            }
        }

        private static var cache: [String: PhraseSet] = [:]
        private static let lock = NSLock()

        /// The set for these phrases, built once per process (catalogue phrase lists do not change).
        static func shared(_ phrases: [String]) -> PhraseSet {
            let key = phrases.joined(separator: "\u{0}")
            lock.lock(); defer { lock.unlock() }
            if let s = cache[key] { return s }
            let s = PhraseSet(phrases)
            if cache.count > 64 { cache.removeAll() }
            cache[key] = s
            return s
        }

        func matches(_ text: String) -> Bool {
            var copy = text
            guard let hay = copy.withUTF8({ TextMeasures.fold($0) }) else {
                let n = TextMeasures.normalised(text)
                let all = unicode + buckets.values.flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) } + short.map { String(decoding: $0, as: UTF8.self) }
                return all.contains { n.contains($0) }
            }
            for s in short where s.isEmpty || hay.contains(s[0]) { return true }
            if !unicode.isEmpty {
                let n = TextMeasures.normalised(text)
                if unicode.contains(where: { n.contains($0) }) { return true }
            }
            if hay.count < 2 { return false }
            return hay.withUnsafeBufferPointer { h in
                for i in 0..<(h.count - 1) {
                    let pair = UInt16(h[i]) << 8 | UInt16(h[i + 1])
                    guard pairs[Int(pair) >> 6] & (1 << UInt64(pair & 63)) != 0, let candidates = buckets[pair] else { continue }
                    for c in candidates where i + c.count <= h.count {
                        var j = 2
                        while j < c.count && h[i + j] == c[j] { j += 1 }
                        if j == c.count { return true }
                    }
                }
                return false
            }
        }
    }

    /// ASCII bytes lower-cased, whitespace runs collapsed to one space, ends trimmed; nil for non-ASCII text.
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            if b >= 0x80 { return nil }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
        }
        return out
    }
}
