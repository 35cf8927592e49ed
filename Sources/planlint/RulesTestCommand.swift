import Foundation
import ArgumentParser
import RuleEngine

/// `planlint rules test [DIR]`: run every rule's examples and report coverage.
struct RulesTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's passing and failing examples; fail when a rule lacks either kind or an example misbehaves.",
        discussion: "Exit status: 0 all rules pass and are covered; 1 some rule failed; 2 the rules could not be loaded."
    )

    @Argument(help: "The rules folder (default: the bundled Rules/).")
    var directory: String?

    @Option(name: .long, help: "Test only this rule (repeatable).")
    var rule: [String] = []

    @Flag(name: .long, help: "List every rule, not only the failures.")
    var verbose = false

    func run() throws {
        let set = try loadRuleSet(directory)
        for id in rule where !set.rules.contains(where: { $0.id == id }) {
            throw Failure("there is no rule \(id) with examples ('planlint rules list' shows the rules)")
        }
        let outcomes: [RuleTester.Outcome]
        do {
            outcomes = try RuleTester(ruleSet: set).run(only: rule.isEmpty ? nil : Set(rule))
        } catch {
            throw Failure("\(error)")
        }
        var out = ""
        for o in outcomes {
            if o.ok {
                if verbose { out += "ok    \(o.rule) (\(o.passing) passing, \(o.failing) failing)\n" }
            } else {
                out += "FAIL  \(o.rule)\n"
                for p in o.problems { out += "      \(p)\n" }
            }
        }
        let covered = outcomes.filter(\.covered).count
        let passed = outcomes.filter(\.ok).count
        let percent = outcomes.isEmpty ? 100.0 : Double(covered) * 100 / Double(outcomes.count)
        out += "coverage: \(covered)/\(outcomes.count) rules have both passing and failing examples (\(String(format: "%.1f", percent))%)\n"
        out += "rules test: \(passed) passed, \(outcomes.count - passed) failed\n"
        Terminal.stdout(out)
        if passed != outcomes.count { throw ExitCode(1) }
    }
}
