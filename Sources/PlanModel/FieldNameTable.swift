/// Field names to positions, for names that are all ASCII: hashed and compared as bytes, several
/// times cheaper than a `[String: Int]` lookup (the rule engine looks fields up by name all the time).
///
/// Two ASCII strings are equal as `String`s exactly when their bytes are, so for an ASCII name the
/// answer is the dictionary's; a name that is not ASCII is left to the dictionary (`lookup` gives nil).
struct FieldNameTable: Sendable {
    /// Open addressing, a power of two at least twice the names: 1 + an index into `entries`, 0 for empty.
    private let slots: [Int32]
    /// Each name's bytes in `bytes`, and its field's position.
    private let entries: [(start: Int, count: Int, index: Int)]
    private let bytes: [UInt8]

    /// Nil when a name is not ASCII.
    init?(_ index: [String: Int]) {
        var size = 8
        while size < 2 * index.count { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        var entries: [(start: Int, count: Int, index: Int)] = [], bytes: [UInt8] = []
        for (name, i) in index {
            let b = Array(name.utf8)
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            var s = Int(Self.hash(b) & UInt64(size - 1))
            while slots[s] != 0 { s = (s + 1) & (size - 1) }
            entries.append((bytes.count, b.count, i))
            bytes += b
            slots[s] = Int32(entries.count)
        }
        self.slots = slots
        self.entries = entries
        self.bytes = bytes
    }

    /// `.some(position)`, or `.some(nil)` when there is no such field, for an ASCII name; nil when
    /// `name` is not ASCII (or not stored contiguously), for the dictionary to answer.
    func lookup(_ name: String) -> Int?? {
        name.utf8.withContiguousStorageIfAvailable { b -> Int?? in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            let mask = slots.count - 1
            var s = Int(Self.hash(b) & UInt64(mask))
            while true {
                let k = Int(slots[s])
                if k == 0 { return .some(nil) }
                let e = entries[k - 1]
                if e.count == b.count, (0..<e.count).allSatisfy({ bytes[e.start + $0] == b[$0] }) { return .some(e.index) }
                s = (s + 1) & mask
            }
        } ?? nil
    }

    /// FNV-1a: a few instructions a byte, and field names are short.
    private static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
