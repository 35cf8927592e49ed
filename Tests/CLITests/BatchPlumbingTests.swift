import Foundation
import XCTest
@testable import planlint

/// The pieces behind `check`'s batch runs, tested directly: the progress bar's text, the ordered parallel
/// runner, and how `--format` and `-o` become reports.
final class BatchPlumbingTests: XCTestCase {
    // MARK: progress bar

    func testProgressLineShowsCountRateAndTimeLeft() {
        XCTAssertEqual(ProgressBar.render(done: 412, total: 1000, elapsed: 2.0, width: 100),
                       "Checking plans [████████████████░░░░░░░░░░░░░░░░░░░░░░░░]  412/1000  41%  206 plans/s  ETA 0:03")
        XCTAssertEqual(ProgressBar.render(done: 0, total: 12, elapsed: 0, width: 80),
                       "Checking plans [░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░]  0/12   0%  – plans/s  ETA –:––")
        XCTAssertEqual(ProgressBar.render(done: 3, total: 10_000, elapsed: 1.5, width: 80),
                       "Checking plans [░░░░░░░░░░░░░░░░░░░]     3/10000   0%  2.0 plans/s  ETA 1:23:19")
    }

    func testProgressLineFitsANarrowTerminal() {
        XCTAssertEqual(ProgressBar.render(done: 5, total: 10, elapsed: 1, width: 50), "Checking plans  5/10  50%  5.0 plans/s  ETA 0:01")
        XCTAssertEqual(ProgressBar.render(done: 5, total: 10, elapsed: 1, width: 40), "5/10 50% ETA 0:01")
        XCTAssertEqual(ProgressBar.render(done: 5, total: 10, elapsed: 1, width: 10), "5/10")
        for width in [1, 20, 45, 60, 200] {
            XCTAssertLessThan(ProgressBar.render(done: 7, total: 9999, elapsed: 3, width: width).count, max(width, 1))
        }
    }

    func testDurations() {
        XCTAssertEqual(ProgressBar.duration(0), "0:00")
        XCTAssertEqual(ProgressBar.duration(59.2), "1:00")
        XCTAssertEqual(ProgressBar.duration(3599), "59:59")
        XCTAssertEqual(ProgressBar.duration(3600 * 2 + 61), "2:01:01")
    }

    // MARK: ordered parallel runs

    func testResultsComeBackInOrderWithABoundedWindow() throws {
        let runner = BatchRunner<Int>(count: 500, workers: 4, window: 16)
        let lock = NSLock()
        var inFlight = 0, most = 0
        var emitted: [Int] = []
        try runner.run({ i in
            lock.lock(); inFlight += 1; most = max(most, inFlight); lock.unlock()
            usleep(UInt32((i * 7919) % 300))
            return i * i
        }, emit: { i, value in
            lock.lock(); inFlight -= 1; lock.unlock()
            XCTAssertEqual(value, i * i)
            emitted.append(i)
        })
        XCTAssertEqual(emitted, Array(0..<500))
        XCTAssertLessThanOrEqual(most, 16, "never more results held than the window")
    }

    func testAnEmitErrorStopsTheRun() {
        struct Stop: Error {}
        let lock = NSLock()
        var started = 0
        let runner = BatchRunner<Int>(count: 10_000, workers: 2, window: 8)
        XCTAssertThrowsError(try runner.run({ i in
            lock.lock(); started += 1; lock.unlock()
            return i
        }, emit: { i, _ in if i == 5 { throw Stop() } })) { XCTAssertTrue($0 is Stop) }
        XCTAssertLessThan(started, 100, "no new work after the error")
    }

    func testEmptyAndSingleRuns() throws {
        var seen: [Int] = []
        try BatchRunner<Int>(count: 0).run({ $0 }, emit: { seen.append($1) })
        try BatchRunner<Int>(count: 1, workers: 8).run({ $0 + 41 }, emit: { seen.append($1) })
        XCTAssertEqual(seen, [41])
    }

    // MARK: --format and -o

    private func targets(_ formats: [ReportFormat], _ outputs: [String]) throws -> [String] {
        try OutputTargets.resolve(formats: formats, outputs: outputs).map { "\($0.format.rawValue)=\($0.path ?? "-")" }
    }

    func testFormatsAndOutputsBecomeReports() throws {
        XCTAssertEqual(try targets([], []), ["text=-"])
        XCTAssertEqual(try targets([.json], []), ["json=-"])
        XCTAssertEqual(try targets([], ["r.txt"]), ["text=r.txt"])
        XCTAssertEqual(try targets([.json], ["r.json"]), ["json=r.json"])
        XCTAssertEqual(try targets([.text], ["sarif=o.sarif", "junit=o.xml"]), ["sarif=o.sarif", "junit=o.xml", "text=-"])
        XCTAssertEqual(try targets([], ["sarif=o.sarif"]), ["sarif=o.sarif", "text=-"], "text still goes to the terminal")
        XCTAssertEqual(try targets([], ["csv=-"]), ["csv=-"], "a report sent to standard output replaces the default text")
        XCTAssertEqual(try targets([.sarif, .json], ["json=a.json"]), ["json=a.json", "sarif=-"])
        XCTAssertEqual(try targets([.xlsx], ["a.xlsx"]), ["xlsx=a.xlsx"])
        XCTAssertEqual(try targets([], ["JSON=a.json", "./json=b"]), ["json=a.json", "text=./json=b"], "a file whose name has '=' after a path")
        XCTAssertThrowsError(try targets([.html], ["html=a.html", "b.txt"]), "every format already has a file")
        XCTAssertThrowsError(try targets([.json, .csv], []), "two reports for standard output")
        XCTAssertThrowsError(try targets([], ["json=-", "csv=-"]), "two reports for standard output")
    }
}
