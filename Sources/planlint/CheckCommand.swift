import ArgumentParser
import Foundation
import PlanModel
import Reports
import RuleEngine

/// `planlint check FILE...`: lint plans and report findings.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check plans (YAML, JSON or .xlsx files, folders of them, or quoted patterns) against the rules.",
        discussion: """
        Several reports can be written in one run: --format text -o sarif=findings.sarif -o junit=findings.xml \
        prints text and writes SARIF and JUnit files. Files are written whole or not at all, and never over an input. \
        Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 an input or the rules could not be read.
        """
    )

    enum FailLevel: String, ExpressibleByArgument, CaseIterable { case error, warning }

    @Argument(help: ArgumentHelp(
        "Plan files (.yaml, .yml, .json, .xlsx), folders (searched below for them), or quoted patterns such as 'submissions/**/*.yaml'. '-' reads standard input.",
        valueName: "plans"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp(
        "Report format: text, json, sarif, junit, csv, html or xlsx (repeatable; one without a file of its own goes to standard output).",
        valueName: "format"))
    var format: [String] = []

    @Option(name: .customLong("fail-on"), help: "Exit 1 when there are findings at or above this severity: error or warning.")
    var failOn: FailLevel = .error

    @Option(name: .long, help: "The rules folder (default: the bundled Rules/).")
    var rules: String?

    @Option(name: .long, help: "The template specs folder, for reading .xlsx workbooks (default: the bundled Templates/).")
    var templates: String?

    @Option(name: .long, help: "Apply a profile's overrides as well as the plan's cohort profile (repeatable).")
    var profile: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp(
        "Write a report to a file (atomically): FILE for the --format report, FORMAT=FILE for any format (repeatable).",
        valueName: "[format=]file"))
    var output: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one plan file or folder") }
        _ = try formats()
    }

    /// The `--format` values as formats (checked here, so a wrong one gets a one-line error).
    func formats() throws -> [ReportFormat] {
        try format.map { name in
            guard let f = ReportFormat(rawValue: name.lowercased()) else {
                throw ValidationError("'\(name)' is not a report format; the formats are "
                                      + ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return f
        }
    }

    func run() throws {
        let ruleSet = try loadRuleSet(rules)
        WorkbookInput.templatesOption = templates
        WorkbookInput.rulesFolder = ruleSet.directory
        for name in profile where ruleSet.profile(name) == nil {
            let names = ruleSet.profiles.map(\.name).joined(separator: ", ")
            throw Failure("there is no profile '\(name)'" + (names.isEmpty ? "" : "; the profiles are: \(names)"))
        }
        let targets = try OutputTargets.resolve(formats: formats(), outputs: output)
        let inputs = try InputFiles.expand(files, excluding: targets.compactMap(\.path))
        let header = ReportHeader(version: Planlint.version, rules: ruleSet.label, ruleInfo: RuleCatalogue.entries(ruleSet).map {
            RuleInfo(id: $0.id, title: $0.title, severity: $0.severity, category: $0.category, citation: $0.citation)
        })
        let outputs = try ReportOutputs(targets, header: header, inputs: inputs.map(\.name),
                                        colourOnTerminal: Terminal.stdoutWantsColour)
        let checker = PlanChecker(ruleSet: ruleSet, profiles: profile)
        // No bar while a report scrolls past on the same terminal.
        let progress = ProgressBar(total: inputs.count, enabled: ProgressBar.wanted(total: inputs.count) && !outputs.writesToTerminal)
        let threshold: Severity = failOn == .warning ? .warning : .error
        var failed = false, reached = false
        let status: Int32
        do {
            try BatchRunner<FileOutcome>(count: inputs.count).run({ checker.outcome(inputs[$0]) }) { i, outcome in
                switch outcome {
                case .failed(let f):
                    failed = true
                    progress.message("planlint: " + f.message)
                case .checked(let r):
                    if r.findings.contains(where: { $0.severity >= threshold }) { reached = true }
                }
                try outputs.add(outcome)
                progress.update(done: i + 1)
            }
            progress.finish()
            status = failed ? 2 : (reached ? 1 : 0)
            try outputs.finish(exitCode: status)
        } catch {
            progress.finish()
            outputs.abandon()
            throw error
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// Loads the rules folder, or fails with every diagnostic printed (exit status 2).
func loadRuleSet(_ explicit: String?) throws -> RuleSet {
    let dir = try RulesLocator.locate(explicit)
    do {
        return try RuleSet.load(directory: dir, display: explicit ?? dir)
    } catch let e as RuleSetLoadError {
        FileHandle.standardError.write(Data(e.rendered.utf8))
        throw Failure("the rules in \(explicit ?? dir) have errors (above); no plan was checked")
    }
}
