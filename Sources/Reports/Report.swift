import PlanModel

/// The outcome of checking one input.
public struct FileResult: Sendable {
    public let file: String
    public let findings: [Finding]

    public init(file: String, findings: [Finding]) { self.file = file; self.findings = findings }

    public var status: RAGStatus { RAGStatus(findings: findings) }
    public var counts: Counts { Counts(findings) }
}

/// An input that could not be checked at all (exit status 2).
public struct FileFailure: Sendable {
    public let file: String
    /// One line a person can act on, naming the file (and line and column where known).
    public let message: String

    public init(file: String, message: String) { self.file = file; self.message = message }
}

/// Findings counted by severity.
public struct Counts: Sendable, Equatable {
    public var error = 0, warning = 0, info = 0

    public init(_ findings: [Finding] = []) {
        for f in findings {
            switch f.severity {
            case .error: error += 1
            case .warning: warning += 1
            case .info: info += 1
            }
        }
    }

    public static func + (a: Counts, b: Counts) -> Counts {
        var c = a
        c.error += b.error; c.warning += b.warning; c.info += b.info
        return c
    }
}

/// Everything a reporter needs: the results in order, the inputs that failed, and what produced them.
public struct Report: Sendable {
    public let tool: String
    public let version: String
    public let rules: String
    public let results: [FileResult]
    public let failures: [FileFailure]

    public init(tool: String = "planlint", version: String, rules: String, results: [FileResult], failures: [FileFailure]) {
        self.tool = tool; self.version = version; self.rules = rules; self.results = results; self.failures = failures
    }

    public var counts: Counts { results.reduce(Counts()) { $0 + $1.counts } }
}

/// Turns a report into the bytes of one output format.
public protocol Reporter {
    func render(_ report: Report) -> String
}
