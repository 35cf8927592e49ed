/// The shared-string table (`xl/sharedStrings.xml`): each `<si>` as one String, rich-text runs
/// joined, phonetic runs (`<rPh>`) skipped, `_xHHHH_` escapes decoded.
enum SharedStrings {
    static func parse(_ bytes: [UInt8], part: String, limits: XLSXReadLimits) throws -> [String] {
        try withXMLScanner(bytes, part: part) { sc in
            var strings: [String] = []
            var text: [UInt8] = []
            var inItem = false
            var itemDepth = 0
            var phoneticDepth = 0      // > 0 inside <rPh>
            var inT = false
            let byteCap = maxEncodedBytes(limits.maxStringLength)
            while true {
                switch try sc.next() {
                case .start:
                    if sc.nameIs("si") && !inItem {
                        inItem = true
                        itemDepth = sc.depth
                        text.removeAll(keepingCapacity: true)
                        if sc.depth == 1 {
                            throw sc.error("<si> as the root element")
                        }
                    } else if inItem {
                        if sc.nameIs("rPh") && phoneticDepth == 0 { phoneticDepth = sc.depth }
                        else if sc.nameIs("t") && phoneticDepth == 0 { inT = true }
                    }
                case .end:
                    if inItem && sc.nameIs("t") { inT = false }
                    else if phoneticDepth > 0 && sc.nameIs("rPh") && sc.depth == phoneticDepth - 1 { phoneticDepth = 0 }
                    else if inItem && sc.nameIs("si") && sc.depth == itemDepth - 1 {
                        inItem = false
                        guard strings.count < limits.maxSharedStrings else {
                            throw sc.error("more than \(grouped(limits.maxSharedStrings)) shared strings (limit)")
                        }
                        TextEscapes.decode(&text)
                        if TextEscapes.exceedsLength(text, limit: limits.maxStringLength) {
                            throw sc.error("shared string \(grouped(strings.count)) is longer than \(grouped(limits.maxStringLength)) characters (limit)")
                        }
                        strings.append(String(decoding: text, as: UTF8.self))
                    }
                case .text:
                    if inT {
                        try sc.appendText(to: &text)
                        if text.count > byteCap {
                            throw sc.error("shared string \(grouped(strings.count)) is longer than \(grouped(limits.maxStringLength)) characters (limit)")
                        }
                    }
                case .endOfDocument:
                    return strings
                }
            }
        }
    }
}

/// The most UTF-8 bytes (escapes included) a string within `limit` characters can take:
/// `_xHHHH_` spends 7 bytes on one UTF-16 unit.
func maxEncodedBytes(_ limit: Int) -> Int {
    limit > Int.max / 8 ? Int.max : 7 * limit + 7
}
