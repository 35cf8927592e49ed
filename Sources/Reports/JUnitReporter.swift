import PlanModel

/// JUnit XML, for CI dashboards: one `<testsuite>` per plan, one `<testcase>` per rule, a `<failure>` per rule
/// with errors or warnings (its messages and locations); a plan that could not be read is a suite with an `<error>`.
public struct JUnitReporter: Reporter {
    public init() {}

    public func stream(to output: TextOutput) -> ReportStream { JUnitReportStream(output) }

    /// One finding as a line of a failure's text: `severity location subject: message (citation)`.
    static func line(_ f: Finding) -> String {
        "\(f.severity.rawValue) at \(f.location.description) \(f.subject.isEmpty ? "(the plan)" : f.subject): \(f.message) [\(f.citation)]"
    }
}

/// Writes each plan's suite to a deferred body as it arrives; the root element, which carries the totals,
/// is written at the end, followed by the body.
final class JUnitReportStream: ReportStream {
    let out: TextOutput
    let body = DeferredText()
    var rules: [RuleInfo] = []
    var tests = 0, failures = 0, errors = 0

    init(_ out: TextOutput) { self.out = out }

    func begin(_ header: ReportHeader) throws { rules = header.ruleInfo }

    func add(_ outcome: FileOutcome) throws {
        switch outcome {
        case .failed(let f):
            tests += 1; errors += 1
            body.write("  <testsuite name=\"\(xmlEscape(f.file))\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n")
            body.write("    <testcase classname=\"\(xmlEscape(f.file))\" name=\"the plan can be read\">\n")
            body.write("      <error type=\"not-readable\" message=\"\(xmlEscape(f.message))\">\(xmlEscape(f.message))</error>\n")
            body.write("    </testcase>\n  </testsuite>\n")
        case .checked(let r):
            suite(r)
        }
    }

    func suite(_ r: FileResult) {
        var byRule: [String: [Finding]] = [:]
        for f in r.findings { byRule[f.rule, default: []].append(f) }
        // Every rule of the rule set, then any rule that reported but is not in it (in id order).
        var cases: [(id: String, title: String)] = rules.map { ($0.id, $0.title) }
        let known = Set(rules.map(\.id))
        cases += byRule.keys.filter { !known.contains($0) }.sorted().map { ($0, "") }
        let failing = cases.filter { id, _ in byRule[id]?.contains { $0.severity != .info } ?? false }.count
        tests += cases.count; failures += failing
        let file = xmlEscape(r.file)
        var s = "  <testsuite name=\"\(file)\" tests=\"\(cases.count)\" failures=\"\(failing)\" errors=\"0\" skipped=\"0\">\n"
        s += "    <properties>\n"
        s += "      <property name=\"status\" value=\"\(r.status.rawValue)\"/>\n"
        if let name = r.srgName { s += "      <property name=\"srg\" value=\"\(xmlEscape(name))\"/>\n" }
        if let cohort = r.cohort { s += "      <property name=\"cohort\" value=\"\(xmlEscape(cohort))\"/>\n" }
        s += "    </properties>\n"
        for (id, title) in cases {
            let name = xmlEscape(title.isEmpty ? id : "\(id): \(title)")
            let found = byRule[id] ?? []
            if found.isEmpty {
                s += "    <testcase classname=\"\(file)\" name=\"\(name)\"/>\n"
                continue
            }
            s += "    <testcase classname=\"\(file)\" name=\"\(name)\">\n"
            let text = xmlEscape(found.map(JUnitReporter.line).joined(separator: "\n")).replacingOccurrences(of: "&#10;", with: "\n")
            if let worst = found.map(\.severity).max(), worst != .info {
                let summary = found.count == 1 ? found[0].message : "\(found.count) findings; the first: \(found[0].message)"
                s += "      <failure type=\"\(worst.rawValue)\" message=\"\(xmlEscape(summary))\">\(text)</failure>\n"
            } else {
                s += "      <system-out>\(text)</system-out>\n"
            }
            s += "    </testcase>\n"
        }
        s += "  </testsuite>\n"
        body.write(s)
    }

    func finish(exitCode: Int32) throws {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<testsuites name=\"planlint\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\">\n")
        try body.drain(into: out)
        out.write("</testsuites>\n")
        try out.flush()
    }
}
