/// A plain-text outline of the template specs: sheets, blocks and the plan fields they hold.
public enum TemplateOutline {
    public static func render(_ spec: WorkbookSpec) -> String {
        var out = "\(spec.title) (\(spec.id) \(spec.version))\n"
        for sheet in spec.sheets {
            out += "\n\(sheet.name) [\(sheet.isTemplate ? "template" : "supplementary")]: \(sheet.title)\n"
            for block in sheet.blocks {
                switch block {
                case .fields(let f):
                    out += "  \(f.name)" + (f.heading.map { ": " + $0 } ?? "") + "\n"
                    for r in f.rows {
                        let what = r.bind.map(\.description) ?? ""
                        let calc = r.formula.map { f -> String in
                            switch f {
                            case .sum(let ids): return "= sum of " + ids.joined(separator: ", ")
                            case .minus(let a, let b): return "= \(a) - \(b)"
                            }
                        } ?? ""
                        out += "    \(r.label)  \(what) \(calc)".trimmingTrailingSpaces + "\n"
                    }
                case .table(let t):
                    out += "  \(t.name)" + (t.heading.map { ": " + $0 } ?? "") + "  (one row per \(t.list)" + (t.catalogueRows.map { " entry, rows from catalogue \($0.table)" } ?? "") + ")\n"
                    for c in t.columns {
                        let what: String
                        switch c.content {
                        case .field(let f): what = f.spelling
                        case .catalogue(let field): what = "catalogue " + field
                        case .lookup(let list, let field): what = "\(list)[id].\(field)"
                        }
                        out += "    \(c.group.map { $0 + ": " } ?? "")\(c.header)  \(what)\n"
                    }
                }
            }
        }
        return out
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
