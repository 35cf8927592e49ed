/// How much a finding matters to assurance (the contract's fixed vocabulary).
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case info, warning, error

    private var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// What kind of problem a finding is (the contract's fixed vocabulary, `spec/findings.md`).
public enum Category: String, Sendable, CaseIterable, Codable {
    case missingItem = "missing-item"
    case incomplete
    case kpiLink = "kpi-link"
    case costingLink = "costing-link"
    case capacityLink = "capacity-link"
    case funding
    case deadline
    case signOff = "sign-off"
    case governance
    case format
}

/// One problem found in one input, pointing at the plan item and the place in the input.
public struct Finding: Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    public var category: Category
    /// The subject path, e.g. `non_elective.minimum[NE07].lead.email`.
    public var subject: String
    public var message: String
    public var citation: String
    public var location: SourceLocation
    public var file: String

    public init(rule: String, severity: Severity, category: Category, subject: String, message: String,
                citation: String, location: SourceLocation, file: String) {
        self.rule = rule; self.severity = severity; self.category = category; self.subject = subject
        self.message = message; self.citation = citation; self.location = location; self.file = file
    }

    /// The contract's stable order: file, then location, then rule (then subject and message, so ties are stable too).
    public static func stableOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.location != b.location { return a.location < b.location }
        if a.rule != b.rule { return a.rule < b.rule }
        if a.subject != b.subject { return a.subject < b.subject }
        return a.message < b.message
    }
}

/// The RAG status an area team would give an input.
public enum RAGStatus: String, Sendable {
    case red, amber, green

    public init(findings: [Finding]) {
        if findings.contains(where: { $0.severity == .error }) { self = .red }
        else if findings.contains(where: { $0.severity == .warning }) { self = .amber }
        else { self = .green }
    }
}
