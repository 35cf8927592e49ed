/// The case-insensitive regular expressions the rules use (`matches`), for ASCII text, without
/// Foundation: `NSRegularExpression` hands ICU a UTF-16 copy of every text it is given, and that
/// copy cost more than the match (a `MIN-CONTENT` check was a tenth of checking a plan).
///
/// Only a subset of ICU's syntax is compiled, and only ASCII text is matched here: `compile`
/// returns nil for any other pattern, and callers use `NSRegularExpression` for those and for
/// text beyond ASCII, so every answer is ICU's. The subset: literals, `.`, classes with ranges,
/// `\s \S \d \D \w \W \b`, escaped punctuation, groups `( )` and `(?: )`, `|`, `^ $`, and the
/// quantifiers `? * + {n} {n,} {n,m}` (lazy or greedy: whether a match exists does not depend on
/// it). The tests match every catalogue pattern and many random ones both ways.
///
/// Matching runs the pattern's automaton over the text once, keeping the set of live states
/// (no backtracking, so no pattern takes more than time proportional to the text times the
/// pattern), and skips ahead to bytes that can start a match while no state is live.
final class ASCIIRegex: @unchecked Sendable {
    /// One instruction: consume a byte of `sets[arg]`, fork to `arg` and `arg2`, jump to `arg`, an
    /// assertion, or the match.
    private enum Op: UInt8 { case byte, split, jump, lineStart, lineEnd, wordBoundary, match }
    private var ops: [Op] = []
    private var args: [Int32] = []
    private var args2: [Int32] = []
    /// 128-bit byte sets (ASCII), two words each.
    private var sets: [(UInt64, UInt64)] = []
    /// The bytes that can be the first a match consumes; `startsEmpty` when a match may consume none.
    private var first: (UInt64, UInt64) = (0, 0)
    private var startsEmpty = false

    /// Most instructions a compiled pattern may have (a `{n,m}` is copied out).
    static let maxOps = 4000

    private init() {}

    // MARK: - Compiling

    /// The pattern compiled, or nil when it uses anything outside the subset.
    static func compile(_ pattern: String) -> ASCIIRegex? {
        guard pattern.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        var parser = Parser(Array(pattern.utf8))
        guard let tree = parser.alternation(), parser.atEnd else { return nil }
        let r = ASCIIRegex()
        guard r.emit(tree), r.ops.count < maxOps else { return nil }
        r.append(.match)
        r.computeFirst()
        return r
    }

    /// A parsed pattern.
    private indirect enum Node {
        case set(UInt64, UInt64)
        case lineStart, lineEnd, wordBoundary
        case sequence([Node])
        case alternatives([Node])
        case repeated(Node, min: Int, max: Int?)   // max nil: unbounded
    }

    private struct Parser {
        let p: [UInt8]
        var i = 0
        init(_ p: [UInt8]) { self.p = p }
        var atEnd: Bool { i == p.count }

        mutating func alternation() -> Node? {
            var options: [Node] = []
            while true {
                guard let s = sequence() else { return nil }
                options.append(s)
                guard i < p.count, p[i] == UInt8(ascii: "|") else { break }
                i += 1
            }
            return options.count == 1 ? options[0] : .alternatives(options)
        }

        mutating func sequence() -> Node? {
            var items: [Node] = []
            while i < p.count, p[i] != UInt8(ascii: "|"), p[i] != UInt8(ascii: ")") {
                guard var atom = atom() else { return nil }
                // Quantifiers, each optionally lazy (`?`); possessive ones (`+`) are ICU's alone.
                while i < p.count, let (lo, hi) = quantifier() {
                    if i < p.count, p[i] == UInt8(ascii: "?") { i += 1 } else if i < p.count, p[i] == UInt8(ascii: "+") { return nil }
                    // A repeated part that can match nothing is left to ICU: its backtracking stops such
                    // a loop in ways that can miss a match, and the answer must be ICU's.
                    if (hi ?? 2) > 1 && ASCIIRegex.nullable(atom) { return nil }
                    if case .lineStart = atom { return nil }
                    if case .lineEnd = atom { return nil }
                    if case .wordBoundary = atom { return nil }
                    atom = .repeated(atom, min: lo, max: hi)
                }
                items.append(atom)
            }
            return .sequence(items)
        }

        /// `?`, `*`, `+` or `{n}`, `{n,}`, `{n,m}` at `i`, as bounds.
        mutating func quantifier() -> (Int, Int?)? {
            switch p[i] {
            case UInt8(ascii: "?"): i += 1; return (0, 1)
            case UInt8(ascii: "*"): i += 1; return (0, nil)
            case UInt8(ascii: "+"): i += 1; return (1, nil)
            case UInt8(ascii: "{"):
                var j = i + 1
                func number() -> Int? {
                    let start = j
                    while j < p.count, p[j] >= 0x30, p[j] <= 0x39, j - start < 4 { j += 1 }
                    return j > start ? Int(String(decoding: p[start..<j], as: UTF8.self)) : nil
                }
                guard let lo = number() else { return nil }
                var hi: Int? = lo
                if j < p.count, p[j] == UInt8(ascii: ",") {
                    j += 1
                    hi = number()
                    if let h = hi, h < lo { return nil }
                }
                guard j < p.count, p[j] == UInt8(ascii: "}") else { return nil }
                i = j + 1
                return (lo, hi)
            default:
                return nil
            }
        }

        mutating func atom() -> Node? {
            let c = p[i]
            i += 1
            switch c {
            case UInt8(ascii: "("):
                if i < p.count, p[i] == UInt8(ascii: "?") {
                    guard i + 1 < p.count, p[i + 1] == UInt8(ascii: ":") else { return nil }   // only `(?:`
                    i += 2
                }
                guard let inner = alternation(), i < p.count, p[i] == UInt8(ascii: ")") else { return nil }
                i += 1
                return inner
            case UInt8(ascii: "["): return bracket()
            case UInt8(ascii: "."):   // any character but a line terminator
                let s = ASCIIRegex.anyBut([0x0A, 0x0B, 0x0C, 0x0D])
                return .set(s.0, s.1)
            case UInt8(ascii: "^"): return .lineStart
            case UInt8(ascii: "$"): return .lineEnd
            case UInt8(ascii: "\\"):
                guard i < p.count else { return nil }
                let e = p[i]
                i += 1
                if e == UInt8(ascii: "b") { return .wordBoundary }
                guard let set = ASCIIRegex.escapeSet(e) else { return nil }
                return .set(set.0, set.1)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "?"),
                 UInt8(ascii: "*"), UInt8(ascii: "+"):
                return nil   // where ICU would refuse the pattern or read it another way
            default:
                let s = ASCIIRegex.caseless(c)
                return .set(s.0, s.1)
            }
        }

        /// A class after its `[`: items, ranges, escapes, `^` for the complement.
        mutating func bracket() -> Node? {
            var negate = false
            if i < p.count, p[i] == UInt8(ascii: "^") { negate = true; i += 1 }
            var set: (UInt64, UInt64) = (0, 0)
            var firstItem = true
            while i < p.count, p[i] != UInt8(ascii: "]") {
                var c = p[i]
                i += 1
                // Anything that makes ICU's classes differ from a plain set (nested sets, `&&`, `--`,
                // POSIX names, properties) is left to ICU.
                if c == UInt8(ascii: "[") || (c == UInt8(ascii: "&") && i < p.count && p[i] == UInt8(ascii: "&")) { return nil }
                if c == UInt8(ascii: "\\") {
                    guard i < p.count else { return nil }
                    let e = p[i]
                    i += 1
                    guard let s = ASCIIRegex.escapeSet(e) else { return nil }
                    if !ASCIIRegex.isPunctuation(e) {   // \s, \d, \w… cannot start a range
                        if i + 1 < p.count, p[i] == UInt8(ascii: "-"), p[i + 1] != UInt8(ascii: "]") { return nil }
                        set = (set.0 | s.0, set.1 | s.1)
                        firstItem = false
                        continue
                    }
                    c = e
                }
                if c == UInt8(ascii: "-") && !firstItem && i < p.count && p[i] != UInt8(ascii: "]") { return nil }   // `a-b-c`, `--`
                if i + 1 < p.count, p[i] == UInt8(ascii: "-"), p[i + 1] != UInt8(ascii: "]") {
                    var hi = p[i + 1]
                    i += 2
                    if hi == UInt8(ascii: "\\") {
                        guard i < p.count, ASCIIRegex.isPunctuation(p[i]) else { return nil }
                        hi = p[i]
                        i += 1
                    } else if hi == UInt8(ascii: "[") {
                        return nil
                    }
                    guard hi >= c else { return nil }
                    for b in c...hi {
                        let s = ASCIIRegex.caseless(b)
                        set = (set.0 | s.0, set.1 | s.1)
                    }
                } else {
                    let s = ASCIIRegex.caseless(c)
                    set = (set.0 | s.0, set.1 | s.1)
                }
                firstItem = false
            }
            guard i < p.count, !firstItem else { return nil }   // unclosed, or `[]` / `[^]`
            i += 1
            if negate { set = (~set.0, ~set.1) }
            return .set(set.0, set.1)
        }
    }

    /// Whether a part can match without consuming anything.
    private static func nullable(_ n: Node) -> Bool {
        switch n {
        case .set: return false
        case .lineStart, .lineEnd, .wordBoundary: return true
        case .sequence(let items): return items.allSatisfy(nullable)
        case .alternatives(let options): return options.contains(where: nullable)
        case .repeated(let inner, let lo, _): return lo == 0 || nullable(inner)
        }
    }

    /// The set a backslash escape stands for: `\s \S \d \D \w \W`, or an escaped punctuation character.
    fileprivate static func escapeSet(_ e: UInt8) -> (UInt64, UInt64)? {
        switch e {
        case UInt8(ascii: "s"): return spaces
        case UInt8(ascii: "S"): return (~spaces.0, ~spaces.1)
        case UInt8(ascii: "d"): return digits
        case UInt8(ascii: "D"): return (~digits.0, ~digits.1)
        case UInt8(ascii: "w"): return wordBytes
        case UInt8(ascii: "W"): return (~wordBytes.0, ~wordBytes.1)
        default: return isPunctuation(e) ? caseless(e) : nil
        }
    }

    fileprivate static func isPunctuation(_ e: UInt8) -> Bool {
        (e >= 0x21 && e <= 0x2F) || (e >= 0x3A && e <= 0x40) || (e >= 0x5B && e <= 0x60) || (e >= 0x7B && e <= 0x7E)
    }

    /// ICU's `\s` within ASCII: tab, line feed, vertical tab, form feed, carriage return and space
    /// (the vertical tab too, though ICU's documentation leaves it out: the tests compare with ICU).
    static let spaces = bits([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20])
    static let digits = bits(Array(0x30...0x39))
    /// ICU's `\w` within ASCII: letters, digits and `_`.
    static let wordBytes = bits(Array(0x30...0x39) + Array(0x41...0x5A) + Array(0x61...0x7A) + [0x5F])

    static func bits(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        var s: (UInt64, UInt64) = (0, 0)
        for b in bytes where b < 128 { if b < 64 { s.0 |= 1 << UInt64(b) } else { s.1 |= 1 << UInt64(b - 64) } }
        return s
    }

    fileprivate static func anyBut(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        let s = bits(bytes)
        return (~s.0, ~s.1)
    }

    /// A byte and, for a letter, its other case (the patterns are case-insensitive).
    fileprivate static func caseless(_ b: UInt8) -> (UInt64, UInt64) {
        if b >= 0x41 && b <= 0x5A { return bits([b, b + 0x20]) }
        if b >= 0x61 && b <= 0x7A { return bits([b, b - 0x20]) }
        return bits([b])
    }

    static func contains(_ s: (UInt64, UInt64), _ b: UInt8) -> Bool {
        b < 64 ? s.0 & (1 << UInt64(b)) != 0 : (b < 128 && s.1 & (1 << UInt64(b - 64)) != 0)
    }

    // MARK: - The automaton

    @discardableResult
    private func append(_ op: Op, _ a: Int = 0, _ b: Int = 0) -> Int {
        ops.append(op); args.append(Int32(a)); args2.append(Int32(b))
        return ops.count - 1
    }

    /// Thompson's construction; false when the program grows past `maxOps`.
    private func emit(_ n: Node) -> Bool {
        guard ops.count < Self.maxOps else { return false }
        switch n {
        case .set(let a, let b):
            sets.append((a, b))
            append(.byte, sets.count - 1)
        case .lineStart: append(.lineStart)
        case .lineEnd: append(.lineEnd)
        case .wordBoundary: append(.wordBoundary)
        case .sequence(let items):
            for item in items where !emit(item) { return false }
        case .alternatives(let options):
            var jumps: [Int] = []
            for (k, option) in options.enumerated() {
                if k < options.count - 1 {
                    let split = append(.split)
                    args[split] = Int32(split + 1)
                    guard emit(option) else { return false }
                    jumps.append(append(.jump))
                    args2[split] = Int32(ops.count)
                } else {
                    guard emit(option) else { return false }
                }
            }
            for j in jumps { args[j] = Int32(ops.count) }
        case .repeated(let inner, let lo, let hi):
            for _ in 0..<lo where !emit(inner) { return false }
            if let hi {
                // Each optional copy may be skipped, to after the last.
                var splits: [Int] = []
                for _ in lo..<hi {
                    let split = append(.split)
                    args[split] = Int32(split + 1)
                    splits.append(split)
                    guard emit(inner) else { return false }
                }
                for s in splits { args2[s] = Int32(ops.count) }
            } else {
                let split = append(.split)
                args[split] = Int32(split + 1)
                guard emit(inner) else { return false }
                append(.jump, split)
                args2[split] = Int32(ops.count)
            }
        }
        return true
    }

    /// The bytes a match can consume first, and whether a match can consume none (then there is no skipping).
    private func computeFirst() {
        var seen = [Bool](repeating: false, count: ops.count)
        var stack = [0]
        while let s = stack.popLast() {
            if seen[s] { continue }
            seen[s] = true
            switch ops[s] {
            case .byte: let set = sets[Int(args[s])]; first = (first.0 | set.0, first.1 | set.1)
            case .split: stack.append(Int(args[s])); stack.append(Int(args2[s]))
            case .jump: stack.append(Int(args[s]))
            case .lineStart, .lineEnd, .wordBoundary: stack.append(s + 1)   // zero-width: look past them
            case .match: startsEmpty = true
            }
        }
    }

    // MARK: - Matching

    /// Whether the pattern matches somewhere in `text`, which must be ASCII.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = text.count, count = ops.count
        var current = [Int32](), next = [Int32]()
        current.reserveCapacity(count); next.reserveCapacity(count)
        var mark = [Int](repeating: -1, count: count)   // the step a state was last added in
        var stack = [Int32]()
        var generation = 0
        func isWord(_ at: Int) -> Bool { at >= 0 && at < n && ASCIIRegex.contains(ASCIIRegex.wordBytes, text[at]) }
        /// Adds `s` and what it leads to without consuming, at position `at`; true on reaching the match.
        func add(_ s: Int32, at: Int, to list: inout [Int32]) -> Bool {
            stack.append(s)
            while let t = stack.popLast() {
                let k = Int(t)
                if mark[k] == generation { continue }
                mark[k] = generation
                switch ops[k] {
                case .byte: list.append(t)
                case .split: stack.append(args2[k]); stack.append(args[k])
                case .jump: stack.append(args[k])
                case .lineStart: if at == 0 { stack.append(t + 1) }
                case .lineEnd:
                    // The end, or just before a line terminator that ends the text (CR LF counting as one:
                    // not between its two characters).
                    let end = at == n || (at == n - 1 && text[at] >= 0x0A && text[at] <= 0x0D && !(text[at] == 0x0A && at > 0 && text[at - 1] == 0x0D))
                        || (at == n - 2 && text[at] == 0x0D && text[at + 1] == 0x0A)
                    if end { stack.append(t + 1) }
                case .wordBoundary: if isWord(at - 1) != isWord(at) { stack.append(t + 1) }
                case .match: stack.removeAll(keepingCapacity: true); return true
                }
            }
            return false
        }
        // `generation` numbers the positions: a state is in `current` at most once per position.
        var at = 0
        generation = 1
        while true {
            if current.isEmpty && !startsEmpty {
                // No match under way: the next one starts at a byte that can begin one. (A new
                // position: the states the last step looked at are not in `current`.)
                while at < n && !ASCIIRegex.contains(first, text[at]) { at += 1 }
                if at == n { return false }
                generation += 1
            }
            if add(0, at: at, to: &current) { return true }   // a match may start here too
            if at == n { return false }
            let c = text[at]
            generation += 1
            next.removeAll(keepingCapacity: true)
            for s in current where ASCIIRegex.contains(sets[Int(args[Int(s)])], c) {
                if add(s + 1, at: at + 1, to: &next) { return true }
            }
            swap(&current, &next)
            at += 1
        }
    }
}
