import PlanModel

/// Writes one report format incrementally: the header, each input's outcome in input order, then the end.
///
/// A stream holds only what its format must total before it can write (counts, compact per-plan
/// summaries), so memory stays flat however many plans a run checks.
public protocol ReportStream: AnyObject {
    /// Called once, before the first outcome.
    func begin(_ header: ReportHeader) throws
    /// One input's outcome; outcomes arrive in input order.
    func add(_ outcome: FileOutcome) throws
    /// Called once after the last outcome, with the run's exit status: writes what the format puts last and flushes.
    func finish(exitCode: Int32) throws
}

/// Turns a report into the text of one output format, whole or streamed.
public protocol Reporter {
    /// A stream that writes this format to `output` as outcomes arrive.
    func stream(to output: TextOutput) -> ReportStream
}

extension Reporter {
    /// The whole report as text (results in order, then the inputs that failed).
    public func render(_ report: Report) -> String {
        let out = TextOutput()
        try? stream(to: out).feed(report)
        return out.text
    }
}

extension ReportStream {
    /// Writes a whole report: the header, the results, the failures, then the end.
    public func feed(_ report: Report) throws {
        try begin(report.header)
        for r in report.results { try add(.checked(r)) }
        for f in report.failures { try add(.failed(f)) }
        try finish(exitCode: report.effectiveExitCode)
    }
}

/// Running totals over the outcomes a stream has seen: what summaries and exit statuses need.
public struct RunTally: Sendable {
    /// Inputs checked (not counting those that failed to load).
    public private(set) var checked = 0
    /// Inputs checked, by RAG status.
    public private(set) var red = 0, amber = 0, green = 0
    /// Findings of every input checked, by severity.
    public private(set) var counts = Counts()
    /// Inputs that could not be read.
    public private(set) var failed = 0

    /// Totals of nothing yet.
    public init() {}

    /// Counts one outcome in.
    public mutating func add(_ outcome: FileOutcome) {
        switch outcome {
        case .failed: failed += 1
        case .checked(let r):
            checked += 1
            let c = r.counts
            counts = counts + c
            switch c.status {
            case .red: red += 1
            case .amber: amber += 1
            case .green: green += 1
            }
        }
    }

    /// The run's overall RAG status (nil when nothing was checked: green would be a false assurance).
    public var status: RAGStatus? { checked == 0 ? nil : counts.status }
}
