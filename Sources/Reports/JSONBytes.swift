/// JSON text built straight into UTF-8 bytes: literal pieces, quoted strings and integers, with no
/// temporary `String` per field (reports write every field of every finding, so those add up).
struct JSONBytes {
    /// The text so far, as UTF-8.
    var bytes: [UInt8] = []

    /// Empty text, with room for `capacity` bytes.
    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Forgets the text but keeps the memory, so one writer can render fragment after fragment.
    mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    /// Appends literal text as it is: punctuation, keys, indentation (the caller writes valid JSON).
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends an integer in decimal, as `"\(n)"` writes it.
    mutating func int(_ n: Int) {
        // Digits come least significant first, so they fill a small stack buffer from its end
        // (20 bytes: `Int.min` has 19 digits and a sign), which is then appended in one go.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var m = n.magnitude, i = digits.count
            repeat {
                i -= 1
                digits[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m % 10)
                m /= 10
            } while m != 0
            if n < 0 { i -= 1; digits[i] = UInt8(ascii: "-") }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// Appends `s` as a JSON string literal with the escapes RFC 8259 requires: `"` and `\` escaped,
    /// LF, CR and TAB as `\n`, `\r`, `\t`, the other code points below U+0020 as `\u00xx` (lower-case
    /// hex), and everything else (all non-ASCII included) as its UTF-8, unchanged.
    mutating func string(_ s: String) {
        // Native strings hand out their UTF-8 in place; others (bridged ones) are copied once.
        if s.utf8.withContiguousStorageIfAvailable({ escaped($0) }) == nil {
            Array(s.utf8).withUnsafeBufferPointer { escaped($0) }
        }
    }

    /// The quoted literal of `utf8`. The bytes that need an escape are all ASCII, and ASCII bytes
    /// never occur inside a multi-byte UTF-8 sequence, so escaping byte by byte is exact; the runs
    /// between escapes (usually the whole text) are copied in one go.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        let words = UnsafeRawBufferPointer(utf8)
        var copied = 0  // utf8[..<copied] is written out
        var i = 0
        while i < utf8.count {
            // Most text needs no escape at all: skip it eight bytes at a time.
            if i + 8 <= utf8.count, !Self.anyNeedsEscape(words.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
                continue
            }
            let b = utf8[i]
            if Self.needsEscape(b) {
                if copied < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<i])) }
                escape(b)
                copied = i + 1
            }
            i += 1
        }
        if copied < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied...])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether byte `b` needs an escape: a control character, a quote or a backslash.
    private static func needsEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\")
    }

    /// Whether any of the eight bytes in `word` needs an escape (`needsEscape`), tested all at once.
    ///
    /// `(x - n·0x01…01) & ~x & 0x80…80` is non-zero exactly when some byte of `x` is below `n`
    /// (for `n` ≤ 0x80): going up from the lowest byte, the first byte below `n` borrows into its own
    /// top bit, which `~x` keeps because that byte was below 0x80; bytes at or above `n` borrow
    /// nothing, and set their top bit only if it was set already. A byte equal to `c` is a zero byte
    /// of `x ^ c·0x01…01`, i.e. one below 1.
    private static func anyNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let below = ((word &- ones &* 0x20) & ~word) | ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
        return below & tops != 0
    }

    /// The escape of one byte that needs one (a quote, a backslash or a control character).
    private mutating func escape(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case UInt8(ascii: "\n"): raw("\\n")
        case UInt8(ascii: "\r"): raw("\\r")
        case UInt8(ascii: "\t"): raw("\\t")
        default:
            raw("\\u00")
            bytes.append(Self.hexDigit(b >> 4))
            bytes.append(Self.hexDigit(b & 0xF))
        }
    }

    /// The lower-case hex digit of `v` (0…15).
    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }

    /// The text as a `String`.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
