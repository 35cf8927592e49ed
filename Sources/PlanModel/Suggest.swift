/// "Did you mean …?" suggestions for misspelt keys and names.
public enum Suggest {
    /// The candidate closest to `word`, or nil when none is close enough.
    ///
    /// Compares case-insensitively with `_`, `-` and space treated as the same character, using the
    /// optimal-string-alignment (restricted Damerau–Levenshtein) distance. A candidate qualifies when the
    /// distance is at most max(1, min(3, word.count / 3)), or when one is a prefix of the other and that
    /// prefix is at least 4 characters long. The smallest distance wins; ties go to the earliest candidate.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let w = normalized(word)
        let limit = max(1, min(3, w.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let c = normalized(candidate)
            let d = distance(w, c)
            let shorter = min(w.count, c.count)
            let prefix = shorter >= 4 && (w.starts(with: c) || c.starts(with: w))
            guard d <= limit || prefix else { continue }
            if best == nil || d < best!.distance { best = (candidate, d) }
        }
        return best?.candidate
    }

    /// The word as lower-cased characters, with `-` and space turned into `_`.
    static func normalized(_ s: String) -> [Character] {
        s.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 }
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var previous2 = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, previous2[j - 2] + 1) }
                current[j] = v
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
