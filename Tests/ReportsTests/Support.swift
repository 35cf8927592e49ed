import Foundation
import PlanModel
import Reports

/// Small reports built by hand, so reporter output can be compared character for character.
enum Sample {
    static func finding(_ rule: String, _ severity: Severity, _ category: PlanModel.Category, _ subject: String,
                        _ message: String, at location: SourceLocation, in file: String,
                        citation: String = "Annex A, non-elective template, Section 2; guidance p.8") -> Finding {
        Finding(rule: rule, severity: severity, category: category, subject: subject, message: message,
                citation: citation, location: location, file: file)
    }

    static let red = FileResult(file: "drafts/sunnytown.yaml", findings: [
        finding("NE-MIN-PRESENT", .error, .missingItem, "non_elective.minimum[NE07]",
                "No plan for minimum requirement NE07", at: .text(line: 40, column: 5), in: "drafts/sunnytown.yaml"),
        finding("TARGET-MEASURABLE", .warning, .kpiLink, "non_elective.minimum[NE01].targets[0]",
                "The target 'Improve flow' cannot be measured", at: .text(line: 112, column: 11), in: "drafts/sunnytown.yaml",
                citation: "Annex A, column 'Target Outcomes'"),
        finding("GOV-NOTE", .info, .governance, "srg.publication_url",
                "Consider publishing the plan", at: .text(line: 3, column: 1), in: "drafts/sunnytown.yaml", citation: "guidance p.17"),
    ])

    static let amber = FileResult(file: "amber.yaml", findings: [
        finding("FORMAT-UNKNOWN-KEY", .warning, .format, "srg.colour",
                "srg.colour: unknown key 'colour' in srg; its value is ignored", at: .text(line: 4, column: 3), in: "amber.yaml",
                citation: "Plan format srg-plan/1 (spec/plan-format.md)"),
    ])

    static let green = FileResult(file: "complete/northmoor.yaml", findings: [])

    static let unreadable = FileFailure(file: "broken/empty.yaml",
                                        message: "broken/empty.yaml: the file is empty; a plan starts with 'format: srg-plan/1'")

    static let report = Report(version: "0.1.0", rules: "nhs-resilience-2014-15 1.0.0",
                               results: [red, amber, green], failures: [unreadable])

    /// The rules of the sample reports, as a rule set would describe them.
    static let rules: [RuleInfo] = [
        RuleInfo(id: "FORMAT-UNKNOWN-KEY", title: "Keys the plan format does not define", severity: .warning, category: .format,
                 citation: "Plan format srg-plan/1 (spec/plan-format.md)"),
        RuleInfo(id: "GOV-NOTE", title: "The plan is published", severity: .info, category: .governance, citation: "guidance p.17"),
        RuleInfo(id: "NE-MIN-PRESENT", title: "Every non-elective minimum requirement has a plan", severity: .error,
                 category: .missingItem, citation: "Annex A, non-elective template, Section 2; guidance p.8"),
        RuleInfo(id: "TARGET-MEASURABLE", title: "Targets can be measured", severity: .warning, category: .kpiLink,
                 citation: "Annex A, column 'Target Outcomes'"),
    ]

    /// A workbook plan whose findings point at cells, with text that needs escaping in every format.
    static let workbook = FileResult(file: "subs/Kestrel & Vale <draft>.xlsx", findings: [
        finding("NE-MIN-PRESENT", .error, .missingItem, "non_elective.minimum[NE07]",
                "No plan for \"NE07\" <script>alert('x')</script> & co\nsecond line", at: .cell(sheet: "Non-elective plan", cell: "C14"),
                in: "subs/Kestrel & Vale <draft>.xlsx"),
        finding("NE-MIN-PRESENT", .error, .missingItem, "non_elective.minimum[NE08]",
                "=HYPERLINK(\"http://evil\") costs £75,000, 'quoted', tab\there", at: .cell(sheet: "Non-elective plan", cell: "C15"),
                in: "subs/Kestrel & Vale <draft>.xlsx", citation: "-p.8, \"Section 2\""),
    ], srgName: "Kestrel Vale SRG — “draft”", cohort: "high-risk")

    /// Every kind of outcome: red, amber and green YAML plans, a workbook plan, and an input that failed.
    static let full = Report(version: "0.1.0", rules: "nhs-resilience-2014-15 1.0.0",
                             results: [named(red, "Sunnytown SRG", "all-others"), named(amber, "Amberley SRG", nil), green, workbook],
                             failures: [unreadable], ruleInfo: rules, exitCode: 2)

    static func named(_ r: FileResult, _ name: String?, _ cohort: String?) -> FileResult {
        FileResult(file: r.file, findings: r.findings, srgName: name, cohort: cohort)
    }

    /// Text with ANSI escape sequences (ESC [ … m) removed.
    static func stripANSI(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }
}
