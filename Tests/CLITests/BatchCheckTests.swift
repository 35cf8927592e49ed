import Foundation
import XCTest

/// `planlint check` over many inputs: patterns, folders, workbooks, input order, several reports in one run,
/// progress on a terminal only, and memory that does not grow with the number of plans.
final class BatchCheckTests: XCTestCase {
    let northmoor = CLI.sample("complete/northmoor.yaml")

    /// A folder of plans: `names` are paths inside it, each a copy of `source` (default: the complete plan).
    private func tree(_ names: [String], source: String? = nil) throws -> URL {
        let dir = try CLI.folder(self)
        for name in names {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: source ?? northmoor, toPath: url.path)
        }
        return dir
    }

    private func files(_ json: String) throws -> [String] {
        (try CLI.json(json)["files"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
    }

    // MARK: inputs

    func testQuotedPatternsAreExpandedRecursivelyAndSorted() throws {
        let dir = try tree(["subs/north/b.yaml", "subs/north/deep/a.yml", "subs/c.yaml", "subs/.hidden/z.yaml", "subs/north/notes.txt", "other/d.yaml"])
        let all = try CLI.run(["check", "--format", "json", "subs/**/*.y*ml"], in: dir)
        XCTAssertEqual(all.status, 0, all.transcript)
        XCTAssertEqual(try files(all.stdout), ["subs/c.yaml", "subs/north/b.yaml", "subs/north/deep/a.yml"])
        let one = try CLI.run(["check", "--format", "json", "subs/*/b.yaml", "other/?.yaml"], in: dir)
        XCTAssertEqual(try files(one.stdout), ["subs/north/b.yaml", "other/d.yaml"], "patterns keep the order they were given in")
        let none = try CLI.run(["check", "subs/**/*.json"], in: dir)
        XCTAssertEqual(none.status, 2, none.transcript)
        XCTAssertEqual(none.stderrLines, ["planlint: subs/**/*.json: no files match the pattern"])
    }

    func testFoldersAreSearchedRecursivelyAndAFileNamedTwiceIsCheckedOnce() throws {
        let dir = try tree(["a/x.yaml", "a/b/y.json", "a/.git/z.yaml", "a/~$lock.xlsx"])
        let run = try CLI.run(["check", "--format", "json", "a", "a/x.yaml", "./a/b/y.json"], in: dir)
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertEqual(try files(run.stdout), ["a/b/y.json", "a/x.yaml"])
    }

    func testAWorkbookThatCannotBeReadIsReportedAndTheRestAreChecked() throws {
        let dir = try tree(["subs/a.yaml", "subs/c.yaml"])
        try Data("PK\u{3}\u{4} not really a workbook".utf8).write(to: dir.appendingPathComponent("subs/b.xlsx"))
        let run = try CLI.run(["check", "--format", "json", "subs"], in: dir)
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stderrLines.count, 1, run.transcript)
        XCTAssertTrue(run.stderr.hasPrefix("planlint: subs/b.xlsx: "), run.transcript)
        let top = try CLI.json(run.stdout)
        XCTAssertEqual(try files(run.stdout), ["subs/a.yaml", "subs/c.yaml"])
        XCTAssertEqual((top["errors"] as? [[String: String]])?.map { $0["file"] }, ["subs/b.xlsx"])
    }

    func testManyInputsComeOutInInputOrderWithEveryBadOneReported() throws {
        let dir = try CLI.folder(self)
        var args = ["check", "--format", "json"]
        var expected: [String] = [], broken: [String] = []
        let drafts = try FileManager.default.contentsOfDirectory(atPath: CLI.sample("drafts")).sorted()
        for i in 0..<40 {
            let name = "p\(String(format: "%02d", 39 - i)).yaml"   // names sort against the input order
            let url = dir.appendingPathComponent(name)
            if i % 9 == 4 {
                try Data("format: srg-plan/1\n  bad: [".utf8).write(to: url)
                broken.append(name)
            } else {
                try FileManager.default.copyItem(atPath: i % 3 == 0 ? northmoor : CLI.sample("drafts/" + drafts[i % drafts.count]), toPath: url.path)
                expected.append(name)
            }
            args.append(name)
        }
        let run = try CLI.run(args, in: dir)
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(try files(run.stdout), expected)
        XCTAssertEqual(run.stderrLines.map { String($0.dropFirst("planlint: ".count).prefix(8)) }, broken, "one line per bad input, in order")
        let again = try CLI.run(args, in: dir)
        XCTAssertEqual(again.stdout, run.stdout, "the same bytes whatever the scheduling")
    }

    func testStandardInputStillWorksAmongOtherInputs() throws {
        let run = try CLI.run(["check", "--format", "json", northmoor, "-"], stdin: URL(fileURLWithPath: CLI.sample("drafts/greywater-funding-gap.yaml")))
        XCTAssertEqual(run.status, 1, run.transcript)
        XCTAssertEqual(try files(run.stdout), [northmoor, "<stdin>"])
    }

    // MARK: several reports

    func testOneRunWritesEveryFormatAtomically() throws {
        let dir = try CLI.folder(self)
        let drafts = CLI.sample("drafts")
        let run = try CLI.run(["check", drafts, northmoor, "--format", "text", "-o", "sarif=out.sarif", "-o", "junit=out.xml",
                               "-o", "csv=out.csv", "-o", "html=out.html", "--output", "json=out.json", "-o", "xlsx=out.xlsx"], in: dir)
        XCTAssertEqual(run.status, 1, run.transcript)
        XCTAssertTrue(run.stdout.hasSuffix("11 files checked: 10 red, 0 amber, 1 green · 45 errors, 5 warnings, 0 info · RED\n"), run.transcript)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(),
                       ["out.csv", "out.html", "out.json", "out.sarif", "out.xlsx", "out.xml"], "each report whole, no temporary file left")
        let json = try CLI.run(["check", "--format", "json", drafts, northmoor], in: dir)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("out.json"), encoding: .utf8), json.stdout,
                       "a report written beside others is the one written alone")
        let sarif = try CLI.json(try String(contentsOf: dir.appendingPathComponent("out.sarif"), encoding: .utf8))
        let sarifRun = try XCTUnwrap((sarif["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual((sarifRun["results"] as? [Any])?.count, 50)
        let rules = ((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        XCTAssertGreaterThan(rules.count, 70, "every rule of the rule set, built-in format checks included")
        XCTAssertTrue(rules.contains { $0["id"] as? String == "FORMAT-EMAIL" })
        let invocation = (sarifRun["invocations"] as? [[String: Any]])?.first
        XCTAssertEqual(invocation?["exitCode"] as? Int, 1)
        let csv = try String(contentsOf: dir.appendingPathComponent("out.csv"), encoding: .utf8)
        XCTAssertEqual(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 51, "a header and a row per finding")
        let html = try String(contentsOf: dir.appendingPathComponent("out.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Dunmere System Resilience Group"), "plans are named by their SRG")
        let junit = try String(contentsOf: dir.appendingPathComponent("out.xml"), encoding: .utf8)
        XCTAssertEqual(junit.components(separatedBy: "<testsuite ").count - 1, 11)
        let sheets = try CLI.run(["python3", "-c", "import openpyxl, sys; print(len(openpyxl.load_workbook(sys.argv[1]).sheetnames))",
                                  dir.appendingPathComponent("out.xlsx").path], program: URL(fileURLWithPath: "/usr/bin/env"))
        XCTAssertEqual(sheets.stdout, "12\n", "openpyxl reads the workbook: a summary and a sheet per plan\n\(sheets.transcript)")
    }

    func testReportToStandardOutputByOutputDash() throws {
        let run = try CLI.run(["check", "-o", "csv=-", northmoor])
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertEqual(run.stdout, "\u{FEFF}file,srg,rule,severity,category,subject,message,citation,location,line,column,sheet,cell\r\n")
    }

    func testOutputOptionsThatCannotWorkExitTwoWithOneLine() throws {
        let dir = try tree(["plan.yaml"])
        let cases: [([String], String)] = [
            (["--format", "json", "--format", "sarif"], "only one report can go to standard output"),
            (["-o", "a.txt", "-o", "b.txt"], "-o FILE can be given once"),
            (["--format", "xlsx"], "write it to a file"),
            (["-o", "json=r.json", "-o", "sarif=r.json"], "r.json: two reports cannot be written to the same file"),
            (["-o", "json="], "give a file after '='"),
            (["--format", "json", "--format", "csv", "-o", "r.out"], "with several --format, name each report's file"),
            (["-o", "sarif=plan.yaml"], "plan.yaml: refusing to overwrite an input file with the report"),
            (["--format", "pdf"], "'pdf' is not a report format"),
        ]
        for (options, phrase) in cases {
            let run = try CLI.run(["check", "plan.yaml"] + options, in: dir)
            XCTAssertEqual(run.status, 2, "\(options)\n\(run.transcript)")
            XCTAssertEqual(run.stderrLines.count, 1, "\(options)\n\(run.transcript)")
            XCTAssertTrue(run.stderr.contains(phrase), "\(options): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", "\(options)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["plan.yaml"], "nothing written")
    }

    func testAReportFileIsNeverReadAsAnInputOfAFolder() throws {
        let dir = try tree(["subs/a.yaml"])
        try Data("stale".utf8).write(to: dir.appendingPathComponent("subs/findings.json"))
        let run = try CLI.run(["check", "subs", "-o", "json=subs/findings.json", "-o", "text=-"], in: dir)
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertTrue(run.stdout.hasPrefix("subs/a.yaml  GREEN"), run.transcript)
        XCTAssertEqual(try files(try String(contentsOf: dir.appendingPathComponent("subs/findings.json"), encoding: .utf8)), ["subs/a.yaml"])
    }

    // MARK: progress

    func testNoProgressWhenStandardErrorIsNotATerminal() throws {
        let dir = try tree((0..<12).map { "p\($0).yaml" })
        let run = try CLI.run(["check", "--format", "json", "-o", "json=out.json", "."], in: dir)
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertEqual(run.stderr, "", "a pipe gets no progress bar")
        XCTAssertEqual(run.stdout, "")
    }

    func testProgressOnATerminalIsDrawnThenCleared() throws {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script), let exe = CLI.executable else {
            throw XCTSkip("needs util-linux script(1) to give planlint a terminal")
        }
        let many = try tree((0..<12).map { "p\($0).yaml" })
        let few = try tree((0..<8).map { "p\($0).yaml" })
        let reports = try CLI.folder(self)
        func onTerminal(_ dir: URL) throws -> CLI.Run {
            try CLI.run(["-q", "-e", "-c", "'\(exe.path)' check --format json -o json=\(reports.path)/out.json \(dir.path)", "/dev/null"],
                        environment: ["TERM": "xterm"], program: URL(fileURLWithPath: script))
        }
        let bar = try onTerminal(many)
        XCTAssertEqual(bar.status, 0, bar.transcript)
        XCTAssertTrue(bar.stdout.contains("Checking plans ["), bar.transcript)
        XCTAssertTrue(bar.stdout.contains("/12"), bar.transcript)
        XCTAssertTrue(bar.stdout.hasSuffix("\r\u{1B}[K"), "the bar is cleared at the end: \(bar.stdout.debugDescription)")
        let quiet = try onTerminal(few)
        XCTAssertEqual(quiet.status, 0, quiet.transcript)
        XCTAssertEqual(quiet.stdout, "", "eight files or fewer get no bar")
        let scrolling = try CLI.run(["-q", "-e", "-c", "'\(exe.path)' check \(many.path)", "/dev/null"],
                                    environment: ["TERM": "xterm", "NO_COLOR": "1"], program: URL(fileURLWithPath: script))
        XCTAssertEqual(scrolling.status, 0, scrolling.transcript)
        XCTAssertFalse(scrolling.stdout.contains("Checking plans"), "no bar under a report written to the same terminal")
        XCTAssertTrue(scrolling.stdout.contains("12 files checked: 0 red, 0 amber, 12 green"), scrolling.transcript)
    }

    // MARK: memory

    /// Peak memory of a run of `count` plans, in MiB (measured by Python's getrusage over its only child).
    private func peakMemory(plans count: Int, in dir: URL) throws -> Double {
        let folder = dir.appendingPathComponent("n\(count)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let drafts = try FileManager.default.contentsOfDirectory(atPath: CLI.sample("drafts")).sorted().map { CLI.sample("drafts/" + $0) }
        let sources = drafts + [northmoor]
        for i in 0..<count {
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(String(format: "p%05d.yaml", i)).path,
                                                       withDestinationPath: sources[i % sources.count])
        }
        guard let exe = CLI.executable else { throw CLI.NoExecutable() }
        let run = try CLI.run(["python3", "-c", """
        import resource, subprocess, sys
        r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
        print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        """, exe.path, "check", folder.path, "--format", "json", "-o", "sarif=\(dir.path)/o.sarif", "-o", "html=\(dir.path)/o.html",
                               "-o", "junit=\(dir.path)/o.xml", "-o", "csv=\(dir.path)/o.csv"],
                              timeout: 600, program: URL(fileURLWithPath: "/usr/bin/env"))
        let parts = run.stdout.split(separator: " ")
        XCTAssertEqual(parts.first, "1", run.transcript)
        return (Double(parts.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? .infinity) / 1024
    }

    func testMemoryStaysFlatAsThePlansMultiply() throws {
        let dir = try CLI.folder(self)
        let small = try peakMemory(plans: 40, in: dir)
        let large = try peakMemory(plans: 400, in: dir)
        XCTAssertLessThan(large, 200)
        XCTAssertLessThan(large - small, 25, "ten times the plans, about the same memory: \(small) MiB then \(large) MiB")
    }
}
