/// Text tests behind `has_quantity` and `has_timescale`: is a target outcome measurable?
///
/// A target is measurable when it states a quantity (a number, a percentage or a word such as
/// "all" or "half") and a date or period ("by March 2015", "Q3 2014/15", "weekly"). Dates and years
/// are not counted as quantities.
///
/// The text is read as ASCII-lower-cased bytes and cut into tokens that point into it, so measuring
/// a target makes no strings; words are classified by the word lists below, looked up by a packed key.
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
    /// Words after which a four-digit number is a year.
    static let yearLeadWords: Set<String> = ["by", "in", "from", "to", "until", "till", "since", "during", "of", "before",
                                             "after", "end", "year", "fy", "against", "and", "on", "for", "than", "within", "the"]
    /// Words that make a period of the unit after them: "per month", "a week", "every quarter".
    static let perWords: Set<String> = ["per", "a", "an", "each", "every"]
    /// What may follow "end of" (within two words) for a timescale: "end of the year".
    static let endOfWords: Set<String> = ["year", "quarter", "month"]

    /// What a word is, as far as the measures care: its memberships of the lists above, and a few single words.
    struct WordClass: OptionSet {
        let rawValue: UInt16
        static let month = WordClass(rawValue: 1 << 0)
        static let periodAdverb = WordClass(rawValue: 1 << 1)
        static let periodUnit = WordClass(rawValue: 1 << 2)
        static let season = WordClass(rawValue: 1 << 3)
        static let quantity = WordClass(rawValue: 1 << 4)
        static let yearLead = WordClass(rawValue: 1 << 5)
        static let per = WordClass(rawValue: 1 << 6)
        static let endOfUnit = WordClass(rawValue: 1 << 7)
        static let week = WordClass(rawValue: 1 << 8)      // "week" (before a number: "by week 10")
        static let year = WordClass(rawValue: 1 << 9)      // "year" (before "end")
        static let end = WordClass(rawValue: 1 << 10)      // "end"
        static let of = WordClass(rawValue: 1 << 11)       // "of"
        static let q = WordClass(rawValue: 1 << 12)        // "q" (before a quarter number: "Q2")
    }

    /// Every listed word's class, keyed by `packed(word)`.
    static let classes: [UInt64: WordClass] = {
        var out: [UInt64: WordClass] = [:]
        func add(_ words: Set<String>, _ c: WordClass) {
            for w in words { out[packed(w.utf8)!, default: []].insert(c) }
        }
        add(monthWords, .month); add(periodAdverbs, .periodAdverb); add(periodUnits, .periodUnit); add(seasons, .season)
        add(quantityWords, .quantity); add(yearLeadWords, .yearLead); add(perWords, .per); add(endOfWords, .endOfUnit)
        add(["week"], .week); add(["year"], .year); add(["end"], .end); add(["of"], .of); add(["q"], .q)
        return out
    }()

    /// A word of up to 12 letters a–z as a number, 5 bits a letter; nil for longer words (no listed word is longer).
    static func packed<Letters: Sequence<UInt8>>(_ word: Letters) -> UInt64? {
        var key: UInt64 = 0, count = 0
        for b in word {
            count += 1
            if count > 12 { return nil }
            key = key << 5 | UInt64(b - 0x60)
        }
        return key
    }

    /// A word (letters a–z), a number (digits with `,` `.` `/` `-` inside, e.g. 1,200 or 2014/15, and any
    /// letters stuck to it, e.g. 1st or 4pm), or a `%` sign; `start..<end` in the lower-cased text.
    struct Token {
        enum Kind { case word, number, percent }
        let kind: Kind
        let start: Int
        let end: Int
        /// For a word, its class; empty for other tokens.
        var word: WordClass = []
        /// For a number: a date or year rather than a quantity (2014, 2014/15, 30/09/2014, 2014-09).
        var isDateNumber = false
        /// For a number: no `/` or `-` in it, so a lone year ("2015") rather than a date.
        var isBare = true
        /// For a number: exactly one of the digits 1–4 (a quarter, after "Q").
        var isQuarterDigit = false
        /// For a number: its digits read as one whole number (1st → 1, 30/09 → 3009), capped at 1,000.
        var digitsValue = 0
    }

    /// The tokens of `text`, with the lower-cased bytes they point into.
    static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        var copy = text
        copy.withUTF8 { bytes in
            out.reserveCapacity(bytes.count / 4)   // about a token for every four bytes of a target
            var i = 0
            let n = bytes.count
            func lower(_ k: Int) -> UInt8 { let b = bytes[k]; return b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            func isLetter(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
            while i < n {
                let b = lower(i)
                if isDigit(b) {
                    var j = i + 1
                    while j < n {
                        if isDigit(bytes[j]) { j += 1; continue }
                        let c = bytes[j]
                        if c == 0x2C || c == 0x2E || c == 0x2F || c == 0x2D, j + 1 < n, isDigit(bytes[j + 1]) { j += 1; continue }
                        break
                    }
                    // Ordinals and units stuck to the number (1st, 4pm) stay with it.
                    while j < n, isLetter(lower(j)) { j += 1 }
                    out.append(number(bytes, i, j))
                    i = j
                } else if isLetter(b) {
                    var j = i + 1
                    while j < n, isLetter(lower(j)) { j += 1 }
                    let cls = packed((i..<j).lazy.map(lower)).flatMap { classes[$0] } ?? []
                    out.append(Token(kind: .word, start: i, end: j, word: cls))
                    i = j
                } else {
                    if b == 0x25 { out.append(Token(kind: .percent, start: i, end: i + 1)) }
                    i += 1
                }
            }
        }
        return out
    }

    /// A number token over `bytes[start..<end]`, with the facts the measures need.
    ///
    /// A date or year: digit groups separated by `/` or `-` only (no `,` `.` or letters), and either one
    /// or two groups starting with a four-digit year 1990–2099, or three groups with six digits or more.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Token {
        var t = Token(kind: .number, start: start, end: end)
        var groups = 0, firstGroup = 0, current = 0, digits = 0, first = 0
        var onlyDigitsAndSeparators = true
        for k in start..<end {
            let b = bytes[k]
            if b >= 0x30 && b <= 0x39 {
                current += 1; digits += 1
                if groups == 0 && current <= 4 { first = first * 10 + Int(b - 0x30) }
                t.digitsValue = min(t.digitsValue * 10 + Int(b - 0x30), 1000)
            } else if b == 0x2F || b == 0x2D {
                if groups == 0 { firstGroup = current }
                groups += 1; current = 0
                t.isBare = false
            } else {
                onlyDigitsAndSeparators = false   // 1,200 or 4pm: a quantity
            }
        }
        if groups == 0 { firstGroup = current }
        groups += 1
        if onlyDigitsAndSeparators {
            let startsWithYear = firstGroup == 4 && first >= 1990 && first <= 2099
            t.isDateNumber = groups <= 2 ? startsWithYear : (groups == 3 && digits >= 6)
        }
        t.isQuarterDigit = end - start == 1 && bytes[start] >= 0x31 && bytes[start] <= 0x34
        return t
    }

    /// Which tokens are part of a date: years, month names, quarters, and day numbers before a month.
    static func dateTokens(_ ts: [Token]) -> [Bool] {
        var out = [Bool](repeating: false, count: ts.count)
        for (i, t) in ts.enumerated() {
            switch t.kind {
            case .number where t.isDateNumber:
                // A bare four-digit number is a year only where a year is expected ("by 2015",
                // "March 2015"); "2000 extra appointments" is a quantity.
                let before: WordClass = i > 0 ? ts[i - 1].word : []
                if !t.isBare || !before.isDisjoint(with: [.month, .yearLead]) { out[i] = true }
            case .word where t.word.contains(.month):
                out[i] = true
                if i > 0, ts[i - 1].kind == .number, ts[i - 1].digitsValue >= 1 && ts[i - 1].digitsValue <= 31 { out[i - 1] = true }
            case .word where t.word.contains(.q) && i + 1 < ts.count && ts[i + 1].isQuarterDigit:
                out[i] = true; out[i + 1] = true   // "Q2" lexes as the word "q" and the number 2
            default: break
            }
        }
        return out
    }

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
    static func hasTimescale(_ ts: [Token], dates: [Bool]) -> Bool {
        if dates.contains(true) { return true }
        for (i, t) in ts.enumerated() where t.kind == .word {
            if !t.word.isDisjoint(with: [.periodAdverb, .season]) { return true }
            let next = i + 1 < ts.count ? ts[i + 1] : nil
            if t.word.contains(.per), let n = next, n.kind == .word, n.word.contains(.periodUnit) { return true }
            if t.word.contains(.week), let n = next, n.kind == .number { return true }
            if t.word.contains(.year), let n = next, n.word.contains(.end) { return true }
            if t.word.contains(.end), let n = next, n.word.contains(.of) {
                if ts.dropFirst(i + 2).prefix(2).contains(where: { $0.word.contains(.endOfUnit) }) { return true }
            }
        }
        return false
    }

    /// The text states a quantity: a number (not a date or year), a percentage, or a word such as "all" or "half".
    static func hasQuantity(_ ts: [Token], dates: [Bool]) -> Bool {
        for (i, t) in ts.enumerated() where !dates[i] {
            switch t.kind {
            case .percent: return true
            case .number: return true
            case .word: if t.word.contains(.quantity) { return true }
            }
        }
        return false
    }
}
