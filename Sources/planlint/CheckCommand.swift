import ArgumentParser
import Foundation
import PlanModel
import Reports
import RuleEngine

/// `planlint check FILE...`: lint plans and report findings.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check draft plans (YAML or JSON files, or folders of them) against the rules.",
        discussion: "Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 an input or the rules could not be read."
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum FailLevel: String, ExpressibleByArgument, CaseIterable { case error, warning }

    @Argument(help: "Plan files, or folders searched for *.yaml, *.yml and *.json. '-' reads standard input.")
    var files: [String]

    @Option(name: .long, help: "Report format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when there are findings at or above this severity: error or warning.")
    var failOn: FailLevel = .error

    @Option(name: .long, help: "The rules folder (default: the bundled Rules/).")
    var rules: String?

    @Option(name: .long, help: "Apply a profile's overrides as well as the plan's cohort profile (repeatable).")
    var profile: [String] = []

    @Option(name: [.short, .long], help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one plan file or folder") }
    }

    func run() throws {
        let ruleSet = try loadRuleSet(rules)
        for name in profile where ruleSet.profile(name) == nil {
            let names = ruleSet.profiles.map(\.name).joined(separator: ", ")
            throw Failure("there is no profile '\(name)'" + (names.isEmpty ? "" : "; the profiles are: \(names)"))
        }
        let inputs = try InputFiles.expand(files, excluding: output)
        var results = [FileResult?](repeating: nil, count: inputs.count)
        var failures = [FileFailure?](repeating: nil, count: inputs.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
            let input = inputs[i]
            do {
                let plan = try input.load()
                let findings = ruleSet.check(plan, profiles: profile)
                lock.lock(); results[i] = FileResult(file: input.name, findings: findings); lock.unlock()
            } catch let e as PlanLoadError {
                lock.lock(); failures[i] = FileFailure(file: input.name, message: e.description); lock.unlock()
            } catch {
                lock.lock(); failures[i] = FileFailure(file: input.name, message: "\(input.name): \(error)"); lock.unlock()
            }
        }
        let report = Report(version: Planlint.version, rules: ruleSet.label,
                            results: results.compactMap { $0 }, failures: failures.compactMap { $0 })
        let text: String
        switch format {
        case .text: text = TextReporter(colour: output == nil && Terminal.stdoutWantsColour).render(report)
        case .json: text = JSONReporter().render(report)
        }
        for f in report.failures { Terminal.stderr("planlint: " + f.message) }
        if let output {
            try AtomicFile.write(text, to: output, inputs: inputs.map(\.name))
        } else {
            Terminal.stdout(text)
        }
        if !report.failures.isEmpty { throw ExitCode(2) }
        let threshold: Severity = failOn == .warning ? .warning : .error
        if report.results.contains(where: { $0.findings.contains { $0.severity >= threshold } }) { throw ExitCode(1) }
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
