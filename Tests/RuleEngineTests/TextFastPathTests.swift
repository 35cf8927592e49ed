import XCTest
@testable import RuleEngine

/// The text tests behind `has_quantity`, `has_timescale` and `contains_any`, at their edges.
final class TextFastPathTests: XCTestCase {
    private func measure(_ s: String) -> (quantity: Bool, timescale: Bool) { TextMeasures.MeasureCache().measure(s) }

    func testMeasurability() {
        XCTAssertTrue(measure("Reduce delayed transfers by 25% by March 2015") == (true, true))
        XCTAssertTrue(measure("2000 extra appointments") == (true, false))       // a bare 2000 is a quantity here
        XCTAssertTrue(measure("by 2015") == (false, true))                       // …and a year here
        XCTAssertTrue(measure("All wards in Q2 2014/15") == (true, true))
        XCTAssertTrue(measure("30 September 2014") == (false, true))
        XCTAssertTrue(measure("Improve patient flow") == (false, false))
        XCTAssertTrue(measure("per week") == (false, true))
        XCTAssertTrue(measure("by the end of the year") == (false, true))
    }

    func testAVeryLongNumberDoesNotCrash() {
        // Before: the year test multiplied out every digit of the first group and trapped on overflow.
        XCTAssertTrue(measure("Reduce by 123456789012345678901234 by March 2015") == (true, true))
        XCTAssertTrue(measure("000000000000000000000000031 March") == (false, true))
    }

    func testPhraseSearchFoldsCaseAndWhitespace() {
        let set = TextSearch.PhraseSet(["Jane Doe", "community outreach team", "xy", "é"])
        XCTAssertTrue(set.matches("Lead: JANE\t\n  doe, COO"))
        XCTAssertTrue(set.matches("the Community   Outreach\tTeam for COPD"))
        XCTAssertFalse(set.matches("Jane Do e"))
        XCTAssertFalse(set.matches("janedoe"))
        XCTAssertTrue(set.matches("an xy pair"))
        XCTAssertTrue(set.matches("trailing xy"))
        XCTAssertFalse(set.matches("x y"))
        XCTAssertTrue(set.matches("Café"))                 // not ASCII: the Unicode path
        XCTAssertFalse(TextSearch.PhraseSet(["abc"]).matches("   "))
        XCTAssertTrue(TextSearch.PhraseSet(["  "]).matches("anything"))   // a phrase of only spaces folds to empty
    }

    /// The one-pass scan (pair bits, buckets, whitespace runs) against the plain definition, on
    /// seeded random texts made of the phrases' pieces, near misses and whitespace.
    func testPhraseScanAgreesWithThePlainDefinition() {
        let phrases = ["Jane Doe", "jane.doe@nhs.net", "community outreach team for COPD", "1 x band 7 nurse",
                       "(on March 2013 baseline)", "routine referrals to consultant-led orthopaedic", "co", "SRG to review"]
        let set = TextSearch.PhraseSet(phrases)
        let pieces = ["jane", "doe", "Jane Do", "e", ".", "@nhs.net", "community", "outreach", "team", "for", "copd", "co",
                      "c", "o", "1 x", "band", "7", "nurse", "(on", "march", "2013", "baseline)", "routine", "referrals",
                      "consultant-led", "orthopaedic", "srg", "to", "review", "x", "-", " ", "  ", "\t", "\n", " \r\n "]
        var state: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var matched = 0
        for _ in 0..<20_000 {
            let text = (0..<(1 + next(9))).map { _ in pieces[next(pieces.count)] }.joined(separator: next(3) == 0 ? "" : " ")
            let expected = phrases.contains { TextSearch.normalised(text).contains(TextSearch.normalised($0)) }
            XCTAssertEqual(set.matches(text), expected, "\(text.debugDescription)")
            if expected { matched += 1 }
        }
        XCTAssertGreaterThan(matched, 2_000)   // both answers are well exercised
    }
}
