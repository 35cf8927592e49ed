import Foundation
import XCTest

/// `planlint check`, end to end: exit statuses, outputs and error lines as the findings contract states them.
final class CheckCommandTests: XCTestCase {
    /// The rule ids each draft must raise (`Samples/README.md`: one class of defect per draft).
    static let draftRules: [String: Set<String>] = [
        "ashcombe-not-signed.yaml": ["SIGNOFF-MEMBER", "SIGNOFF-ROW"],
        "brackenford-incomplete-fields.yaml": ["LEAD-FIELD", "SCHEME-FIELD", "ANNEXC-FIELD"],
        "calderbrook-unmeasurable-targets.yaml": ["TARGET-MEASURABLE", "KPI-PRESENT"],
        "dunmere-costings-dont-add-up.yaml": ["COSTING-MATCHES-COST", "COST-HAS-COSTING", "COSTING-HAS-SCHEME", "COSTING-ITEMS-NET"],
        "eastvale-missing-items.yaml": ["MIN-PRESENT", "SECTION-NARRATIVE", "ENGAGEMENT-ELEMENT"],
        "fernleigh-capacity-not-linked.yaml": ["CAPACITY-REFS", "CAPACITY-KIND-BEDS", "CAPACITY-REF-EXISTS", "CAPACITY-UNUSED"],
        "greywater-funding-gap.yaml": ["FUNDING-GAP-PLAN", "FUNDING-TOTAL-ELECTIVE"],
        "hallowmere-format-errors.yaml": ["FORMAT-CHOICE", "FORMAT-EMAIL", "FORMAT-MONEY", "FORMAT-TYPE", "FORMAT-DATE",
                                          "TARGET-PRESENT", "FORMAT-UNKNOWN-KEY"],
        "kestrelvale-template-text-left-in.yaml": ["EXAMPLE-TEXT"],
        "lowmarsh-late-timeframes.yaml": ["SUBMISSION-DATE", "TIMEFRAME-IN-YEAR", "TIMEFRAME-DEADLINE"],
    ]

    let northmoor = CLI.sample("complete/northmoor.yaml")

    /// Northmoor with one target made unmeasurable: a TARGET-MEASURABLE warning and nothing else.
    private func amberPlan() throws -> URL {
        let text = try String(contentsOfFile: northmoor, encoding: .utf8)
        let target = "- Next-day forecast within 5% of actual occupancy by December 2014"
        XCTAssertTrue(text.contains(target))
        let url = try CLI.folder(self).appendingPathComponent("amber.yaml")
        try Data(text.replacingOccurrences(of: target, with: "- Improve patient flow").utf8).write(to: url)
        return url
    }

    // MARK: exit 0 and 1

    func testCompletePlanIsGreenFromAnotherDirectoryWithoutRulesOption() throws {
        let run = try CLI.run(["check", northmoor], in: URL(fileURLWithPath: "/tmp"))
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertEqual(run.stderr, "")
        XCTAssertTrue(run.stdout.contains("no findings"), run.transcript)
        XCTAssertTrue(run.stdout.hasSuffix("1 file checked · 0 errors, 0 warnings, 0 info · GREEN\n"), run.transcript)
    }

    func testEachDraftExitsOneWithItsRules() throws {
        for (name, expected) in Self.draftRules.sorted(by: { $0.key < $1.key }) {
            let run = try CLI.run(["check", "--format", "json", CLI.sample("drafts/" + name)])
            XCTAssertEqual(run.status, 1, "\(name)\n\(run.transcript)")
            XCTAssertEqual(run.stderr, "", name)
            let files = try CLI.json(run.stdout)["files"] as? [[String: Any]]
            let findings = files?.first?["findings"] as? [[String: Any]] ?? []
            XCTAssertEqual(Set(findings.compactMap { $0["rule"] as? String }), expected, name)
            XCTAssertEqual(files?.first?["status"] as? String, "red", name)
        }
    }

    func testTextOutputNamesRulesAndSubjects() throws {
        let run = try CLI.run(["check", CLI.sample("drafts/greywater-funding-gap.yaml")])
        XCTAssertEqual(run.status, 1, run.transcript)
        XCTAssertTrue(run.stdout.contains("FUNDING-GAP-PLAN"), run.transcript)
        XCTAssertTrue(run.stdout.contains("at non_elective.gap_closure · "), run.transcript)
        XCTAssertTrue(run.stdout.contains("  46:1     error    FUNDING-GAP-PLAN\n"), run.transcript)
        XCTAssertTrue(run.stdout.hasSuffix("1 file checked · 2 errors, 0 warnings, 0 info · RED\n"), run.transcript)
    }

    func testJSONOutputHasTheContractsFields() throws {
        let plan = CLI.sample("drafts/dunmere-costings-dont-add-up.yaml")
        let run = try CLI.run(["check", "--format", "json", plan])
        XCTAssertEqual(run.status, 1, run.transcript)
        let top = try CLI.json(run.stdout)
        XCTAssertEqual(Set(top.keys), ["tool", "version", "rules", "files", "counts"])
        XCTAssertEqual(top["tool"] as? String, "planlint")
        XCTAssertEqual(top["rules"] as? String, "nhs-resilience-2014-15 1.0.0")
        XCTAssertFalse((top["version"] as? String ?? "").isEmpty)
        XCTAssertEqual(top["counts"] as? [String: Int], ["error": 4, "warning": 0, "info": 0])
        let file = try XCTUnwrap((top["files"] as? [[String: Any]])?.first)
        XCTAssertEqual(file["file"] as? String, plan)
        XCTAssertEqual(file["status"] as? String, "red")
        XCTAssertEqual(file["counts"] as? [String: Int], ["error": 4, "warning": 0, "info": 0])
        let findings = try XCTUnwrap(file["findings"] as? [[String: Any]])
        let categories: Set<String> = ["missing-item", "incomplete", "kpi-link", "costing-link", "capacity-link", "funding",
                                       "deadline", "sign-off", "governance", "format"]
        var lines: [Int] = []
        for f in findings {
            XCTAssertTrue(["error", "warning", "info"].contains(f["severity"] as? String ?? ""), "\(f)")
            XCTAssertTrue(categories.contains(f["category"] as? String ?? ""), "\(f)")
            for key in ["rule", "subject", "message", "citation"] {
                XCTAssertFalse((f[key] as? String ?? "").isEmpty, "\(key) in \(f)")
            }
            XCTAssertEqual(f["file"] as? String, plan)
            let location = try XCTUnwrap(f["location"] as? [String: Int])
            XCTAssertEqual(Set(location.keys), ["line", "column"])
            lines.append(location["line"] ?? 0)
        }
        XCTAssertEqual(lines, lines.sorted(), "findings are in location order")
        XCTAssertEqual(findings.map { $0["subject"] as? String }, [
            "non_elective.minimum[NE08].cost", "non_elective.costings[NE13]", "non_elective.costings[NE-L2]", "elective.costings[EL06].net",
        ])
    }

    func testTwoRunsGiveIdenticalOutput() throws {
        let args = ["check", "--format", "json", CLI.sample("drafts")]
        let a = try CLI.run(args), b = try CLI.run(args)
        XCTAssertEqual(a.stdout, b.stdout)
    }

    func testFailOnWarningTurnsAnAmberPlanIntoExitOne() throws {
        let plan = try amberPlan().path
        let lenient = try CLI.run(["check", plan])
        XCTAssertEqual(lenient.status, 0, lenient.transcript)
        XCTAssertTrue(lenient.stdout.contains("AMBER"), lenient.transcript)
        XCTAssertTrue(lenient.stdout.contains("TARGET-MEASURABLE"), lenient.transcript)
        let strict = try CLI.run(["check", "--fail-on", "warning", plan])
        XCTAssertEqual(strict.status, 1, strict.transcript)
        XCTAssertEqual(strict.stdout, lenient.stdout, "the level changes the exit status, not the report")
        let json = try CLI.run(["check", "--format", "json", "--fail-on", "error", plan])
        XCTAssertEqual(json.status, 0, json.transcript)
        XCTAssertEqual((try CLI.json(json.stdout)["files"] as? [[String: Any]])?.first?["status"] as? String, "amber")
    }

    func testProfileOptionChangesSeverities() throws {
        let plan = try amberPlan().path
        // TARGET-MEASURABLE is an error in the high-risk profile.
        let run = try CLI.run(["check", "--profile", "high-risk", plan])
        XCTAssertEqual(run.status, 1, run.transcript)
        XCTAssertTrue(run.stdout.contains("error    TARGET-MEASURABLE"), run.transcript)
    }

    // MARK: folders and standard input

    func testFolderArgumentExpandsToItsPlansSorted() throws {
        let run = try CLI.run(["check", "--format", "json", CLI.sample("drafts")])
        XCTAssertEqual(run.status, 1, run.transcript)
        let files = (try CLI.json(run.stdout)["files"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        XCTAssertEqual(files, Self.draftRules.keys.sorted().map { CLI.sample("drafts/" + $0) })
    }

    func testFolderSkipsHiddenAndOtherFilesAndReadsJSON() throws {
        let dir = try CLI.folder(self)
        try FileManager.default.copyItem(atPath: northmoor, toPath: dir.appendingPathComponent("b.yml").path)
        try Data(#"{"format": "srg-plan/1", "srg": {"name": "Json SRG"}}"#.utf8).write(to: dir.appendingPathComponent("a.json"))
        try Data("not a plan".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        try Data("- hidden".utf8).write(to: dir.appendingPathComponent(".hidden.yaml"))
        let run = try CLI.run(["check", "--format", "json", "."], in: dir)
        XCTAssertEqual(run.status, 1, run.transcript)
        let files = (try CLI.json(run.stdout)["files"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        XCTAssertEqual(files, ["./a.json", "./b.yml"])
    }

    func testFolderWithoutPlansExitsTwo() throws {
        let dir = try CLI.folder(self)
        try Data("not a plan".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let run = try CLI.run(["check", dir.path])
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stderrLines, ["planlint: \(dir.path): the folder has no .yaml, .yml, .json or .xlsx files"])
    }

    func testStandardInput() throws {
        let run = try CLI.run(["check", "--format", "json", "-"], stdin: URL(fileURLWithPath: northmoor))
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertEqual((try CLI.json(run.stdout)["files"] as? [[String: Any]])?.first?["file"] as? String, "<stdin>")
    }

    // MARK: exit 2

    func testBrokenSamplesExitTwoWithOneLineNamingTheFile() throws {
        let expected: [String: String] = [
            "empty.yaml": "the file is empty",
            "top-level-list.yaml": "top-level-list.yaml:2:1: the top level is a list, not a mapping",
            "unclosed-quote.yaml": "starts at line 3, column 9",
            "alias-bomb.yaml": "aliases",
            "garbage.bin": "not a text file",
        ]
        let broken = try FileManager.default.contentsOfDirectory(atPath: CLI.sample("broken"))
        XCTAssertEqual(Set(broken), Set(expected.keys), "every broken sample is covered")
        for (name, phrase) in expected.sorted(by: { $0.key < $1.key }) {
            let path = CLI.sample("broken/" + name)
            let run = try CLI.run(["check", path], timeout: 30)
            XCTAssertEqual(run.status, 2, "\(name)\n\(run.transcript)")
            XCTAssertEqual(run.stderrLines.count, 1, "\(name): exactly one line on stderr\n\(run.transcript)")
            let line = run.stderrLines.first ?? ""
            XCTAssertTrue(line.hasPrefix("planlint: " + path), "\(name): the line names the file: \(line)")
            XCTAssertTrue(line.contains(phrase), "\(name): \(line)")
        }
    }

    func testUnreadableInputBesideAGoodOneStillExitsTwoAndReportsBoth() throws {
        let run = try CLI.run(["check", "--format", "json", northmoor, CLI.sample("broken/empty.yaml")])
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stderrLines.count, 1, run.transcript)
        let top = try CLI.json(run.stdout)
        XCTAssertEqual((top["files"] as? [[String: Any]])?.compactMap { $0["file"] as? String }, [northmoor])
        let errors = top["errors"] as? [[String: String]]
        XCTAssertEqual(errors?.first?["file"], CLI.sample("broken/empty.yaml"))
        XCTAssertTrue(errors?.first?["message"]?.contains("the file is empty") ?? false, "\(String(describing: errors))")
    }

    func testMissingFileExitsTwo() throws {
        let run = try CLI.run(["check", "/nonexistent/plan.yaml"])
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stderrLines, ["planlint: /nonexistent/plan.yaml: no such file"])
    }

    func testUnknownOptionExitsTwoWithOneLine() throws {
        let run = try CLI.run(["check", "--bogus", northmoor])
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stderrLines.count, 1, run.transcript)
        XCTAssertTrue(run.stderr.contains("--bogus"), run.transcript)
        XCTAssertEqual(run.stdout, "")
    }

    func testBadOptionValuesExitTwoWithOneLine() throws {
        for args in [["check", "--format", "xml", northmoor], ["check", "--fail-on", "info", northmoor], ["check"]] {
            let run = try CLI.run(args)
            XCTAssertEqual(run.status, 2, "\(args)\n\(run.transcript)")
            XCTAssertEqual(run.stderrLines.count, 1, "\(args)\n\(run.transcript)")
        }
    }

    func testUnknownProfileExitsTwoNamingIt() throws {
        let run = try CLI.run(["check", "--profile", "earned-autonmy", northmoor])
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stderrLines.count, 1, run.transcript)
        XCTAssertTrue(run.stderr.contains("'earned-autonmy'"), run.transcript)
        XCTAssertTrue(run.stderr.contains("earned-autonomy"), "the line lists the profiles there are: \(run.stderr)")
    }

    func testBadRulesFolderOptionExitsTwo() throws {
        let run = try CLI.run(["check", "--rules", "/nonexistent/rules", northmoor])
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stderrLines, ["planlint: /nonexistent/rules: not a rules folder (it has no ruleset.yaml)"])
    }

    // MARK: colour

    func testNonTerminalOutputHasNoEscapeCodes() throws {
        let draft = CLI.sample("drafts/greywater-funding-gap.yaml")
        let piped = try CLI.run(["check", draft])
        XCTAssertTrue(piped.stdout.contains("RED"), piped.transcript)
        XCTAssertFalse(piped.stdout.contains("\u{1B}"), "output to a pipe has no colour")
        let noColour = try CLI.run(["check", draft], environment: ["NO_COLOR": "1"])
        XCTAssertFalse(noColour.stdout.contains("\u{1B}"))
    }

    func testTerminalOutputIsColouredUnlessNO_COLOR() throws {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script), let exe = CLI.executable else {
            throw XCTSkip("needs util-linux script(1) to give planlint a terminal")
        }
        let command = "'\(exe.path)' check '\(CLI.sample("drafts/greywater-funding-gap.yaml"))'"
        let tty = try CLI.run(["-q", "-e", "-c", command, "/dev/null"], environment: ["TERM": "xterm"],
                             program: URL(fileURLWithPath: script))
        XCTAssertEqual(tty.status, 1, tty.transcript)
        XCTAssertTrue(tty.stdout.contains("\u{1B}[1;31mRED\u{1B}[0m"), "a terminal gets colour:\n\(tty.transcript)")
        let plain = try CLI.run(["-q", "-e", "-c", command, "/dev/null"], environment: ["TERM": "xterm", "NO_COLOR": "1"],
                               program: URL(fileURLWithPath: script))
        XCTAssertEqual(plain.status, 1, plain.transcript)
        XCTAssertTrue(plain.stdout.contains("RED"), plain.transcript)
        XCTAssertFalse(plain.stdout.contains("\u{1B}"), "NO_COLOR turns colour off on a terminal too")
    }

    // MARK: -o

    func testOutputFileIsWrittenWhole() throws {
        let dir = try CLI.folder(self)
        try Data("old contents".utf8).write(to: dir.appendingPathComponent("report.json"))
        let run = try CLI.run(["check", "--format", "json", "-o", "report.json", northmoor], in: dir)
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertEqual(run.stdout, "", "the report goes to the file, not standard output")
        let written = try String(contentsOf: dir.appendingPathComponent("report.json"), encoding: .utf8)
        XCTAssertEqual((try CLI.json(written)["files"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["report.json"],
                       "no temporary file is left beside the report")
    }

    func testOutputFileWithFindingsStillExitsOne() throws {
        let dir = try CLI.folder(self)
        let run = try CLI.run(["check", "-o", "out.txt", CLI.sample("drafts/greywater-funding-gap.yaml")], in: dir)
        XCTAssertEqual(run.status, 1, run.transcript)
        let written = try String(contentsOf: dir.appendingPathComponent("out.txt"), encoding: .utf8)
        XCTAssertTrue(written.contains("FUNDING-GAP-PLAN"))
        XCTAssertFalse(written.contains("\u{1B}"), "a report file never has colour codes")
    }

    func testOutputFileRefusesToOverwriteAnInput() throws {
        let dir = try CLI.folder(self)
        let input = dir.appendingPathComponent("plan.yaml")
        try FileManager.default.copyItem(atPath: northmoor, toPath: input.path)
        let before = try Data(contentsOf: input)
        for target in ["plan.yaml", "./plan.yaml", input.path] {
            let run = try CLI.run(["check", "-o", target, "plan.yaml"], in: dir)
            XCTAssertEqual(run.status, 2, "\(target)\n\(run.transcript)")
            XCTAssertEqual(run.stderrLines.count, 1, run.transcript)
            XCTAssertTrue(run.stderr.contains("refusing to overwrite an input"), run.transcript)
            XCTAssertEqual(try Data(contentsOf: input), before, "the input is untouched")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["plan.yaml"])
    }

    func testOutputIntoAMissingFolderExitsTwo() throws {
        let dir = try CLI.folder(self)
        let run = try CLI.run(["check", "-o", "no/such/folder/report.json", northmoor], in: dir)
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stderrLines.count, 1, run.transcript)
        XCTAssertTrue(run.stderr.contains("no/such/folder/report.json"), run.transcript)
    }

    // MARK: rules location

    func testRulesFromTheEnvironmentAndFromTheOption() throws {
        let rules = try CLI.folder(self)
        try Data("id: tiny\nversion: 2\n".utf8).write(to: rules.appendingPathComponent("ruleset.yaml"))
        try Data("""
        rule NAME-IS-SHORT
          title    "SRG names are short"
          severity warning
          category governance
          cite     "Test"
          expect   plan.srg.name == "Short"
          subject  plan.srg.name
          message  "Name is {plan.srg.name}"

        """.utf8).write(to: rules.appendingPathComponent("tiny.rules"))
        let option = try CLI.run(["check", "--format", "json", "--rules", rules.path, northmoor])
        XCTAssertEqual(option.status, 0, option.transcript)
        let top = try CLI.json(option.stdout)
        XCTAssertEqual(top["rules"] as? String, "tiny 2")
        let findings = (top["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]
        XCTAssertEqual(findings?.compactMap { $0["rule"] as? String }, ["NAME-IS-SHORT"])
        XCTAssertEqual(findings?.first?["message"] as? String, "Name is Northmoor System Resilience Group")

        let env = try CLI.run(["check", "--format", "json", northmoor], environment: ["PLANLINT_RULES": rules.path])
        XCTAssertEqual(env.status, 0, env.transcript)
        XCTAssertEqual(try CLI.json(env.stdout)["rules"] as? String, "tiny 2")
    }
}
