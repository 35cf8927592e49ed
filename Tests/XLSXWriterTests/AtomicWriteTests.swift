import Foundation
import XCTest
@testable import XLSXWriter

/// The file appears at its path only when close() succeeds; failures leave nothing behind.
final class AtomicWriteTests: TempDirTestCase {
    func testNothingAtPathUntilClose() throws {
        let path = file("plan.xlsx")
        let wb = try XLSXWorkbook(path: path)
        try wb.addWorksheet("Plan").write(0, 0, "x")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        let names = try listing()
        XCTAssertEqual(names.count, 1)
        XCTAssertTrue(names[0].hasPrefix(".plan.xlsx.tmp-\(getpid())-"), names[0])
        try wb.close()
        XCTAssertEqual(try listing(), ["plan.xlsx"])
    }

    func testRelativePath() throws {
        let saved = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(dir)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(saved) }
        let wb = try XLSXWorkbook(path: "relative.xlsx")
        _ = try wb.addWorksheet("A")
        try wb.close()
        XCTAssertEqual(try listing(), ["relative.xlsx"])
    }

    func testUnwritableFolderThrowsAtInit() throws {
        let missing = file("no/such/folder/out.xlsx")
        var e = assertXLSXError(try XLSXWorkbook(path: missing))
        XCTAssertTrue(e?.message.contains(file("no/such/folder")) ?? false, e?.message ?? "")
        XCTAssertEqual(e?.path, missing)

        _ = FileManager.default.createFile(atPath: file("afile"), contents: Data("x".utf8))
        e = assertXLSXError(try XLSXWorkbook(path: file("afile/out.xlsx")))
        XCTAssertTrue(e?.message.contains("afile") ?? false)

        // A folder that exists but cannot be written, even by root.
        e = assertXLSXError(try XLSXWorkbook(path: "/sys/planlint-out.xlsx"))
        XCTAssertTrue(e?.message.contains("cannot write to folder /sys") ?? false, e?.message ?? "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/sys/planlint-out.xlsx"))

        if geteuid() != 0 {
            let ro = file("readonly")
            try FileManager.default.createDirectory(atPath: ro, withIntermediateDirectories: false)
            XCTAssertEqual(chmod(ro, 0o555), 0)
            defer { _ = chmod(ro, 0o755) }
            e = assertXLSXError(try XLSXWorkbook(path: ro + "/out.xlsx"))
            XCTAssertTrue(e?.message.contains(ro) ?? false)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: ro), [])
        }

        try FileManager.default.createDirectory(atPath: file("isdir.xlsx"), withIntermediateDirectories: false)
        assertXLSXError(try XLSXWorkbook(path: file("isdir.xlsx")))
        XCTAssertEqual(try listing(), ["afile", "isdir.xlsx"])
    }

    func testCloseTwiceAndDropWithoutClose() throws {
        let path = file("twice.xlsx")
        let wb = try XLSXWorkbook(path: path)
        _ = try wb.addWorksheet("A")
        try wb.close()
        try wb.close()
        XCTAssertEqual(try listing(), ["twice.xlsx"])

        do {
            let dropped = try XLSXWorkbook(path: file("dropped.xlsx"))
            let ws = try dropped.addWorksheet("A")
            try ws.write(0, 0, "never written")
            XCTAssertEqual(try listing().count, 2)
        }
        XCTAssertEqual(try listing(), ["twice.xlsx"], "a dropped workbook leaves no temporary file")
    }

    func testWorksheetKeepsItsWorkbookAlive() throws {
        let path = file("alive.xlsx")
        var ws: XLSXWorksheet? = try XLSXWorkbook(path: path).addWorksheet("A")
        try ws?.write(0, 0, "still open")
        try ws?.workbook.close()
        ws = nil
        XCTAssertEqual(try listing(), ["alive.xlsx"])
    }

    func testCLibraryCloseFailureLeavesExistingFileAndNoTempFile() throws {
        let path = file("plan.xlsx")
        let original = Data("previous good version".utf8)
        _ = FileManager.default.createFile(atPath: path, contents: original)
        let wb = try XLSXWorkbook(path: path)
        try wb.addWorksheet("A").write(0, 0, "new")
        // Something replaces our temporary file with a folder: libxlsxwriter cannot create the file.
        let temp = try XCTUnwrap(listing().first { $0.hasPrefix(".plan.xlsx.tmp-") })
        try FileManager.default.removeItem(atPath: file(temp))
        try FileManager.default.createDirectory(atPath: file(temp), withIntermediateDirectories: false)
        _ = FileManager.default.createFile(atPath: file(temp) + "/keep", contents: nil)

        let e = assertXLSXError(try wb.close())
        XCTAssertEqual(e?.code, 2, "LXW_ERROR_CREATING_XLSX_FILE")
        XCTAssertEqual(e?.path, path)
        XCTAssertEqual(FileManager.default.contents(atPath: path), original)
        // The second close reports the same failure rather than pretending success.
        XCTAssertEqual(assertXLSXError(try wb.close()), e)
        try FileManager.default.removeItem(atPath: file(temp))
        XCTAssertEqual(try listing(), ["plan.xlsx"])
    }

    func testRenameFailureRemovesTempFileAndKeepsExistingFile() throws {
        for stage in ["fsync", "rename"] {
            let path = file("plan.xlsx")
            let original = Data("previous good version".utf8)
            _ = FileManager.default.createFile(atPath: path, contents: original)
            AtomicDestination.testHook = { s in
                if s == stage { throw XLSXError(message: "injected \(s) failure") }
            }
            let wb = try XLSXWorkbook(path: path)
            try wb.addWorksheet("A").write(0, 0, "new")
            let e = assertXLSXError(try wb.close())
            XCTAssertEqual(e?.message, "injected \(stage) failure")
            XCTAssertEqual(FileManager.default.contents(atPath: path), original)
            XCTAssertEqual(try listing(), ["plan.xlsx"], stage)
            AtomicDestination.testHook = nil
        }
    }

    func testNewFileFailureLeavesNothingAtPath() throws {
        AtomicDestination.testHook = { if $0 == "rename" { throw XLSXError(message: "injected") } }
        let wb = try XLSXWorkbook(path: file("fresh.xlsx"))
        _ = try wb.addWorksheet("A")
        assertXLSXError(try wb.close())
        XCTAssertEqual(try listing(), [])
    }

    func testReplacesExistingFileOnSuccess() throws {
        let path = file("plan.xlsx")
        _ = FileManager.default.createFile(atPath: path, contents: Data("old".utf8))
        let wb = try XLSXWorkbook(path: path)
        try wb.addWorksheet("A").write(0, 0, "new")
        try wb.close()
        let r = try readBack(path)
        XCTAssertEqual(r["sheets", "A", "cells", "A1", "value"] as? String, "new")
        XCTAssertEqual(try listing(), ["plan.xlsx"])
    }

    func testByteIdenticalWithFixedCreatedDate() throws {
        func make(_ name: String) throws -> Data {
            let props = DocumentProperties(title: "Plan", author: "planlint", created: Date(timeIntervalSince1970: 1_700_000_000))
            let wb = try XLSXWorkbook(path: file(name), properties: props)
            let ws = try wb.addWorksheet("Plan")
            let bold = wb.format(CellStyle(bold: true, border: .thin))
            for r in 0..<50 {
                try ws.write(r, 0, "Row \(r)", bold)
                try ws.write(r, 1, number: Double(r) * 1.5)
                try ws.write(r, 2, formula: "=B\(r + 1)*2", cached: Double(r) * 3)
            }
            try ws.merge(50, 0, 50, 2, "merged")
            try ws.validate(0, 3, 49, 3, .list(["Yes", "No"]))
            try ws.comment(0, 0, "note", author: "me")
            try wb.setCustomProperty("TemplateVersion", "1")
            try wb.close()
            return try Data(contentsOf: URL(fileURLWithPath: file(name)))
        }
        let a = try make("a.xlsx")
        let b = try make("b.xlsx")
        XCTAssertGreaterThan(a.count, 1000)
        XCTAssertEqual(a, b)
    }

    func testParallelWorkbooks() throws {
        let count = 8
        let errors = NSLock()
        var failures: [String] = []
        DispatchQueue.concurrentPerform(iterations: count) { i in
            do {
                let wb = try XLSXWorkbook(path: self.file("p\(i).xlsx"))
                let ws = try wb.addWorksheet("S\(i)")
                for r in 0..<200 { try ws.write(r, 0, number: Double(r * i) + 0.5) }
                try wb.close()
            } catch {
                errors.lock(); failures.append("\(error)"); errors.unlock()
            }
        }
        XCTAssertEqual(failures, [])
        XCTAssertEqual(try listing().count, count)
        let r = try readBack(file("p3.xlsx"))
        XCTAssertEqual(r["sheets", "S3", "cells", "A200", "value"] as? Double, 597.5)
    }
}
