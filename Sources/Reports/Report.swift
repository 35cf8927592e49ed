import PlanModel

/// The outcome of checking one input.
public struct FileResult: Sendable {
    /// The input's name as given on the command line.
    public let file: String
    /// Its findings, in the contract's stable order.
    public let findings: [Finding]
    /// The plan's `srg.name`, when it gives one (reports name plans by it; the plan itself is not kept).
    public let srgName: String?
    /// The plan's `srg.cohort` (`high-risk`, `all-others`, `earned-autonomy`), when it gives one.
    public let cohort: String?

    public init(file: String, findings: [Finding], srgName: String? = nil, cohort: String? = nil) {
        self.file = file; self.findings = findings; self.srgName = srgName; self.cohort = cohort
    }

    /// The RAG rating: red with any error, amber with warnings only, else green.
    public var status: RAGStatus { RAGStatus(findings: findings) }
    /// The findings counted by severity.
    public var counts: Counts { Counts(findings) }
}

/// An input that could not be checked at all (exit status 2).
public struct FileFailure: Sendable {
    /// The input's name as given on the command line.
    public let file: String
    /// One line a person can act on, naming the file (and line and column where known).
    public let message: String

    public init(file: String, message: String) { self.file = file; self.message = message }
}

/// What became of one input: checked (with findings), or not readable as a plan.
public enum FileOutcome: Sendable {
    case checked(FileResult)
    case failed(FileFailure)

    /// The input's name as given on the command line.
    public var file: String {
        switch self {
        case .checked(let r): return r.file
        case .failed(let f): return f.file
        }
    }
}

/// Findings counted by severity.
public struct Counts: Sendable, Equatable {
    public var error = 0, warning = 0, info = 0

    /// Counts `findings` by severity.
    public init(_ findings: [Finding] = []) {
        for f in findings {
            switch f.severity {
            case .error: error += 1
            case .warning: warning += 1
            case .info: info += 1
            }
        }
    }

    /// The sum of two counts.
    public static func + (a: Counts, b: Counts) -> Counts {
        var c = a
        c.error += b.error; c.warning += b.warning; c.info += b.info
        return c
    }

    /// The RAG status these counts give: red with any error, amber with warnings only, else green.
    public var status: RAGStatus { error > 0 ? .red : (warning > 0 ? .amber : .green) }
}

/// A rule's description for reports that list the rules (SARIF, JUnit): from the rule set, not from findings.
public struct RuleInfo: Sendable, Equatable {
    /// The rule's stable id, e.g. `COSTING-ITEMS-NET`.
    public let id: String
    /// One line saying what the rule checks.
    public let title: String
    /// The rule's default severity (profiles may change it per plan).
    public let severity: Severity
    /// The contract's category of the rule's findings.
    public let category: Category
    /// Where in the guidance the requirement comes from.
    public let citation: String

    public init(id: String, title: String, severity: Severity, category: Category, citation: String) {
        self.id = id; self.title = title; self.severity = severity; self.category = category; self.citation = citation
    }
}

/// What produced a report, known before any input is checked.
public struct ReportHeader: Sendable {
    /// The tool's name, `planlint`.
    public let tool: String
    /// The tool's version.
    public let version: String
    /// The rule set's "id version".
    public let rules: String
    /// Every rule that could report, in a stable order (may be empty when not known).
    public let ruleInfo: [RuleInfo]

    public init(tool: String = "planlint", version: String, rules: String, ruleInfo: [RuleInfo] = []) {
        self.tool = tool; self.version = version; self.rules = rules; self.ruleInfo = ruleInfo
    }
}

/// Everything a reporter needs: the results in order, the inputs that failed, and what produced them.
public struct Report: Sendable {
    /// The tool's name, `planlint`.
    public let tool: String
    /// The tool's version.
    public let version: String
    /// The rule set's "id version".
    public let rules: String
    /// The inputs checked, in input order.
    public let results: [FileResult]
    /// The inputs that could not be read.
    public let failures: [FileFailure]
    /// Every rule that could report (for SARIF's and JUnit's rule lists); empty when not known.
    public let ruleInfo: [RuleInfo]
    /// The run's exit status when known; otherwise 2 with failures, 1 with errors, else 0.
    public let exitCode: Int32?

    public init(tool: String = "planlint", version: String, rules: String, results: [FileResult], failures: [FileFailure],
                ruleInfo: [RuleInfo] = [], exitCode: Int32? = nil) {
        self.tool = tool; self.version = version; self.rules = rules; self.results = results; self.failures = failures
        self.ruleInfo = ruleInfo; self.exitCode = exitCode
    }

    /// Every result's findings counted by severity.
    public var counts: Counts { results.reduce(Counts()) { $0 + $1.counts } }

    /// The header a streamed run of this report starts with.
    public var header: ReportHeader { ReportHeader(tool: tool, version: version, rules: rules, ruleInfo: ruleInfo) }

    /// The exit status the report stands for.
    public var effectiveExitCode: Int32 {
        if let exitCode { return exitCode }
        if !failures.isEmpty { return 2 }
        return counts.error > 0 ? 1 : 0
    }
}
