/// The part of the submission templates a finding's subject belongs to, for reports an assessor reads
/// section by section: `non_elective.minimum[NE07].lead` → "Non-elective template — Section 2: minimum requirements".
public struct TemplateSection: Hashable, Comparable, Sendable {
    /// The section's place in the templates' order.
    public let order: Int
    /// The section's heading, e.g. "Non-elective costings template".
    public let title: String

    /// Templates' order, then title.
    public static func < (a: TemplateSection, b: TemplateSection) -> Bool { (a.order, a.title) < (b.order, b.title) }

    /// The section a subject path belongs to.
    public init(subject: String) {
        let steps = Self.steps(subject)
        let top = steps.first ?? ""
        switch top {
        case "", "format": (order, title) = (0, "The plan as a whole")
        case "srg": (order, title) = (1, "SRG details, membership and chair")
        case "non_elective": (order, title) = Self.side(steps.dropFirst().first, base: 10, name: "Non-elective")
        case "elective": (order, title) = Self.side(steps.dropFirst().first, base: 30, name: "Elective")
        case "capacity_plan": (order, title) = (50, "Capacity plan (capacity mapping annex)")
        case "independent_sector": (order, title) = (51, "Annex C: independent and voluntary sector capacity")
        case "capacity_map_updates": (order, title) = (52, "Annex C: keeping the capacity map up to date")
        case "governance": (order, title) = (60, "Governance")
        case "analytical_review": (order, title) = (61, "Independent analytical review of 2013/14")
        case "wider": (order, title) = (62, "Wider planning considerations")
        default: (order, title) = (90, "Other: \(top)")
        }
    }

    static func side(_ part: String?, base: Int, name: String) -> (Int, String) {
        let template = "\(name) template"
        switch part {
        case "funding": return (base + 1, "\(template): funding")
        case "narrative": return (base + 2, "\(template) — Section 1: narrative")
        case "minimum", "minimum_total": return (base + 3, "\(template) — Section 2: minimum requirements")
        case "local", "local_total": return (base + 4, "\(template) — Section 3: local plans for innovation")
        case "engagement": return (base + 5, "\(template) — Section 4: engagement")
        case "sign_off": return (base + 6, "\(template) — Section 5: sign-off")
        case "gap_closure": return (base + 7, "\(template): closing the funding gap")
        case "costings": return (base + 8, "\(name) costings template")
        default: return (base, template)
        }
    }

    /// The path's field names, without list ids or indexes: `a.b[X].c` → `a`, `b`, `c`.
    static func steps(_ subject: String) -> [String] {
        var out: [String] = []
        var current = ""
        var depth = 0
        for ch in subject {
            switch ch {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            case "." where depth == 0:
                if !current.isEmpty { out.append(current) }
                current = ""
            default: if depth == 0 { current.append(ch) }
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
