/// Excel's rules for sheet names and defined names.
enum Names {
    /// The case-insensitive key Excel compares names by.
    static func key(_ name: String) -> String { name.lowercased() }

    /// Why `name` cannot be a sheet name, or nil.
    static func sheetNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "sheet names cannot be empty" }
        if name.utf16.count > 31 { return "sheet names are at most 31 characters" }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) {
            return "sheet names cannot contain \(bad) (none of []:*?/\\)"
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "sheet names cannot contain control characters"
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "sheet names cannot start or end with an apostrophe" }
        if key(name) == "history" { return "\"History\" is reserved by Excel" }
        return nil
    }

    /// Why `name` cannot be a defined name, or nil: a letter, `_` or `\` first, then letters, digits,
    /// `_` and `.`; not a cell reference; at most 255 characters.
    static func definedNameProblem(_ name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "names cannot be empty" }
        // The common case, an ASCII name such as NE_Section2_NE05, checked byte by byte.
        if name.utf8.count <= 255, name.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(name.utf8)
            let letter: (UInt8) -> Bool = { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
            if letter(bytes[0]) || bytes[0] == UInt8(ascii: "_") || bytes[0] == UInt8(ascii: "\\"),
               bytes.dropFirst().allSatisfy({ letter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }),
               !A1.looksLikeCellReference(name), !key(name).hasPrefix("_xlnm.") {
                return nil
            }
        }
        if name.unicodeScalars.count > 255 { return "names are at most 255 characters" }
        guard first.properties.isAlphabetic || first == "_" || first == "\\" else {
            return "names must start with a letter, _ or \\"
        }
        for s in name.unicodeScalars.dropFirst() {
            guard s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "." else {
                return "names may contain only letters, digits, _ and ."
            }
        }
        if A1.looksLikeCellReference(name) { return "names cannot look like a cell reference (A1 or R1C1)" }
        if key(name).hasPrefix("_xlnm.") { return "_xlnm. names are reserved by Excel" }
        return nil
    }
}
