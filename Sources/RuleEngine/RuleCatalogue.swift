import Foundation
import PlanModel
import RulesDSL

/// Descriptions of the rules for people: lists, a markdown catalogue, and one rule explained.
public enum RuleCatalogue {
    public struct Entry: Sendable {
        public let id: String
        public let title: String
        public let severity: Severity
        public let category: Category
        public let citation: String
        /// "file:line" of the rule's definition, or "built in" for the loader's format checks.
        public let source: String
        public let cohorts: [String]
    }

    /// Every rule, the loader's built-in format checks included, sorted by id.
    public static func entries(_ set: RuleSet) -> [Entry] {
        var out = set.rules.map {
            Entry(id: $0.id, title: $0.title, severity: $0.severity, category: $0.category, citation: $0.citation,
                  source: "\($0.file):\($0.decl.idRange.line)", cohorts: $0.cohorts)
        }
        out += LoaderRule.all.map {
            Entry(id: $0.id, title: $0.title, severity: $0.severity, category: $0.category, citation: $0.citation,
                  source: "built in (plan loader)", cohorts: [])
        }
        return out.sorted { $0.id < $1.id }
    }

    /// A markdown table of every rule, for the README or a published catalogue.
    public static func markdown(_ set: RuleSet) -> String {
        var out = "# planlint rule catalogue\n\nRule set `\(set.label)`: \(entries(set).count) rules.\n\n"
        out += "| id | severity | category | title | citation |\n|---|---|---|---|---|\n"
        for e in entries(set) {
            let cohort = e.cohorts.isEmpty ? "" : " (cohort: \(e.cohorts.joined(separator: ", ")))"
            out += "| `\(e.id)` | \(e.severity.rawValue) | \(e.category.rawValue) | \(cell(e.title + cohort)) | \(cell(e.citation)) |\n"
        }
        return out
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    /// The rule's metadata, its source text as written, and its examples; nil when there is no such rule.
    public static func explain(_ id: String, in set: RuleSet) -> String? {
        if let r = set.rules.first(where: { $0.id == id }) {
            var out = "\(r.id): \(r.title)\n"
            out += "  severity  \(r.severity.rawValue)\n  category  \(r.category.rawValue)\n  citation  \(r.citation)\n"
            if !r.cohorts.isEmpty { out += "  cohorts   \(r.cohorts.joined(separator: ", "))\n" }
            out += "  source    \(r.file):\(r.decl.idRange.line)\n"
            let overrides = set.profiles.compactMap { p -> String? in
                if p.disabled.contains(r.id) { return "\(p.name): off" }
                if let s = p.overrides[r.id] { return "\(p.name): \(s.rawValue)" }
                return nil
            }
            if !overrides.isEmpty { out += "  profiles  \(overrides.joined(separator: "; "))\n" }
            let passes = r.examples.filter { $0.expectation == .passes }.count
            out += "  examples  \(passes) passing, \(r.examples.count - passes) failing\n\n"
            if let file = set.files.first(where: { $0.path == r.file }) {
                out += ruleSource(r.decl, in: file) + "\n"
            }
            return out
        }
        if let l = LoaderRule.all.first(where: { $0.id == id }) {
            return "\(l.id): \(l.title)\n  severity  \(l.severity.rawValue)\n  category  \(l.category.rawValue)\n  citation  \(l.citation)\n  source    built in: the plan loader checks this while reading a plan against the srg-plan/1 schema\n"
        }
        return nil
    }

    /// The lines of the file from the rule's `rule` line up to the next rule or profile.
    static func ruleSource(_ decl: RuleDecl, in file: RuleFile) -> String {
        let lines = file.source.split(separator: "\n", omittingEmptySubsequences: false)
        let start = decl.range.line - 1
        let nextStarts = file.rules.map { $0.range.line - 1 } + file.profiles.map { $0.range.line - 1 }
        var end = nextStarts.filter { $0 > start }.min() ?? lines.count
        while end > start + 1, String(lines[end - 1]).trimmingWhitespace.isEmpty || String(lines[end - 1]).trimmingWhitespace.hasPrefix("#") { end -= 1 }
        return lines[start..<end].joined(separator: "\n")
    }
}
