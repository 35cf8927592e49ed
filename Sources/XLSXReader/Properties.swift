/// Document properties: `docProps/core.xml` (title, creator...) and `docProps/custom.xml`.
enum Properties {
    /// Core properties by local element name: "title", "creator", "subject", "description",
    /// "keywords", "lastModifiedBy", "created", "modified", "category", ... Values as stored.
    static func parseCore(_ bytes: [UInt8], part: String, limits: XLSXReadLimits) throws -> [String: String] {
        try withXMLScanner(bytes, part: part) { sc in
            var props: [String: String] = [:]
            var current: String?
            var text: [UInt8] = []
            while true {
                switch try sc.next() {
                case .start:
                    if sc.depth == 2 {
                        current = sc.name
                        text.removeAll(keepingCapacity: true)
                    }
                case .text:
                    if current != nil {
                        try sc.appendText(to: &text)
                        if text.count > maxEncodedBytes(limits.maxStringLength) {
                            throw sc.error("a property is longer than \(grouped(limits.maxStringLength)) characters (limit)")
                        }
                    }
                case .end:
                    if sc.depth == 1, let key = current {
                        if props.count < 1_000 { props[key] = String(decoding: text, as: UTF8.self) }
                        current = nil
                    }
                case .endOfDocument:
                    return props
                }
            }
        }
    }

    /// Custom properties by name, values as text: strings as stored, numbers plainly ("12", "3.5"),
    /// booleans "true"/"false", dates as stored (ISO 8601).
    static func parseCustom(_ bytes: [UInt8], part: String, limits: XLSXReadLimits) throws -> [String: String] {
        try withXMLScanner(bytes, part: part) { sc in
            var props: [String: String] = [:]
            var name: String?
            var type = ""
            var text: [UInt8] = []
            while true {
                switch try sc.next() {
                case .start:
                    if sc.depth == 2 && sc.nameIs("property") {
                        name = try sc.attributeValue("name")
                        type = ""
                        text.removeAll(keepingCapacity: true)
                    } else if sc.depth == 3 && name != nil {
                        type = sc.name
                    }
                case .text:
                    if name != nil && sc.depth == 3 {
                        try sc.appendText(to: &text)
                        if text.count > maxEncodedBytes(limits.maxStringLength) {
                            throw sc.error("a custom property is longer than \(grouped(limits.maxStringLength)) characters (limit)")
                        }
                    }
                case .end:
                    if sc.depth == 1, let key = name {
                        if props.count < 10_000 { props[key] = plain(String(decoding: text, as: UTF8.self), type: type) }
                        name = nil
                    }
                case .endOfDocument:
                    return props
                }
            }
        }
    }

    private static func plain(_ value: String, type: String) -> String {
        switch type {
        case "i1", "i2", "i4", "i8", "int", "ui1", "ui2", "ui4", "ui8", "uint", "r4", "r8", "decimal":
            let t = value.trimmingSpaces()
            if let n = SheetParser.parseNumber(Array(t.utf8)) { return formatPlainNumber(n) }
            return t
        case "bool":
            let t = value.trimmingSpaces().lowercased()
            return t == "1" || t == "true" ? "true" : "false"
        default:
            return value
        }
    }
}
