import PlanModel

/// Writes a plan document tree as YAML text (`planlint extract`), quoting whatever a plain
/// scalar would misread, with each value's sheet and cell as a comment where it came from one.
public enum PlanYAMLWriter {
    public static func render(_ root: YAMLNode, comment: String? = nil) -> String {
        var out = ""
        if let comment { for line in comment.split(separator: "\n") { out += "# \(line)\n" } }
        guard case .mapping(let pairs) = root.content else { return out }
        for (k, v) in pairs where hasContent(v) { entry(key: k.scalar ?? "", value: v, indent: 0, into: &out) }
        return out
    }

    /// Empty cells are nulls in the document (so findings can point at them); the YAML leaves them out.
    static func hasContent(_ node: YAMLNode) -> Bool {
        switch node.content {
        case .scalar: return !node.isNull
        case .mapping(let pairs): return pairs.contains { hasContent($0.value) }
        case .sequence(let items): return !items.isEmpty
        }
    }

    private static func entry(key: String, value: YAMLNode, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value.content {
        case .scalar:
            out += pad + key + ":" + scalarSuffix(value, indent: indent) + "\n"
        case .mapping(let pairs):
            if pairs.isEmpty { out += pad + key + ": {}\n"; return }
            out += pad + key + ":\n"
            for (k, v) in pairs where hasContent(v) { entry(key: k.scalar ?? "", value: v, indent: indent + 2, into: &out) }
        case .sequence(let items):
            if items.isEmpty { out += pad + key + ": []\n"; return }
            out += pad + key + ":\n"
            for item in items { element(item, indent: indent + 2, into: &out) }
        }
    }

    private static func element(_ node: YAMLNode, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch node.content {
        case .scalar:
            out += pad + "-" + scalarSuffix(node, indent: indent) + "\n"
        case .mapping(let pairs):
            if !pairs.contains(where: { hasContent($0.value) }) { out += pad + "- {}\n"; return }
            var first = true
            for (k, v) in pairs where hasContent(v) {
                var text = ""
                entry(key: k.scalar ?? "", value: v, indent: indent + 2, into: &text)
                if first { text = pad + "- " + text.dropFirst(indent + 2); first = false }
                out += text
            }
        case .sequence(let items):
            out += pad + "-\n"
            for item in items { element(item, indent: indent + 2, into: &out) }
        }
    }

    /// " value" (with a leading space) or "" for null, quoted or as a literal block as needed.
    private static func scalarSuffix(_ node: YAMLNode, indent: Int) -> String {
        guard case .scalar(let s, let style) = node.content else { return "" }
        if node.isNull { return "" }
        if s.contains("\n") && !s.hasPrefix(" ") && !s.hasPrefix("\n") && !s.contains("\r") && !s.hasSuffix("\n") && !s.contains("\t") {
            let pad = String(repeating: " ", count: indent + 2)
            let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.allSatisfy({ !$0.hasSuffix(" ") }) {
                return " |-\n" + lines.map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
            }
        }
        if style == .plain && isSafePlain(s) { return " " + s }
        if style != .plain && isSafePlain(s) && !looksLikeOtherType(s) { return " " + s }
        return " " + quoted(s)
    }

    static func isSafePlain(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if " \t-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) || last == " " || last == ":" { return false }
        if s.contains(": ") || s.contains(" #") || s.contains("\t") { return false }
        if s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFEFF }) { return false }
        if ["null", "~", "true", "false", "yes", "no", "on", "off"].contains(s.lowercased()) { return false }
        return true
    }

    /// Text a reader might take for a number or date when no schema is at hand: keep it quoted.
    private static func looksLikeOtherType(_ s: String) -> Bool {
        Double(s) != nil || s.range(of: #"^\d{4}-\d{2}(-\d{2})?$"#, options: .regularExpression) != nil
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0xFEFF { out += String(format: "\\u%04X", u.value) }
                else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
