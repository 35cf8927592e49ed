import Foundation

/// A JSON string literal with the escapes RFC 8259 requires (`JSONBytes.string` writes it; this is
/// for reports that still build their JSON as `String`s).
func quote(_ s: String) -> String {
    var w = JSONBytes(capacity: s.utf8.count + 2)
    w.string(s)
    return w.text
}

/// Text escaped for XML and HTML content and attribute values: `& < > " '` as entities, line breaks and
/// tabs as character references (kept in attributes), and the characters XML 1.0 forbids as U+FFFD.
func xmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
        switch u {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "\n": out += "&#10;"
        case "\r": out += "&#13;"
        case "\t": out += "&#9;"
        default:
            let v = u.value
            if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (v >= 0x7F && v <= 0x9F) { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
        }
    }
    return out
}

/// Text escaped for HTML (the same escapes as XML; line breaks stay line breaks).
func htmlEscape(_ s: String) -> String { xmlEscape(s).replacingOccurrences(of: "&#10;", with: "\n") }
