/// OOXML's `_xHHHH_` escapes in string text (ST_Xstring): `_x000D_` is a carriage return,
/// `_x005F_` a literal underscore (so `_x005F_x0041_` reads "_x0041_"). Surrogate pairs written
/// as two escapes are joined; a lone surrogate becomes U+FFFD.
enum TextEscapes {
    /// Decodes escapes in UTF-8 `bytes`, in place; cheap when there is no "_x".
    static func decode(_ bytes: inout [UInt8]) {
        guard bytes.count >= 7, bytes.contains(0x5F) else { return }
        var out: [UInt8] = []
        var i = 0
        var copiedUpTo = 0
        let n = bytes.count
        var pendingHigh: UInt32?
        func flushHigh() {
            if pendingHigh != nil {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                pendingHigh = nil
            }
        }
        while i + 7 <= n {
            if bytes[i] == 0x5F && bytes[i + 1] == 0x78 && bytes[i + 6] == 0x5F,
               let v = hex4(bytes, i + 2) {
                if out.isEmpty && copiedUpTo == 0 { out.reserveCapacity(n) }
                if copiedUpTo < i { flushHigh() }
                out.append(contentsOf: bytes[copiedUpTo ..< i])
                if (0xD800 ... 0xDBFF).contains(v) {
                    flushHigh()
                    pendingHigh = v
                } else if (0xDC00 ... 0xDFFF).contains(v) {
                    if let high = pendingHigh {
                        let scalar = 0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)
                        out.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
                        pendingHigh = nil
                    } else {
                        out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    }
                } else {
                    flushHigh()
                    out.append(contentsOf: UTF8.encode(Unicode.Scalar(v)!)!)
                }
                i += 7
                copiedUpTo = i
            } else {
                i += 1
            }
        }
        guard copiedUpTo > 0 else { return }
        flushHigh()
        out.append(contentsOf: bytes[copiedUpTo ..< n])
        bytes = out
    }

    private static func hex4(_ b: [UInt8], _ at: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in at ..< at + 4 {
            let c = b[k]
            let d: UInt32
            switch c {
            case 48 ... 57: d = UInt32(c - 48)
            case 65 ... 70: d = UInt32(c - 55)
            case 97 ... 102: d = UInt32(c - 87)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    /// Whether UTF-8 `bytes` hold more than `limit` UTF-16 code units (how Excel counts characters).
    static func exceedsLength(_ bytes: [UInt8], limit: Int) -> Bool {
        if bytes.count <= limit { return false }       // never fewer bytes than UTF-16 units
        if bytes.count / 3 > limit { return true }     // never more than 3 bytes per unit
        var units = 0
        for b in bytes where b & 0xC0 != 0x80 {
            units += b >= 0xF0 ? 2 : 1
        }
        return units > limit
    }
}
