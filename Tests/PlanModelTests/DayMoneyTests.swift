import XCTest
@testable import PlanModel

final class DayMoneyTests: XCTestCase {
    // MARK: Day

    func testValidation() {
        XCTAssertNotNil(Day(year: 2014, month: 9, day: 30))
        XCTAssertNil(Day(year: 2014, month: 2, day: 29))
        XCTAssertNotNil(Day(year: 2016, month: 2, day: 29))
        XCTAssertNil(Day(year: 1900, month: 2, day: 29))
        XCTAssertNotNil(Day(year: 2000, month: 2, day: 29))
        XCTAssertNil(Day(year: 2014, month: 13, day: 1))
        XCTAssertNil(Day(year: 2014, month: 0, day: 1))
        XCTAssertNil(Day(year: 2014, month: 4, day: 31))
        XCTAssertNil(Day(year: 2014, month: 4, day: 0))
        XCTAssertNil(Day(year: 0, month: 1, day: 1))
    }

    func testLastDayOfMonth() {
        XCTAssertEqual(Day.lastDayOfMonth(year: 2014, month: 9), 30)
        XCTAssertEqual(Day.lastDayOfMonth(year: 2014, month: 12), 31)
        XCTAssertEqual(Day.lastDayOfMonth(year: 2015, month: 2), 28)
        XCTAssertEqual(Day.lastDayOfMonth(year: 2016, month: 2), 29)
    }

    func testOrdinals() throws {
        XCTAssertEqual(Day(year: 1970, month: 1, day: 1)?.ordinal, 0)
        XCTAssertEqual(Day(year: 1969, month: 12, day: 31)?.ordinal, -1)
        XCTAssertEqual(Day(year: 2000, month: 3, day: 1)?.ordinal, 11_017)
        let a = try XCTUnwrap(Day(year: 2014, month: 4, day: 1)), b = try XCTUnwrap(Day(year: 2015, month: 3, day: 31))
        XCTAssertEqual(b.ordinal - a.ordinal, 364)
        XCTAssertEqual(Day(ordinal: 0), Day(year: 1970, month: 1, day: 1))
        XCTAssertEqual(Day(ordinal: a.ordinal + 182), Day(year: 2014, month: 9, day: 30))
    }

    func testOrdinalRoundTripsEveryDayOverFourCenturies() throws {
        var expected = try XCTUnwrap(Day(year: 1800, month: 1, day: 1))
        let start = expected.ordinal
        for n in start..<(start + 146_097) {
            let d = Day(ordinal: n)
            guard d == expected, d.ordinal == n else { return XCTFail("ordinal \(n): \(d) expected \(expected)") }
            if let next = Day(year: d.year, month: d.month, day: d.day + 1) { expected = next }
            else if let next = Day(year: d.year, month: d.month + 1, day: 1) { expected = next }
            else { expected = try XCTUnwrap(Day(year: d.year + 1, month: 1, day: 1)) }
        }
    }

    func testComparison() throws {
        let a = try XCTUnwrap(Day(year: 2014, month: 9, day: 30)), b = try XCTUnwrap(Day(year: 2014, month: 10, day: 1))
        XCTAssertLessThan(a, b)
        XCTAssertLessThan(a.ordinal, b.ordinal)
        XCTAssertEqual([b, a].sorted(), [a, b])
    }

    func testDescriptions() throws {
        let d = try XCTUnwrap(Day(year: 2014, month: 9, day: 30))
        XCTAssertEqual(d.description, "2014-09-30")
        XCTAssertEqual(d.longDescription, "30 September 2014")
        XCTAssertEqual(Day(year: 2015, month: 3, day: 1)?.description, "2015-03-01")
        XCTAssertEqual(Day(year: 2015, month: 3, day: 1)?.longDescription, "1 March 2015")
        XCTAssertEqual(Day(year: 999, month: 1, day: 5)?.description, "0999-01-05")
    }

    // MARK: Money

    func testDescription() {
        XCTAssertEqual(Money(pence: 7_500_000).description, "£75,000")
        XCTAssertEqual(Money(pence: 7_500_050).description, "£75,000.50")
        XCTAssertEqual(Money(pence: 7_500_005).description, "£75,000.05")
        XCTAssertEqual(Money(pence: -7_000_000).description, "-£70,000")
        XCTAssertEqual(Money(pence: 0).description, "£0")
        XCTAssertEqual(Money(pence: 99).description, "£0.99")
        XCTAssertEqual(Money(pence: 100_000).description, "£1,000")
        XCTAssertEqual(Money(pence: 10_000).description, "£100")
        XCTAssertEqual(Money(pence: 123_456_789_00).description, "£123,456,789")
        XCTAssertEqual(Money(pence: .min).description, "-£92,233,720,368,547,758.08")
    }

    func testFromPounds() {
        XCTAssertEqual(Money(pounds: 75000), Money(pence: 7_500_000))
        XCTAssertEqual(Money(pounds: 75000.5), Money(pence: 7_500_050))
        XCTAssertEqual(Money(pounds: 0.285), Money(pence: 29))
        XCTAssertEqual(Money(pounds: 1.005), Money(pence: 101))
        XCTAssertEqual(Money(pounds: 0.004), Money(pence: 0))
        XCTAssertEqual(Money(pounds: 0.005), Money(pence: 1))
        XCTAssertEqual(Money(pounds: -70000), Money(pence: -7_000_000))
        XCTAssertEqual(Money(pounds: -0.005), Money(pence: -1))
        XCTAssertEqual(Money(pounds: 1e-10), Money.zero)
        XCTAssertEqual(Money(pounds: 1.2e6), Money(pence: 120_000_000))
        XCTAssertEqual(Money(pounds: 1e12), Money(pence: 100_000_000_000_000))
        XCTAssertNil(Money(pounds: .nan))
        XCTAssertNil(Money(pounds: .infinity))
        XCTAssertNil(Money(pounds: -.infinity))
        XCTAssertNil(Money(pounds: 1e13))
        XCTAssertNil(Money(pounds: 1e300))
    }

    func testArithmeticAndOrder() {
        let a = Money(pence: 150), b = Money(pence: 275)
        XCTAssertEqual(a + b, Money(pence: 425))
        XCTAssertEqual(a - b, Money(pence: -125))
        XCTAssertEqual(Money.zero + a, a)
        XCTAssertLessThan(a, b)
        XCTAssertLessThan(Money(pence: -1), .zero)
        XCTAssertEqual(Money(pence: .max) + Money(pence: 1), Money(pence: .max))
        XCTAssertEqual(Money(pence: .min) - Money(pence: 1), Money(pence: .min))
    }
}
