import Foundation
import XCTest
import PlanModel
@testable import Reports

/// The streaming machinery: deferred text, running totals, template sections, and streams fed piece by piece.
final class StreamingTests: XCTestCase {
    func testDeferredTextSpillsToATemporaryFileAndComesBackWhole() throws {
        let deferred = DeferredText(memoryLimit: 100)
        var expected = ""
        for i in 0..<5_000 {
            let line = "line \(i) £ é — \(String(repeating: "x", count: i % 37))\n"
            deferred.write(line)
            expected += line
        }
        let out = TextOutput()
        out.write("head\n")
        try deferred.drain(into: out)
        XCTAssertEqual(out.text, "head\n" + expected)
    }

    func testTextOutputWritesThroughAFileDescriptor() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = FileManager.default.createFile(atPath: dir.path, contents: nil)
        let handle = try FileHandle(forWritingTo: dir)
        let out = TextOutput(fileDescriptor: handle.fileDescriptor)
        let chunk = String(repeating: "£x", count: 50_000)
        out.write(chunk); out.write(chunk)
        try out.flush()
        try handle.close()
        XCTAssertEqual(try String(contentsOf: dir, encoding: .utf8), chunk + chunk)
    }

    func testWriteErrorsAreReportedAtFlush() {
        let out = TextOutput(fileDescriptor: -1)
        out.write("x")
        XCTAssertThrowsError(try out.flush()) { XCTAssertTrue("\($0)".contains("cannot write the report"), "\($0)") }
    }

    func testTallyCountsStatusesAndSeverities() {
        var t = RunTally()
        XCTAssertNil(t.status, "nothing checked: no status")
        for r in Sample.full.results { t.add(.checked(r)) }
        t.add(.failed(Sample.unreadable))
        XCTAssertEqual([t.checked, t.red, t.amber, t.green, t.failed], [4, 2, 1, 1, 1])
        XCTAssertEqual(t.counts, Sample.full.counts)
        XCTAssertEqual(t.status, .red)
    }

    func testStreamedOutputEqualsTheWholeRendering() throws {
        let reporters: [Reporter] = [JSONReporter(), TextReporter(colour: false), CSVReporter(), JUnitReporter(), HTMLReporter(),
                                     SARIFReporter(baseDirectory: "/w", informationURI: "https://example.org")]
        for reporter in reporters {
            let out = TextOutput()
            let stream = reporter.stream(to: out)
            try stream.begin(Sample.full.header)
            for r in Sample.full.results { try stream.add(.checked(r)) }
            try stream.add(.failed(Sample.unreadable))
            try stream.finish(exitCode: 2)
            XCTAssertEqual(out.text, reporter.render(Sample.full), "\(type(of: reporter))")
        }
    }

    func testSectionsFollowTheTemplates() {
        let cases: [(String, String)] = [
            ("", "The plan as a whole"),
            ("format", "The plan as a whole"),
            ("srg.members[2].code", "SRG details, membership and chair"),
            ("non_elective.minimum[NE07].lead.email", "Non-elective template — Section 2: minimum requirements"),
            ("non_elective.minimum[NE07.x].lead", "Non-elective template — Section 2: minimum requirements"),
            ("non_elective.local[NE-L1].kpis", "Non-elective template — Section 3: local plans for innovation"),
            ("non_elective.narrative", "Non-elective template — Section 1: narrative"),
            ("non_elective.engagement.flu_vaccination", "Non-elective template — Section 4: engagement"),
            ("non_elective.sign_off[local-authority]", "Non-elective template — Section 5: sign-off"),
            ("non_elective.costings[NE01].items[0].amount", "Non-elective costings template"),
            ("non_elective.funding.total", "Non-elective template: funding"),
            ("non_elective.gap_closure", "Non-elective template: closing the funding gap"),
            ("non_elective", "Non-elective template"),
            ("elective.costings[EL06].net", "Elective costings template"),
            ("elective.minimum[EL01]", "Elective template — Section 2: minimum requirements"),
            ("capacity_plan[CAP-02]", "Capacity plan (capacity mapping annex)"),
            ("independent_sector[2].cqc_services", "Annex C: independent and voluntary sector capacity"),
            ("capacity_map_updates", "Annex C: keeping the capacity map up to date"),
            ("governance.kpi_dashboard", "Governance"),
            ("analytical_review.covers", "Independent analytical review of 2013/14"),
            ("wider.flu", "Wider planning considerations"),
            ("colour", "Other: colour"),
        ]
        for (subject, title) in cases { XCTAssertEqual(TemplateSection(subject: subject).title, title, subject) }
        let ordered = cases.map { TemplateSection(subject: $0.0) }.sorted().map(\.title)
        XCTAssertEqual(ordered.first, "The plan as a whole")
        XCTAssertLessThan(ordered.firstIndex(of: "Non-elective costings template")!, ordered.firstIndex(of: "Elective template — Section 2: minimum requirements")!)
        XCTAssertLessThan(ordered.firstIndex(of: "Elective costings template")!, ordered.firstIndex(of: "Annex C: independent and voluntary sector capacity")!)
    }
}
