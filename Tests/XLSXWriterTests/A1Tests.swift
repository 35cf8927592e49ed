import XCTest
@testable import XLSXWriter

final class A1Tests: XCTestCase {
    func testAddresses() {
        XCTAssertEqual(A1.column(0), "A")
        XCTAssertEqual(A1.column(25), "Z")
        XCTAssertEqual(A1.column(26), "AA")
        XCTAssertEqual(A1.column(701), "ZZ")
        XCTAssertEqual(A1.column(702), "AAA")
        XCTAssertEqual(A1.column(16_383), "XFD")
        XCTAssertEqual(A1.address(row: 13, col: 2), "C14")
        XCTAssertEqual(A1.address(row: 13, col: 2, absolute: true), "$C$14")
        XCTAssertEqual(A1.range(0, 0, 2, 3), "A1:D3")
        XCTAssertEqual(A1.range(4, 1, 4, 1), "B5")
        XCTAssertEqual(A1.reference(sheet: "NE Planning", row: 0, col: 0), "'NE Planning'!$A$1")
        XCTAssertEqual(A1.reference(sheet: "Lists", 0, 0, 9, 0), "Lists!$A$1:$A$10")
    }

    func testQuotedSheet() {
        XCTAssertEqual(A1.quotedSheet("Summary"), "Summary")
        XCTAssertEqual(A1.quotedSheet("Annex_A.1"), "Annex_A.1")
        XCTAssertEqual(A1.quotedSheet("NE Planning"), "'NE Planning'")
        XCTAssertEqual(A1.quotedSheet("O'Brien"), "'O''Brien'")
        XCTAssertEqual(A1.quotedSheet("2025"), "'2025'")
        XCTAssertEqual(A1.quotedSheet("A1"), "'A1'")
        XCTAssertEqual(A1.quotedSheet("R1C1"), "'R1C1'")
        XCTAssertEqual(A1.quotedSheet("a-b"), "'a-b'")
    }

    func testParse() {
        XCTAssertEqual(A1.parse("C14")?.row, 13)
        XCTAssertEqual(A1.parse("$c$14")?.col, 2)
        XCTAssertEqual(A1.parse("XFD1048576")?.col, 16_383)
        XCTAssertNil(A1.parse("XFE1"))
        XCTAssertNil(A1.parse("A0"))
        XCTAssertNil(A1.parse("A1048577"))
        XCTAssertNil(A1.parse("1A"))
        XCTAssertNil(A1.parse(""))
    }
}
