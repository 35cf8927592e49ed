import Foundation
import XCTest
import PlanModel
import RuleEngine
import WorkbookTemplates
import XLSXReader

// Shared by the independent verification tests (OpenpyxlFillTests, LibreOfficeTests,
// ExtractEditedWorkbookTests): the canonical dump of plan values, the Python helpers in
// scripts/verify/, LibreOffice and subprocesses.

// MARK: - Canonical dump

/// A value tree written out without origins: one line per leaf, `path = kind value`, in tree order.
/// Two values with the same content (wherever they were read from: YAML, a workbook) give the same text.
///
/// - Record fields are named (`.srg.name`); list elements are numbered (`[3]`) and, when keyed, also
///   carry their key (`[3 NE04]`), so a diff shows which element differs.
/// - Absent fields and `.missing` values write nothing; `.invalid` writes `<invalid>`.
/// - Money is written in pence, dates as YYYY-MM-DD, numbers with Swift's shortest round-trip form,
///   text as a Swift string literal (escapes shown).
/// - Empty lists write `path = []`, blank text `path = text ""`; with `skipEmpty` both write nothing
///   (a workbook cell cannot tell them from no value).
func canonicalDump(_ v: Value, skipEmpty: Bool = false) -> String {
    var out = ""
    canonicalWrite(v, path: "", skipEmpty: skipEmpty, into: &out)
    return out
}

private func canonicalWrite(_ v: Value, path: String, skipEmpty: Bool, into out: inout String) {
    switch v {
    case .missing: return
    case .invalid: out += "\(path) = <invalid>\n"
    case .text(let s, _):
        if skipEmpty && s.isBlank { return }
        out += "\(path) = text \(s.debugDescription)\n"
    case .number(let d, _): out += "\(path) = number \(d)\n"
    case .money(let m, _): out += "\(path) = money \(m.pence)p\n"
    case .date(let d, _): out += "\(path) = date \(d)\n"
    case .bool(let b): out += "\(path) = bool \(b)\n"
    case .record(let r, _):
        for (i, f) in r.schema.fields.enumerated() {
            if let x = r.values[i] { canonicalWrite(x, path: path + "." + f.name, skipEmpty: skipEmpty, into: &out) }
        }
    case .list(let items, _):
        if items.isEmpty { if !skipEmpty { out += "\(path) = []\n" }; return }
        for (i, x) in items.enumerated() {
            var step = "\(i)"
            if case .record(let r, _) = x, let key = r.key { step += " " + key }
            canonicalWrite(x, path: path + "[\(step)]", skipEmpty: skipEmpty, into: &out)
        }
    }
}

/// The lines of two dumps that differ, for failure messages (at most `limit` of each side).
func dumpDifference(_ a: String, _ b: String, limit: Int = 20) -> String {
    let la = a.split(separator: "\n").map(String.init), lb = b.split(separator: "\n").map(String.init)
    let sa = Set(la), sb = Set(lb)
    let onlyA = la.filter { !sb.contains($0) }, onlyB = lb.filter { !sa.contains($0) }
    return "only in the first (\(onlyA.count)):\n  " + onlyA.prefix(limit).joined(separator: "\n  ")
        + "\nonly in the second (\(onlyB.count)):\n  " + onlyB.prefix(limit).joined(separator: "\n  ")
}

// MARK: - The repository, rules and templates

enum Verify {
    /// The package root: three levels above this file (Tests/WorkbookTemplatesTests/…).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static let ruleSet: RuleSet = {
        do { return try RuleSet.load(directory: path("Rules")) } catch { fatalError("the bundled rules do not load: \(error)") }
    }()
    static let spec: WorkbookSpec = {
        do { return try TemplateSpecLoader.load(folder: path("Templates"), catalogue: ruleSet.catalogue) }
        catch { fatalError("the bundled templates do not load: \(error)") }
    }()
    static var filler: WorkbookFiller { WorkbookFiller(spec: spec, catalogue: ruleSet.catalogue) }
    static var extractor: WorkbookExtractor { WorkbookExtractor(spec: spec, catalogue: ruleSet.catalogue) }

    static let northmoor = "Samples/complete/northmoor.yaml"

    /// A fresh folder removed when the test ends.
    static func tempDir(_ test: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// A plan file of the repository, loaded, with its YAML document (for fill).
    static func load(_ relative: String) throws -> (plan: Plan, document: YAMLNode?) {
        let bytes = try PlanLoader.readFile(path(relative), maxBytes: 10 << 20)
        return (try PlanLoader.load(bytes: bytes, file: relative), try? YAMLComposer.compose(bytes))
    }

    /// Loads YAML text as a plan, with the composed document for fill.
    static func load(yaml: String, file: String) throws -> (plan: Plan, document: YAMLNode?) {
        let bytes = [UInt8](yaml.utf8)
        return (try PlanLoader.load(bytes: bytes, file: file), try? YAMLComposer.compose(bytes))
    }

    /// Fills a workbook in-process as `planlint fill` does: with the plan's findings on the Findings sheet
    /// unless `findings` is false; returns its path.
    @discardableResult
    static func fill(_ plan: Plan, document: YAMLNode?, to path: String, findings: Bool = true) throws -> String {
        var options = WorkbookFiller.Options(generator: "planlint tests", created: Date(timeIntervalSince1970: 1_400_000_000))
        if findings { options.findings = FindingsSummary(findings: ruleSet.check(plan), rules: ruleSet.label) }
        try filler.fill(plan: plan, document: document, options: options, to: path)
        return path
    }

    /// Reads a workbook back into a plan as `planlint check` does.
    static func extract(_ path: String, file: String? = nil) throws -> Plan {
        extractor.plan(try XLSXDocument.open(path: path), file: file ?? path)
    }

    /// Findings without their locations or file: `RULE subject: message`, sorted.
    static func signatures(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.rule) \($0.subject): \($0.message)" }.sorted()
    }

    /// The `planlint` executable built beside the test bundle (same scratch path).
    static let planlintExecutable: URL? = {
        var starts: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            starts.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let exe = Bundle.main.executableURL { starts.append(exe.deletingLastPathComponent()) }
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("planlint")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                dir.deleteLastPathComponent()
            }
        }
        return nil
    }()
}

// MARK: - Subprocesses

struct ProcessResult {
    let status: Int32
    let stdout: Data
    let stderr: String
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var transcript: String { "exit \(status)\n--- stdout\n\(stdoutText.prefix(4000))\n--- stderr\n\(stderr.prefix(4000))" }
}

struct ProcessTimeout: Error, CustomStringConvertible {
    let command: String
    var description: String { "timed out: \(command)" }
}

/// Runs `executable arguments…` and collects its output. `environment` is added to (and overrides) this
/// process's environment; a key mapped to nil is removed.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String?] = [:],
                directory: URL? = nil, timeout: TimeInterval = 300) throws -> ProcessResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    if let directory { p.currentDirectoryURL = directory }
    // Files, not pipes: a chatty child cannot fill a pipe and block.
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-proc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: tmp) }
    let outURL = tmp.appendingPathComponent("out"), errURL = tmp.appendingPathComponent("err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    p.terminationHandler = { _ in done.signal() }
    try p.run()
    if done.wait(timeout: .now() + timeout) == .timedOut {
        p.terminate()
        _ = done.wait(timeout: .now() + 5)
        throw ProcessTimeout(command: ([executable] + arguments).joined(separator: " "))
    }
    try out.close(); try err.close()
    return ProcessResult(status: p.terminationStatus, stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                         stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
}

/// The full path of a program on PATH, or nil.
func which(_ program: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let candidate = String(dir) + "/" + program
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

// MARK: - Python helpers (scripts/verify/*.py)

/// A helper or tool that failed; the test fails with this description (XCTest prints thrown errors).
struct VerifyError: Error, CustomStringConvertible {
    let description: String
}

enum Python {
    /// Runs `python3 scripts/verify/<script> arguments…`; throws unless it exits 0.
    static func run(_ script: String, _ arguments: [String]) throws -> ProcessResult {
        guard let python = which("python3") else {
            throw VerifyError(description: "python3 is not on PATH; the verification tests need python3 with openpyxl (pip install openpyxl)")
        }
        let r = try runProcess(python, [Verify.path("scripts/verify/" + script)] + arguments)
        guard r.status == 0 else {
            var hint = ""
            if r.stderr.contains("No module named 'openpyxl'") { hint = "\n(install openpyxl: pip install openpyxl, or apt-get install python3-openpyxl)" }
            throw VerifyError(description: "scripts/verify/\(script) \(arguments.joined(separator: " ")) failed:\n\(r.transcript)\(hint)")
        }
        return r
    }

    /// The JSON object a script printed.
    static func json(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let r = try run(script, arguments)
        guard let object = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any] else {
            throw VerifyError(description: "scripts/verify/\(script) did not print a JSON object:\n\(r.transcript)")
        }
        return object
    }
}

/// What scripts/verify/dump_workbook.py says about a workbook (see the script for the fields).
struct WorkbookDump {
    let raw: [String: Any]

    init(_ path: String) throws {
        raw = try Python.json("dump_workbook.py", [path])
    }

    var sheets: [String] { raw["sheets"] as? [String] ?? [] }
    func cells(_ sheet: String) -> [String: [String: Any]] {
        (raw["cells"] as? [String: Any])?[sheet] as? [String: [String: Any]] ?? [:]
    }
    func cell(_ sheet: String, _ address: String) -> [String: Any]? { cells(sheet)[address] }
    /// The cell's value (a formula's text for formula cells); nil when empty.
    func value(_ sheet: String, _ address: String) -> Any? {
        let v = cell(sheet, address)?["v"]
        return v is NSNull ? nil : v
    }
    func text(_ sheet: String, _ address: String) -> String? { value(sheet, address) as? String }
    var formulas: [[String: Any]] { raw["formulas"] as? [[String: Any]] ?? [] }
    func merged(_ sheet: String) -> [String] { (raw["merged"] as? [String: Any])?[sheet] as? [String] ?? [] }
    var names: [String: [String: Any]] { raw["names"] as? [String: [String: Any]] ?? [:] }
    func validations(_ sheet: String) -> [[String: Any]] { (raw["validations"] as? [String: Any])?[sheet] as? [[String: Any]] ?? [] }
    func freeze(_ sheet: String) -> String? { (raw["freeze"] as? [String: Any])?[sheet] as? String }
    func printSetup(_ sheet: String) -> [String: Any] { (raw["print"] as? [String: Any])?[sheet] as? [String: Any] ?? [:] }
    func isProtected(_ sheet: String) -> Bool { (raw["protection"] as? [String: Any])?[sheet] as? Bool ?? false }
    var custom: [String: Any] { raw["custom"] as? [String: Any] ?? [:] }
    var core: [String: Any] { raw["core"] as? [String: Any] ?? [:] }
}

// MARK: - Cell addresses

enum Addr {
    /// (row, column), both from 1, of an address like "K33" (dollars allowed).
    static func parse(_ address: String) -> (row: Int, col: Int)? {
        var col = 0, row = 0, sawDigit = false
        for ch in address.unicodeScalars where ch != "$" {
            if ch.value >= 65 && ch.value <= 90 && !sawDigit { col = col * 26 + Int(ch.value - 64) }
            else if ch.value >= 48 && ch.value <= 57 { sawDigit = true; row = row * 10 + Int(ch.value - 48) }
            else { return nil }
        }
        return sawDigit && col > 0 ? (row, col) : nil
    }

    static func column(_ col: Int) -> String {
        var n = col, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    static func address(row: Int, col: Int) -> String { column(col) + String(row) }

    /// The rows of a range "A4:K9" (or a single cell).
    static func rows(_ range: String) -> ClosedRange<Int>? {
        let parts = range.split(separator: ":").map(String.init)
        guard let a = parse(parts[0]), let b = parse(parts.last!) else { return nil }
        return min(a.row, b.row)...max(a.row, b.row)
    }
}

// MARK: - LibreOffice

/// Running LibreOffice headless with a private profile (see shared/design/excel-notes.md).
final class LibreOffice {
    let soffice: String
    let home: URL
    /// When true, the profile is set to recalculate every formula when a workbook is loaded.
    let recalculate: Bool
    private var profileMade = false

    static let csvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    static let xlsxFilter = "xlsx:Calc MS Excel 2007 XML"

    /// The soffice on PATH; a failure unless PLANLINT_SKIP_LIBREOFFICE=1 (then the test is skipped).
    static func locate() throws -> String {
        if let s = which("soffice") ?? which("libreoffice") { return s }
        if ProcessInfo.processInfo.environment["PLANLINT_SKIP_LIBREOFFICE"] == "1" {
            throw XCTSkip("soffice is not on PATH (PLANLINT_SKIP_LIBREOFFICE=1)")
        }
        throw VerifyError(description: """
            soffice is not on PATH: these tests check workbooks with LibreOffice. Install it \
            (Debian/Ubuntu: apt-get install libreoffice-calc-nogui; CI does), or set PLANLINT_SKIP_LIBREOFFICE=1 to skip them.
            """)
    }

    init(in dir: URL, recalculate: Bool) throws {
        soffice = try Self.locate()
        home = dir.appendingPathComponent(recalculate ? "lo-recalc" : "lo-plain")
        self.recalculate = recalculate
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    private var profileURL: URL { home.appendingPathComponent("profile") }

    /// Converts every file to `filter` into `outdir` in one soffice call.
    func convert(_ files: [String], to filter: String, outdir: URL) throws {
        try makeProfileIfNeeded()
        try FileManager.default.createDirectory(at: outdir, withIntermediateDirectories: true)
        let r = try soffice(["--convert-to", filter, "--outdir", outdir.path] + files)
        guard r.status == 0 else { throw VerifyError(description: "soffice --convert-to failed:\n\(r.transcript)") }
    }

    private func soffice(_ args: [String]) throws -> ProcessResult {
        try runProcess(soffice, ["--headless", "--norestore", "--nolockcheck",
                                 "-env:UserInstallation=" + profileURL.absoluteString] + args,
                       environment: ["HOME": home.path, "LC_ALL": "C.UTF-8", "SAL_USE_VCLPLUGIN": "svp"],
                       timeout: 300)
    }

    /// The first run creates the profile; with `recalculate`, the setting is then added to it.
    private func makeProfileIfNeeded() throws {
        guard !profileMade else { return }
        profileMade = true
        guard recalculate else { return }
        let xcu = profileURL.appendingPathComponent("user/registrymodifications.xcu")
        if !FileManager.default.fileExists(atPath: xcu.path) {
            // `--terminate_after_init` starts LibreOffice once, which writes the profile.
            let r = try soffice(["--terminate_after_init"])
            guard FileManager.default.fileExists(atPath: xcu.path) else {
                throw VerifyError(description: "soffice did not create its profile at \(xcu.path):\n\(r.transcript)")
            }
        }
        var text = try String(contentsOf: xcu, encoding: .utf8)
        let item = #"<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>"#
        guard !text.contains("OOXMLRecalcMode"), let end = text.range(of: "</oor:items>") else { return }
        text.insert(contentsOf: item + "\n", at: end.lowerBound)
        try text.write(to: xcu, atomically: true, encoding: .utf8)
    }
}
