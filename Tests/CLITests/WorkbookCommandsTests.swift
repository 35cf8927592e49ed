import Foundation
import XCTest

/// `planlint fill`, `template`, `extract`, and `check` on workbooks, end to end.
final class WorkbookCommandsTests: XCTestCase {
    private func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-wbcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    private func contents(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    func testFillWritesAWorkbookThatChecksLikeThePlan() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("northmoor.xlsx").path
        var r = try CLI.run(["fill", CLI.sample("complete/northmoor.yaml"), "-o", out])
        XCTAssertEqual(r.status, 0, r.transcript)
        XCTAssertEqual(r.stderrLines, ["planlint: wrote \(out) (green: 0 errors, 0 warnings)"], r.transcript)
        XCTAssertEqual(contents(dir), ["northmoor.xlsx"], "no temporary file is left behind")
        r = try CLI.run(["check", out])
        XCTAssertEqual(r.status, 0, r.transcript)
        r = try CLI.run(["extract", out])
        XCTAssertEqual(r.status, 0, r.transcript)
        XCTAssertTrue(r.stdout.contains("format: srg-plan/1\nsrg:\n  name: Northmoor System Resilience Group\n"), r.stdout)
    }

    func testCheckingAWorkbookPointsAtSheetsAndCells() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("dunmere.xlsx").path
        XCTAssertEqual(try CLI.run(["fill", CLI.sample("drafts/dunmere-costings-dont-add-up.yaml"), "-o", out]).status, 0)
        let yaml = try CLI.run(["check", "--format", "json", CLI.sample("drafts/dunmere-costings-dont-add-up.yaml")])
        let workbook = try CLI.run(["check", "--format", "json", out])
        XCTAssertEqual(workbook.status, 1, workbook.transcript)
        func findings(_ run: CLI.Run) throws -> [[String: Any]] {
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            return ((json["files"] as! [[String: Any]])[0]["findings"] as! [[String: Any]])
        }
        let a = try findings(yaml), b = try findings(workbook)
        XCTAssertEqual(a.map { "\($0["rule"]!) \($0["subject"]!)" }.sorted(), b.map { "\($0["rule"]!) \($0["subject"]!)" }.sorted())
        for f in b {
            let location = f["location"] as! [String: Any]
            XCTAssertNotNil(location["sheet"] as? String, "\(f)")
            XCTAssertNotNil(location["cell"] as? String, "\(f)")
        }
        let text = try CLI.run(["check", out], environment: ["NO_COLOR": "1"])
        XCTAssertTrue(text.stdout.contains("NE Planning!K27 error    COSTING-MATCHES-COST"), text.stdout)
    }

    func testExtractWritesYAMLThatLoads() throws {
        let dir = try tempDir()
        let book = dir.appendingPathComponent("a.xlsx").path, plan = dir.appendingPathComponent("a.yaml").path
        XCTAssertEqual(try CLI.run(["fill", CLI.sample("drafts/eastvale-missing-items.yaml"), "-o", book]).status, 0)
        var r = try CLI.run(["extract", book, "-o", plan])
        XCTAssertEqual(r.status, 0, r.transcript)
        r = try CLI.run(["check", "--format", "json", plan])
        let fromYAML = try CLI.run(["check", "--format", "json", CLI.sample("drafts/eastvale-missing-items.yaml")])
        XCTAssertEqual(r.status, fromYAML.status)
        r = try CLI.run(["extract", book, "-o", book])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("extract writes YAML"), r.transcript)
    }

    func testTemplateBlankAndOutline() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("blank.xlsx").path
        var r = try CLI.run(["template", "--blank", "-o", out])
        XCTAssertEqual(r.status, 0, r.transcript)
        // A blank workbook reads back as an empty plan: every requirement reported missing, no workbook problems.
        r = try CLI.run(["check", "--format", "json", out])
        XCTAssertEqual(r.status, 1, r.transcript)
        XCTAssertFalse(r.stdout.contains("WORKBOOK-"), r.stdout)
        XCTAssertTrue(r.stdout.contains("non_elective.minimum[NE07]"), r.stdout)
        r = try CLI.run(["template"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("NE_Section2: Section 2: Minimum plan requirements"), r.stdout)
        r = try CLI.run(["template", "--blank"])
        XCTAssertEqual(r.status, 2)
    }

    func testFillSeparatelyAndWithoutFindings() throws {
        let dir = try tempDir()
        let r = try CLI.run(["fill", CLI.sample("complete/northmoor.yaml"), "--separate", "--no-findings", "-o", dir.appendingPathComponent("out").path])
        XCTAssertEqual(r.status, 0, r.transcript)
        XCTAssertEqual(contents(dir.appendingPathComponent("out")), [
            "capacity-plan.xlsx", "elective-costings.xlsx", "elective-planning.xlsx", "governance.xlsx",
            "independent-sector-capacity.xlsx", "non-elective-costings.xlsx", "non-elective-planning.xlsx", "srg.xlsx",
        ])
    }

    func testFillRefusesToOverwriteItsInputAndLeavesNothingBehindOnFailure() throws {
        let dir = try tempDir()
        let plan = dir.appendingPathComponent("plan.xlsx")
        try FileManager.default.copyItem(atPath: CLI.sample("complete/northmoor.yaml"), toPath: plan.path)
        var r = try CLI.run(["fill", plan.path, "-o", plan.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("refusing to overwrite an input"), r.transcript)
        // A folder that does not exist: a clear reason, exit 2, nothing written.
        r = try CLI.run(["fill", CLI.sample("complete/northmoor.yaml"), "-o", dir.appendingPathComponent("no/such/folder/x.xlsx").path])
        XCTAssertEqual(r.status, 2, r.transcript)
        XCTAssertEqual(r.stderrLines.count, 1, r.transcript)
        XCTAssertTrue(r.stderr.contains("no/such/folder"), r.transcript)
        // A plan that cannot be read: exit 2 and no workbook at all.
        let out = dir.appendingPathComponent("x.xlsx").path
        r = try CLI.run(["fill", CLI.sample("broken/unclosed-quote.yaml"), "-o", out])
        XCTAssertEqual(r.status, 2, r.transcript)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertEqual(contents(dir), ["plan.xlsx"])
        r = try CLI.run(["fill", CLI.sample("complete/northmoor.yaml"), "-o", dir.appendingPathComponent("x.csv").path])
        XCTAssertEqual(r.status, 2)
    }

    func testUnreadableWorkbooksAreExitTwoWithAReason() throws {
        let dir = try tempDir()
        let fake = dir.appendingPathComponent("fake.xlsx")
        try Data("this is not a zip file".utf8).write(to: fake)
        let r = try CLI.run(["check", fake.path, CLI.sample("complete/northmoor.yaml")])
        XCTAssertEqual(r.status, 2, r.transcript)
        XCTAssertTrue(r.stderr.contains("fake.xlsx"), r.transcript)
    }

    func testNumbersAreWrittenRightWhateverTheLocale() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("de.xlsx").path
        let r = try CLI.run(["fill", CLI.sample("complete/northmoor.yaml"), "-o", out],
                            environment: ["LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "LC_NUMERIC": "de_DE.UTF-8"])
        XCTAssertEqual(r.status, 0, r.transcript)
        let check = try CLI.run(["check", "--format", "json", out], environment: ["LC_ALL": "de_DE.UTF-8"])
        XCTAssertEqual(check.status, 0, check.transcript)
    }

    /// Reports to a device are written into it: renaming a finished file over /dev/null (as root)
    /// would replace the device.
    func testReportsToDevicesAreWrittenStraightIn() throws {
        for args in [["--format", "json", "-o", "/dev/null"], ["-o", "sarif=/dev/null"], ["-o", "csv=/dev/null"]] {
            let r = try CLI.run(["check", CLI.sample("complete/northmoor.yaml")] + args)
            XCTAssertEqual(r.status, 0, r.transcript)
            var st = stat()
            XCTAssertEqual(stat("/dev/null", &st), 0)
            XCTAssertEqual(st.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a device after \(args)")
        }
        let book = try CLI.run(["check", CLI.sample("complete/northmoor.yaml"), "-o", "xlsx=/dev/null"])
        XCTAssertEqual(book.status, 2, book.transcript)
        XCTAssertTrue(book.stderr.contains("not a regular file"), book.transcript)
    }
}
