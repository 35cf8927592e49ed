import Foundation
import XCTest
import ZIPFoundation
@testable import XLSXReader

// MARK: - Building zips by hand

/// One entry of a hand-built zip, with ways to lie about it.
struct ZipItem {
    var name: String
    var data: [UInt8]
    var deflate = true
    /// Uncompressed size to declare instead of the real one.
    var declaredSize: Int?
    /// CRC to declare instead of the real one.
    var declaredCRC: UInt32?
    /// Compressed bytes to store instead of deflating `data` (`data` is then only used for the CRC).
    var rawCompressed: [UInt8]?
    /// General-purpose flags (bit 0: encrypted).
    var flags: UInt16 = 0
    /// Compression method to declare (8 deflate, 0 stored) when not the real one.
    var method: UInt16?
    /// Write sizes and CRC after the data (flag bit 3) with zeros in the local header.
    var dataDescriptor = false
    /// Write the central directory's sizes and offset as 0xFFFFFFFF with a zip64 extra field.
    var zip64 = false

    init(_ name: String, _ text: String, deflate: Bool = true) {
        self.name = name
        self.data = Array(text.utf8)
        self.deflate = deflate
    }

    init(_ name: String, bytes: [UInt8], deflate: Bool = true) {
        self.name = name
        self.data = bytes
        self.deflate = deflate
    }
}

enum ZipBuilder {
    /// Raw deflate (no zlib header) of `bytes`, through ZIPFoundation's zlib binding.
    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var out = Data()
        let chunk = 4 << 20
        _ = try? Data.compress(size: Int64(bytes.count), bufferSize: chunk, provider: { position, size in
            let start = Int(position)
            return Data(bytes[start ..< min(bytes.count, start + size)])
        }, consumer: { out.append($0) })
        return [UInt8](out)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBytes { XLSXReader.crc32(0, $0) } }

    /// A zip archive of `items`, in order; `entryCount` overrides the count in the end record.
    static func build(_ items: [ZipItem], entryCount: Int? = nil) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ a: inout [UInt8]) { a.append(UInt8(v & 0xFF)); a.append(UInt8((v >> 8) & 0xFF)) }
        func u32(_ v: Int, _ a: inout [UInt8]) { u16(v & 0xFFFF, &a); u16((v >> 16) & 0xFFFF, &a) }
        for item in items {
            let name = Array(item.name.utf8)
            let compressed = item.rawCompressed ?? (item.deflate ? deflate(item.data) : item.data)
            let method = item.method ?? (item.deflate ? 8 : 0)
            let crc = Int(item.declaredCRC ?? crc32(item.data))
            let size = item.declaredSize ?? item.data.count
            let flags = Int(item.flags) | 0x800 | (item.dataDescriptor ? 0x8 : 0)
            let offset = out.count
            u32(0x0403_4B50, &out); u16(20, &out); u16(flags, &out); u16(Int(method), &out)
            u16(0, &out); u16(0x21, &out)
            if item.dataDescriptor {
                u32(0, &out); u32(0, &out); u32(0, &out)
            } else {
                u32(crc, &out); u32(compressed.count, &out); u32(size, &out)
            }
            u16(name.count, &out); u16(0, &out)
            out += name
            out += compressed
            if item.dataDescriptor {
                u32(0x0807_4B50, &out); u32(crc, &out); u32(compressed.count, &out); u32(size, &out)
            }
            var extra: [UInt8] = []
            if item.zip64 {
                u16(0x0001, &extra); u16(24, &extra)
                for v in [size, compressed.count, offset] { u32(v, &extra); u32(0, &extra) }
            }
            u32(0x0201_4B50, &central); u16(0x314, &central); u16(item.zip64 ? 45 : 20, &central); u16(flags, &central)
            u16(Int(method), &central); u16(0, &central); u16(0x21, &central); u32(crc, &central)
            u32(item.zip64 ? 0xFFFF_FFFF : compressed.count, &central); u32(item.zip64 ? 0xFFFF_FFFF : size, &central)
            u16(name.count, &central); u16(extra.count, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u32(0o100644 << 16, &central)
            u32(item.zip64 ? 0xFFFF_FFFF : offset, &central)
            central += name
            central += extra
        }
        let cdOffset = out.count
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out)
        let count = entryCount ?? items.count
        u16(min(count, 0xFFFF), &out); u16(min(count, 0xFFFF), &out)
        u32(central.count, &out); u32(cdOffset, &out); u16(0, &out)
        return out
    }
}

// MARK: - Minimal workbooks

enum Minimal {
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkgRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
        """

    static let rootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="\(pkgRelNS)"><Relationship Id="rId1" Type="\(relNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """

    static func workbook(sheets: [String] = ["Sheet1"], extra: String = "") -> String {
        let list = sheets.enumerated().map { "<sheet name=\"\($1)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(mainNS)" xmlns:r="\(relNS)"><sheets>\(list)</sheets>\(extra)</workbook>
            """
    }

    static func workbookRels(sheets: Int = 1, sharedStrings: Bool = false, styles: Bool = false) -> String {
        var rels = (1 ... max(sheets, 1)).prefix(sheets).map {
            "<Relationship Id=\"rId\($0)\" Type=\"\(relNS)/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>"
        }.joined()
        if sharedStrings { rels += "<Relationship Id=\"rIdS\" Type=\"\(relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>" }
        if styles { rels += "<Relationship Id=\"rIdT\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>" }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(pkgRelNS)">\(rels)</Relationships>
            """
    }

    static func sheet(_ sheetData: String, extra: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(mainNS)" xmlns:r="\(relNS)"><sheetData>\(sheetData)</sheetData>\(extra)</worksheet>
        """
    }

    static func sharedStrings(_ items: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="\(mainNS)" count="\(items.count)" uniqueCount="\(items.count)">\(items.map { "<si>\($0)</si>" }.joined())</sst>
        """
    }

    /// A workbook of one sheet (or several) from raw XML pieces; `replace` swaps whole parts.
    static func items(sheetData: String = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
                      sheetExtra: String = "",
                      sharedStrings: [String]? = nil,
                      styles: String? = nil,
                      workbookExtra: String = "",
                      replace: [String: String] = [:],
                      add: [ZipItem] = []) -> [ZipItem] {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", rootRels),
            ("xl/workbook.xml", workbook(extra: workbookExtra)),
            ("xl/_rels/workbook.xml.rels", workbookRels(sharedStrings: sharedStrings != nil, styles: styles != nil)),
            ("xl/worksheets/sheet1.xml", sheet(sheetData, extra: sheetExtra)),
        ]
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", Minimal.sharedStrings(sharedStrings))) }
        if let styles { parts.append(("xl/styles.xml", styles)) }
        for (k, v) in replace {
            if let i = parts.firstIndex(where: { $0.0 == k }) { parts[i].1 = v } else { parts.append((k, v)) }
        }
        return parts.map { ZipItem($0.0, $0.1) } + add
    }

    static func zip(sheetData: String = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
                    sheetExtra: String = "",
                    sharedStrings: [String]? = nil,
                    styles: String? = nil,
                    workbookExtra: String = "",
                    replace: [String: String] = [:],
                    add: [ZipItem] = []) -> [UInt8] {
        ZipBuilder.build(items(sheetData: sheetData, sheetExtra: sheetExtra, sharedStrings: sharedStrings,
                               styles: styles, workbookExtra: workbookExtra, replace: replace, add: add))
    }
}

// MARK: - Files, processes, memory

/// A fresh temporary folder, removed when the test case ends.
func makeTempDir(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("xlsxreader-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Runs a program; returns its exit status and what it printed.
@discardableResult
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
         currentDirectory: URL? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    if let environment {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Whether `name` is an executable on PATH.
func onPath(_ name: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
}

/// Writes the fixture script into `dir` and runs it with `arguments`; fails the test with what
/// to install when it cannot.
func runFixtureScript(_ arguments: [String], in dir: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    let scriptURL = dir.appendingPathComponent("make_fixtures.py")
    if !FileManager.default.fileExists(atPath: scriptURL.path) {
        try Fixtures.script.write(to: scriptURL, atomically: true, encoding: .utf8)
    }
    let result = try runProcess("python3", [scriptURL.path] + arguments, currentDirectory: dir)
    if result.status != 0 {
        XCTFail("""
            the fixture script failed (python3 with openpyxl and XlsxWriter is needed: \
            `pip install openpyxl XlsxWriter`):
            \(result.output)
            """, file: file, line: line)
        throw XCTSkip("fixtures could not be made")
    }
}

/// Peak and current resident memory of this process, in bytes (Linux /proc), and a reset of the peak.
enum Memory {
    static func field(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.split(separator: " ").first { Int($0) != nil }
            return digits.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }

    /// Resets VmHWM to the current RSS (Linux 4.0+: write 5 to clear_refs).
    static func resetPeak() {
        if let fd = fopen("/proc/self/clear_refs", "w") {
            fputs("5", fd)
            fclose(fd)
        }
    }
}

/// CPU time of the calling thread, in seconds.
func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The deadlines of the hostile tests. The machine is shared (2 cores, often other builds), so
/// the two-second budget is checked on the thread's CPU time, which a busy hang still exhausts;
/// wall-clock time gets a looser backstop that catches blocking hangs.
enum Deadline {
    static let cpuSeconds = 2.0
    static let wallSeconds = 10.0
}

extension XCTestCase {
    /// Runs `body`, asserting it used less than `cpu` seconds of CPU and `wall` seconds of wall-clock time.
    func withinDeadline<T>(cpu: Double = Deadline.cpuSeconds, wall: Double = Deadline.wallSeconds,
                           file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) rethrows -> T {
        let cpu0 = threadCPUTime(), wall0 = Date()
        defer {
            let usedCPU = threadCPUTime() - cpu0, usedWall = Date().timeIntervalSince(wall0)
            XCTAssertLessThan(usedCPU, cpu, "took \(usedCPU) s of CPU", file: file, line: line)
            XCTAssertLessThan(usedWall, wall, "took \(usedWall) s of wall-clock time", file: file, line: line)
        }
        return try body()
    }

    /// Reads `bytes` expecting an `XLSXReadError` whose description contains every one of
    /// `fragments`, within `seconds` and with less than `maxGrowth` bytes of extra peak memory.
    @discardableResult
    func expectRefusal(_ bytes: [UInt8], _ fragments: [String], part: String?? = .none,
                       limits: XLSXReadLimits = .init(), seconds: Double = Deadline.cpuSeconds, maxGrowth: Int = 200 << 20,
                       file: StaticString = #filePath, line: UInt = #line) -> XLSXReadError? {
        Memory.resetPeak()
        let before = Memory.field("VmRSS") ?? 0
        var caught: XLSXReadError?
        do {
            let doc = try withinDeadline(cpu: seconds, file: file, line: line) {
                try XLSXDocument.open(data: bytes, name: "hostile.xlsx", limits: limits)
            }
            XCTFail("expected a refusal containing \(fragments), but read \(doc.sheetNames)", file: file, line: line)
        } catch let error as XLSXReadError {
            caught = error
            for fragment in fragments {
                XCTAssertTrue(error.description.contains(fragment),
                              "\"\(error.description)\" does not contain \"\(fragment)\"", file: file, line: line)
            }
            if case .some(let expectedPart) = part {
                XCTAssertEqual(error.part, expectedPart, "part of \(error)", file: file, line: line)
            }
            XCTAssertFalse(error.message.contains("\n"), "one line: \(error.message)", file: file, line: line)
        } catch {
            XCTFail("expected an XLSXReadError, got \(type(of: error)): \(error)", file: file, line: line)
        }
        if let peak = Memory.field("VmHWM") {
            XCTAssertLessThan(peak - before, maxGrowth, "peak memory grew by \(peak - before) bytes", file: file, line: line)
        }
        return caught
    }

    /// Reads `bytes`, failing the test on any error.
    func read(_ bytes: [UInt8], limits: XLSXReadLimits = .init(), file: StaticString = #filePath,
              line: UInt = #line) throws -> XLSXDocument {
        do {
            return try XLSXDocument.open(data: bytes, name: "test.xlsx", limits: limits)
        } catch {
            XCTFail("could not read: \(error)", file: file, line: line)
            throw error
        }
    }
}
