import PlanModel

/// Writes a new, empty draft plan: every section and all 26 minimum requirements with empty
/// fields and short comments, generated from the plan schema and the rules' catalogue.
public struct DraftWriter {
    let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    /// The draft's YAML text.
    public func render() -> String {
        var out = """
        # Draft operational resilience and capacity plan for 2014/15 (plan format srg-plan/1).
        # Fill in every empty field, then run:  planlint check THIS-FILE
        # Money: 75000 or "£75,000"; dates: 2014-09-30, September 2014, Q2 2014/15 or 2014/15.
        # Guidance: "Operational resilience and capacity planning for 2014/15" (NHS England, 13 June 2014).
        format: srg-plan/1

        """
        for field in PlanSchema.plan.fields where field.name != "format" {
            out += "\n"
            emit(field, indent: 0, path: field.name, into: &out)
        }
        return out
    }

    func emit(_ field: FieldSpec, indent: Int, path: String, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch field.type {
        case .record(let schema):
            out += pad + field.name + ":" + comment(field.doc) + "\n"
            for f in schema.fields { emit(f, indent: indent + 2, path: path + "." + f.name, into: &out) }
        case .list(.record(let schema), _) where field.name == "minimum":
            out += pad + field.name + ":" + comment(field.doc) + "\n"
            let care = path.hasPrefix("elective") ? "elective" : "non-elective"
            for (id, title, page) in requirements(care: care) {
                out += pad + "  # \(id) \(title) (guidance p.\(page))\n"
                out += pad + "  - requirement: \(id)\n"
                for f in schema.fields where f.name != "requirement" {
                    emitRowField(f, indent: indent + 4, into: &out)
                }
            }
        case .list(.record(let schema), _):
            out += pad + field.name + ": []" + comment(field.doc + (field.doc.isEmpty ? "" : "; ") + "add entries like:") + "\n"
            out += pad + "#  - " + (schema.fields.first.map { $0.name + ":" } ?? "") + "\n"
            for f in schema.fields.dropFirst() { out += pad + "#    " + f.name + ":" + comment(f.doc) + "\n" }
        case .list(let element, _):
            var doc = field.doc
            if case .choice(let words) = element { doc += (doc.isEmpty ? "" : "; ") + "any of: " + words.joined(separator: ", ") }
            out += pad + field.name + ": []" + comment(doc) + "\n"
        default:
            out += pad + field.name + ":" + prefilled(path) + comment(scalarDoc(field)) + "\n"
        }
    }

    /// A field of a minimum requirement row: scalars empty, lists empty, the lead as one line.
    func emitRowField(_ f: FieldSpec, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch f.type {
        case .record(let schema):
            out += pad + f.name + ": {" + schema.fields.map { "\($0.name): " }.joined(separator: ", ") + "}\n"
        case .list:
            out += pad + f.name + ": []" + comment(f.doc) + "\n"
        default:
            out += pad + f.name + ":" + comment(scalarDoc(f)) + "\n"
        }
    }

    func prefilled(_ path: String) -> String { path == "srg.year" ? " 2014/15" : "" }

    func scalarDoc(_ f: FieldSpec) -> String {
        switch f.type {
        case .choice(let words): return (f.doc.isEmpty ? "" : f.doc + ": ") + words.joined(separator: " | ")
        case .money: return f.doc.isEmpty ? "money" : f.doc
        case .date: return f.doc.isEmpty ? "date" : f.doc
        default: return f.doc
        }
    }

    func comment(_ text: String) -> String { text.isEmpty ? "" : "   # " + text }

    /// (id, title, page) of the catalogue's minimum requirements for one template.
    func requirements(care: String) -> [(String, String, String)] {
        guard case .record(let cat, _) = ruleSet.catalogue.value,
              case .list(let rows, _)? = cat.field("requirements", origin: nil) else { return [] }
        return rows.compactMap { row in
            guard case .record(let r, _) = row,
                  case .text(let c, _)? = r.field("care", origin: nil), c == care,
                  case .text(let id, _)? = r.field("id", origin: nil) else { return nil }
            var title = "", page = ""
            if case .text(let t, _)? = r.field("title", origin: nil) { title = t }
            if case .number(let p, _)? = r.field("page", origin: nil) { page = String(Int(p)) }
            return (id, title, page)
        }
    }
}
