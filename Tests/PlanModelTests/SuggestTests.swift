import XCTest
@testable import PlanModel

final class SuggestTests: XCTestCase {
    private let documentKeys = ["requirement", "summary", "kpis", "targets", "timeframe", "lead", "cost",
                                "capacity_refs", "items", "net", "wte", "beds"]

    func testExamplesFromTheBrief() {
        XCTAssertEqual(Suggest.closest(to: "target", among: documentKeys), "targets")
        XCTAssertEqual(Suggest.closest(to: "sumary", among: documentKeys), "summary")
        XCTAssertEqual(Suggest.closest(to: "capcity_refs", among: documentKeys), "capacity_refs")
        XCTAssertNil(Suggest.closest(to: "email", among: ["name", "job_title"]))
    }

    func testTranspositionCountsOnce() {
        XCTAssertEqual(Suggest.distance(Array("summray"), Array("summary")), 1)
        XCTAssertEqual(Suggest.closest(to: "summray", among: documentKeys), "summary")
        XCTAssertEqual(Suggest.closest(to: "kpsi", among: documentKeys), "kpis")
    }

    func testCaseAndSeparatorsAreIgnored() {
        XCTAssertEqual(Suggest.closest(to: "Capacity-Refs", among: documentKeys), "capacity_refs")
        XCTAssertEqual(Suggest.closest(to: "capacity refs", among: documentKeys), "capacity_refs")
        XCTAssertEqual(Suggest.closest(to: "TIMEFRAME", among: documentKeys), "timeframe")
    }

    func testPrefixOfAtLeastFourCharacters() {
        XCTAssertEqual(Suggest.closest(to: "capacity", among: documentKeys), "capacity_refs")
        XCTAssertEqual(Suggest.closest(to: "requirement_id", among: documentKeys), "requirement")
        XCTAssertNil(Suggest.closest(to: "cap", among: ["capacity_refs"]))
    }

    func testThresholdGrowsWithLength() {
        // 3 characters allow 1 edit; 9 allow 3; never more than 3.
        XCTAssertEqual(Suggest.closest(to: "bed", among: ["beds"]), "beds")
        XCTAssertNil(Suggest.closest(to: "bxx", among: ["beds"]))
        XCTAssertEqual(Suggest.closest(to: "tmiefrmae", among: ["timeframe"]), "timeframe")
        XCTAssertNil(Suggest.closest(to: "organisationxxxx", among: ["organisation_type_"]))
    }

    func testBestAndTiesGoToTheFirstCandidate() {
        XCTAssertEqual(Suggest.closest(to: "cots", among: ["cost", "cots_x", "coats"]), "cost")
        XCTAssertEqual(Suggest.closest(to: "lad", among: ["lead", "load"]), "lead")
        XCTAssertEqual(Suggest.closest(to: "lad", among: ["load", "lead"]), "load")
    }

    func testNoCandidates() {
        XCTAssertNil(Suggest.closest(to: "anything", among: []))
        XCTAssertEqual(Suggest.closest(to: "", among: ["a"]), "a")
    }
}
