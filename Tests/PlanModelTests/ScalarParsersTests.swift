import XCTest
@testable import PlanModel

final class ScalarParsersTests: XCTestCase {
    private func pence(_ s: String) -> Int64? { ScalarParsers.money(s)?.pence }
    private func day(_ s: String) -> String? { ScalarParsers.date(s)?.description }

    // MARK: Money

    func testMoneyPlainNumbers() {
        XCTAssertEqual(pence("75000"), 7_500_000)
        XCTAssertEqual(pence("75000.50"), 7_500_050)
        XCTAssertEqual(pence("75000.5"), 7_500_050)
        XCTAssertEqual(pence("75,000"), 7_500_000)
        XCTAssertEqual(pence("1,234,567.89"), 123_456_789)
        XCTAssertEqual(pence("0"), 0)
        XCTAssertEqual(pence("0.285"), 29)
        XCTAssertEqual(pence("1e3"), 100_000)
        XCTAssertEqual(pence("-1e3"), -100_000)
        XCTAssertEqual(pence("-4000"), -400_000)
    }

    func testMoneyPoundForms() {
        XCTAssertEqual(pence("£75,000"), 7_500_000)
        XCTAssertEqual(pence("£75000"), 7_500_000)
        XCTAssertEqual(pence("£75,000.50"), 7_500_050)
        XCTAssertEqual(pence("£0"), 0)
        XCTAssertEqual(pence("£ 500"), 50_000)
        XCTAssertEqual(pence("  £75,000  "), 7_500_000)
    }

    func testMoneySuffixes() {
        XCTAssertEqual(pence("£80k"), 8_000_000)
        XCTAssertEqual(pence("£80K"), 8_000_000)
        XCTAssertEqual(pence("£1.2m"), 120_000_000)
        XCTAssertEqual(pence("£1.2M"), 120_000_000)
        XCTAssertEqual(pence("£2.5k"), 250_000)
        XCTAssertEqual(pence("£1.2345678m"), 123_456_780)
        XCTAssertEqual(pence("80k"), 8_000_000)
    }

    func testMoneyNegatives() {
        XCTAssertEqual(pence("(£70,000)"), -7_000_000)
        XCTAssertEqual(pence("( £70,000 )"), -7_000_000)
        XCTAssertEqual(pence("(70,000)"), -7_000_000)
        XCTAssertEqual(pence("-£70,000"), -7_000_000)
        XCTAssertEqual(pence("£-70,000"), -7_000_000)
        XCTAssertEqual(pence("- £70,000"), -7_000_000)
        XCTAssertEqual(pence("−£70,000"), -7_000_000)
        XCTAssertEqual(pence("-£1.2m"), -120_000_000)
    }

    func testMoneyRejections() {
        for bad in ["", " ", "lots", "nil", "£", "£1.2.3", "70,00", "7,0000", "1,2345", ",000", "75,000,", "£75.", "£.5",
                    "£-", "--5", "-£-5", "(-£5)", "(£5", "£5)", "£5 k", "£5kk", "£5b", "GBP 75000", "$75000", "75000 pounds",
                    "£1e3", ".inf", ".nan", "£10,000,000,000,000", "£2000000m"] {
            XCTAssertNil(ScalarParsers.money(bad), "accepted \(bad)")
        }
    }

    // MARK: Dates

    func testISODates() {
        XCTAssertEqual(day("2014-09-30"), "2014-09-30")
        XCTAssertEqual(day(" 2014-09-30 "), "2014-09-30")
        XCTAssertEqual(day("2014-09"), "2014-09-30")
        XCTAssertEqual(day("2014-02"), "2014-02-28")
        XCTAssertEqual(day("2016-02"), "2016-02-29")
        XCTAssertEqual(day("2014-12"), "2014-12-31")
    }

    func testMonthNames() {
        XCTAssertEqual(day("September 2014"), "2014-09-30")
        XCTAssertEqual(day("september 2014"), "2014-09-30")
        XCTAssertEqual(day("SEPTEMBER 2014"), "2014-09-30")
        XCTAssertEqual(day("Sep 2014"), "2014-09-30")
        XCTAssertEqual(day("Sept 2014"), "2014-09-30")
        XCTAssertEqual(day("February 2016"), "2016-02-29")
        XCTAssertEqual(day("30 September 2014"), "2014-09-30")
        XCTAssertEqual(day("30 Sep 2014"), "2014-09-30")
        XCTAssertEqual(day("1 Dec 2014"), "2014-12-01")
        XCTAssertEqual(day("31st March 2015"), "2015-03-31")
    }

    func testUKSlashDates() {
        XCTAssertEqual(day("30/09/2014"), "2014-09-30")
        XCTAssertEqual(day("1/4/2014"), "2014-04-01")
        XCTAssertEqual(day("04/01/2014"), "2014-01-04")
    }

    func testFinancialQuartersAndYears() {
        XCTAssertEqual(day("Q1 2014/15"), "2014-06-30")
        XCTAssertEqual(day("Q2 2014/15"), "2014-09-30")
        XCTAssertEqual(day("Q3 2014/15"), "2014-12-31")
        XCTAssertEqual(day("Q4 2014/15"), "2015-03-31")
        XCTAssertEqual(day("q2 2014-15"), "2014-09-30")
        XCTAssertEqual(day("Q4 2014-2015"), "2015-03-31")
        XCTAssertEqual(day("2014/15"), "2015-03-31")
        XCTAssertEqual(day("2014-15"), "2015-03-31")
        XCTAssertEqual(day("2014/2015"), "2015-03-31")
        XCTAssertEqual(day("1999/00"), "2000-03-31")
    }

    func testDateRejections() {
        for bad in ["", "soon", "2014-02-30", "2014-13", "2014-00", "2014-13-01", "31/02/2014", "09/30/2014", "30/09/14",
                    "Q5 2014/15", "Q0 2014/15", "Q2 2014", "Q2 2014/16", "2014/16", "2014-16", "2014/09", "Smarch 2014",
                    "30 September", "September", "32 September 2014", "2014-09-30T00:00", "14-09-30", "2014", "2014-9-3-1",
                    "30 September 2014 or later", "0000-01-01"] {
            XCTAssertNil(ScalarParsers.date(bad), "accepted \(bad)")
        }
    }

    // MARK: Email

    func testEmails() {
        for good in ["alice.fenwick@nhs.net", "a@b.co", "first.last+srg@northmoor.nhs.uk", "o'brien@trust-x.nhs.uk", "A_B@X.ORG"] {
            XCTAssertTrue(ScalarParsers.isEmail(good), good)
        }
        for bad in ["", "alice", "alice@", "@nhs.net", "alice@nhs", "alice@@nhs.net", "a@b@nhs.net", "alice @nhs.net",
                    "alice@nhs.net ", "alice@nhs.n", "alice@nhs.n3t", ".alice@nhs.net", "alice.@nhs.net", "al..ice@nhs.net",
                    "alice@.nhs.net", "alice@nhs..net", "alice@nhs.net.", "alice@-nhs.net", "a@b.net, c@d.net",
                    "a@b.net;c@d.net", "Alice <alice@nhs.net>", "mailto:alice@nhs.net", "alicé@nhs.net", "alice@nhs_x.net"] {
            XCTAssertFalse(ScalarParsers.isEmail(bad), bad)
        }
    }

    // MARK: Counts and numbers

    func testCounts() {
        XCTAssertEqual(ScalarParsers.count("3"), 3)
        XCTAssertEqual(ScalarParsers.count("0.2"), 0.2)
        XCTAssertEqual(ScalarParsers.count("-4"), -4)
        XCTAssertEqual(ScalarParsers.count("+3"), 3)
        XCTAssertEqual(ScalarParsers.count("1,200"), 1200)
        XCTAssertEqual(ScalarParsers.count("1,200.5"), 1200.5)
        XCTAssertEqual(ScalarParsers.count(" 12 "), 12)
        for bad in ["", "-", "lots", "1,20", "12,00,000", "1.2.3", ".inf", "nan", "inf", "1e3", "0x10", "3 beds", "½", "--4", "£3"] {
            XCTAssertNil(ScalarParsers.count(bad), "accepted \(bad)")
        }
    }

    func testNumbers() {
        XCTAssertEqual(ScalarParsers.number("42"), 42)
        XCTAssertEqual(ScalarParsers.number("-7"), -7)
        XCTAssertEqual(ScalarParsers.number("+3"), 3)
        XCTAssertEqual(ScalarParsers.number("0.5"), 0.5)
        XCTAssertEqual(ScalarParsers.number(".5"), 0.5)
        XCTAssertEqual(ScalarParsers.number("1."), 1)
        XCTAssertEqual(ScalarParsers.number("1e3"), 1000)
        XCTAssertEqual(ScalarParsers.number("2.5E-3"), 0.0025)
        XCTAssertEqual(ScalarParsers.number("1e+3"), 1000)
        XCTAssertEqual(ScalarParsers.number("0x1F"), 31)
        XCTAssertEqual(ScalarParsers.number("0o17"), 15)
        XCTAssertEqual(ScalarParsers.number("075000"), 75000)
        for bad in ["", ".", "-", "e3", "1e", "1e+", ".inf", "-.inf", ".nan", "NaN", "inf", "1,000", "1_000", "0x", "0xZZ",
                    "0o8", "1e400", "12abc", "£5", "1 000"] {
            XCTAssertNil(ScalarParsers.number(bad), "accepted \(bad)")
        }
    }
}
