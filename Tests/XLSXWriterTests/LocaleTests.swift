import Foundation
import XCTest
@testable import XLSXWriter
#if canImport(Glibc)
import Glibc
#endif

/// libxlsxwriter prints numbers with LC_NUMERIC; the binding must write "1234.5" under a comma locale.
final class LocaleTests: TempDirTestCase {
    static let german = "de_DE.UTF-8"

    /// What C's printf makes of 1234.5 in the current locale.
    func cFormatted() -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([1234.5]) { vsnprintf(&buffer, buffer.count, "%.16G", $0) }
        return String(cString: buffer)
    }

    func writeSample(_ path: String) throws {
        let wb = try XLSXWorkbook(path: path)
        let ws = try wb.addWorksheet("Numbers")
        try ws.write(0, 0, number: 1234.5)
        try ws.write(1, 0, formula: "=1/4", cached: 0.25)
        try ws.setColumn(0, 0, width: 12.5)
        try ws.validate(2, 0, 2, 0, .decimal(min: 0.5, max: 99.75))
        try wb.setCustomProperty("Ratio", number: 0.75)
        try wb.close()
    }

    func checkSample(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try readBack(path, file: file, line: line)
        XCTAssertEqual(r["sheets", "Numbers", "cells", "A1", "value"] as? Double, 1234.5, file: file, line: line)
        XCTAssertEqual(r["sheets", "Numbers", "cells", "A2", "cached"] as? Double, 0.25, file: file, line: line)
        XCTAssertEqual(r["custom", "Ratio"] as? Double, 0.75, file: file, line: line)
        let xml = try zipPart(path, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains("<v>1234.5</v>"), "sheet XML: \(xml)", file: file, line: line)
        XCTAssertTrue(xml.contains("<v>0.25</v>"), file: file, line: line)
        XCTAssertFalse(xml.contains("1234,5"), file: file, line: line)
        XCTAssertTrue(xml.contains("<formula2>99.75</formula2>"), file: file, line: line)
    }

    func testNumbersAreWrittenWithADotUnderAGermanProcessLocale() throws {
        let saved = String(cString: setlocale(LC_ALL, nil))
        guard setlocale(LC_ALL, Self.german) != nil else {
            XCTFail("the \(Self.german) locale is missing: generate it with `localedef -i de_DE -f UTF-8 de_DE.UTF-8`")
            return
        }
        let path = file("german.xlsx")
        do {
            defer { setlocale(LC_ALL, saved) }
            // The test only means something if C really formats with a comma now.
            XCTAssertEqual(cFormatted(), "1234,5")
            try writeSample(path)
            XCTAssertEqual(cFormatted(), "1234,5", "the binding restores the caller's locale")
        }
        XCTAssertEqual(cFormatted(), "1234.5")
        try checkSample(path)
    }

    /// A child process whose environment says de_DE and which, like many C programs, calls setlocale(LC_ALL, "").
    func testChildProcessWithGermanEnvironment() throws {
        let path = file("child.xlsx")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        p.arguments = ["XLSXWriterTests.LocaleTests/testChildWorker"]
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = Self.german
        env["LANG"] = Self.german
        env["XLSXWRITER_CHILD_OUTPUT"] = path
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "child test run failed (is \(Self.german) generated?)")
        try checkSample(path)
    }

    /// The child's side of testChildProcessWithGermanEnvironment; does nothing in a normal run.
    func testChildWorker() throws {
        guard let path = ProcessInfo.processInfo.environment["XLSXWRITER_CHILD_OUTPUT"] else { return }
        guard setlocale(LC_ALL, "") != nil, cFormatted() == "1234,5" else {
            XCTFail("the environment's \(Self.german) locale did not take effect")
            return
        }
        try writeSample(path)
    }
}
