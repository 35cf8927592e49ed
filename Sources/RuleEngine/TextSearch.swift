import Foundation

/// The folded, case-insensitive substring search behind `contains` and `contains_any`: case is
/// ignored and any run of whitespace counts as one space. ASCII text is compared byte by byte;
/// text with other letters falls back to full Unicode lower-casing.
enum TextSearch {
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
        return search(hay, n)
    }

    /// A needle folded once (a phrase known when the rules are compiled), for `containsIgnoringCase`.
    struct Needle {
        let text: String
        /// Folded; nil when the needle is not ASCII (then both sides are normalised, as above).
        let folded: [UInt8]?

        init(_ text: String) {
            var copy = text
            self.text = text
            folded = copy.withUTF8 { TextSearch.fold($0) }
        }

        /// `containsIgnoringCase(haystack, text, cache:)`.
        func isIn(_ haystack: String, cache: FoldCache) -> Bool {
            guard let n = folded, let hay = cache.fold(haystack, slot: 0) else {
                return normalised(haystack).contains(normalised(text))
            }
            return search(hay, n)
        }
    }

    /// Whether the folded needle `n` occurs in the folded text `hay`.
    private static func search(_ hay: [UInt8], _ n: [UInt8]) -> Bool {
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
            let folded = copy.withUTF8 { TextSearch.fold($0) }
            keys[slot] = s
            values[slot] = folded
            return folded
        }
    }

    /// ASCII bytes lower-cased, whitespace runs collapsed to one space, ends trimmed; nil for non-ASCII text.
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            if b >= 0x80 { return nil }
            if isSpace(b) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(lower(b))
        }
        return out
    }

    /// The whitespace `fold` collapses: space, tab, line feed, carriage return.
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    /// Each byte folded: ASCII letters lower-cased, `fold`'s whitespace as a space, anything else as it is.
    static let foldTable: [UInt8] = (0...255).map { b in isSpace(UInt8(b)) ? 0x20 : lower(UInt8(b)) }

    /// True when every byte is ASCII (eight at a time where it can).
    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        guard let base = b.baseAddress else { return true }
        while i + 8 <= n {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n { if b[i] >= 0x80 { return false }; i += 1 }
        return true
    }

    /// Many phrases searched at once: bucketed by their first two folded bytes, with a table from
    /// every possible pair to its bucket, so a text is scanned once at one table lookup a position.
    ///
    /// An ASCII text is scanned as it is, folding as it goes: a folded phrase never starts or ends with
    /// a space and never has two in a row, so it matches the folded text exactly where it matches the
    /// raw text with each of its spaces standing for a run of whitespace.
    final class PhraseSet: @unchecked Sendable {
        // All `let`: the set is read by many threads, and reading a class's `var` in the scan loop
        // would cost a dynamic exclusivity check per byte.
        /// For each pair of bytes (first << 8 | second), 1 + the index in `buckets` of the phrases starting
        /// with it, or 0 when none does (128 KB; the pairs of lower-case text use a few KB of it).
        private let bucketOfPair: [UInt16]
        /// One bit for each pair that starts a phrase (8 KB, small enough to stay in the fastest cache,
        /// where `bucketOfPair` is not): most pairs of a text start none, and are ruled out here.
        private let startsPhrase: [UInt64]
        private let buckets: [[[UInt8]]]
        /// Phrases of fewer than two folded bytes, and phrases that are not ASCII (normalised).
        private let short: [[UInt8]]
        private let unicode: [String]

        init(_ phrases: [String]) {
            var table = [UInt16](repeating: 0, count: 1 << 16)
            var buckets: [[[UInt8]]] = [], short: [[UInt8]] = [], unicode: [String] = []
            for p in phrases {
                var copy = p
                guard let f = copy.withUTF8({ TextSearch.fold($0) }) else { unicode.append(TextSearch.normalised(p)); continue }
                if f.count < 2 { short.append(f); continue }
                let pair = Int(f[0]) << 8 | Int(f[1])
                if table[pair] == 0 {
                    buckets.append([])
                    table[pair] = UInt16(buckets.count)   // at most 65,535 distinct pairs of ASCII bytes
                }
                buckets[Int(table[pair]) - 1].append(f)
            }
            bucketOfPair = table
            var bits = [UInt64](repeating: 0, count: (1 << 16) / 64)
            for pair in table.indices where table[pair] != 0 { bits[pair >> 6] |= 1 << UInt64(pair & 63) }
            startsPhrase = bits
            self.buckets = buckets
            self.short = short
            self.unicode = unicode
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
            let ascii = copy.withUTF8 { TextSearch.isASCII($0) }
            guard ascii else {
                let n = TextSearch.normalised(text)
                let all = unicode + buckets.flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) } + short.map { String(decoding: $0, as: UTF8.self) }
                return all.contains { n.contains($0) }
            }
            if !unicode.isEmpty {
                let n = TextSearch.normalised(text)
                if unicode.contains(where: { n.contains($0) }) { return true }
            }
            return copy.withUTF8 { scan($0) }
        }

        /// The ASCII search, in one pass: each folded character and the one after it (a space for a
        /// run of whitespace with more text after it) make a pair, looked up in `bucketOfPair`.
        private func scan(_ h: UnsafeBufferPointer<UInt8>) -> Bool {
            for s in short {
                guard let c = s.first else { return true }   // an empty phrase is in every text
                if h.contains(where: { lower($0) == c }) { return true }
            }
            // The tables are read through pointers: the loop visits every byte of every text of a plan,
            // and an array read there (a global's lazy-initialisation check, a bounds check) costs more
            // than the lookup itself.
            return TextSearch.foldTable.withUnsafeBufferPointer { fold in
                startsPhrase.withUnsafeBufferPointer { starts in
                    var previous = 0            // the last folded character that is not a space…
                    var previousAt = -1         // …and its position
                    var gap = false             // whitespace since then
                    for i in 0..<h.count {
                        let c = Int(fold[Int(h[i])])
                        if c == 0x20 { gap = previousAt >= 0; continue }
                        if previousAt >= 0 {
                            let pair = previous << 8 | (gap ? 0x20 : c)
                            if starts[pair >> 6] & (1 << UInt64(pair & 63)) != 0 {
                                for candidate in buckets[Int(bucketOfPair[pair]) - 1] where phrase(candidate, at: previousAt, in: h) { return true }
                            }
                        }
                        previous = c; previousAt = i; gap = false
                    }
                    return false
                }
            }
        }

        /// Whether the folded phrase `c` starts at byte `i` of the raw text: each of its spaces matches a run of whitespace.
        private func phrase(_ c: [UInt8], at i: Int, in h: UnsafeBufferPointer<UInt8>) -> Bool {
            var r = i
            for p in c {
                guard r < h.count else { return false }
                if p == 0x20 {
                    guard isSpace(h[r]) else { return false }
                    while r < h.count && isSpace(h[r]) { r += 1 }
                } else {
                    guard lower(h[r]) == p else { return false }
                    r += 1
                }
            }
            return true
        }
    }
}
