import Foundation

/// Worksheet names for plans: Excel's rules (1–31 characters, none of `[]:*?/\`, no apostrophe at either end,
/// not "History", unique ignoring case), shortened readably ("… System Resilience Group" becomes "… SRG").
public struct SheetNames {
    private var taken: Set<String>

    /// `reserved` names (e.g. the summary sheet's) are never handed out.
    public init(reserved: [String] = []) { taken = Set(reserved.map { $0.lowercased() }) }

    /// A new unique, valid sheet name made from `base`.
    public mutating func unique(_ base: String) -> String {
        let clean = Self.cleaned(base)
        var name = clean
        var n = 2
        while taken.contains(name.lowercased()) || name.lowercased() == "history" {
            let suffix = " (\(n))"
            name = Self.trimmed(Self.fitting(clean, 31 - suffix.utf16.count)) + suffix
            n += 1
        }
        taken.insert(name.lowercased())
        return name
    }

    /// `base` with forbidden characters removed, "System Resilience Group" shortened, at most 31 UTF-16 units.
    static func cleaned(_ base: String) -> String {
        var s = base.replacingOccurrences(of: "System Resilience Group", with: "SRG", options: .caseInsensitive)
        s = String(s.unicodeScalars.filter { !"[]:*?/\\".unicodeScalars.contains($0) && $0.value >= 0x20 && $0.value != 0x7F }
            .map(Character.init))
        s = trimmed(fitting(trimmed(s), 31))
        return s.isEmpty ? "Plan" : s
    }

    /// The longest prefix of `s` (whole characters) within `limit` UTF-16 units.
    static func fitting(_ s: String, _ limit: Int) -> String {
        var out = ""
        for ch in s {
            if out.utf16.count + String(ch).utf16.count > limit { break }
            out.append(ch)
        }
        return out
    }

    /// Without surrounding spaces and apostrophes (Excel refuses a name that starts or ends with one).
    static func trimmed(_ s: String) -> String {
        var t = Substring(s)
        while let f = t.first, f == " " || f == "'" { t.removeFirst() }
        while let l = t.last, l == " " || l == "'" { t.removeLast() }
        return String(t)
    }
}
