import ArgumentParser
import Foundation
import PlanModel
import RuleEngine
import RulesDSL

/// `planlint rules …`: tools for the people who edit rule files.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check, format, test, list and explain rule files.",
        subcommands: [RulesCheck.self, RulesFmt.self, RulesTest.self, RulesList.self, RulesExplain.self]
    )
}

/// `planlint rules check [DIR]`.
struct RulesCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and type-check a rules folder, reporting every error at once (exit 2 on any)."
    )

    @Argument(help: "The rules folder (default: the bundled Rules/).")
    var directory: String?

    func run() throws {
        let set = try loadRuleSet(directory)
        Terminal.stdout("\(set.label): \(set.rules.count) rules, \(set.profiles.count) profiles, \(set.catalogue.schema.fields.count) catalogue tables: no errors\n")
    }
}

/// `planlint rules list`.
struct RulesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every rule: id, severity, category and title.")

    enum ListFormat: String, ExpressibleByArgument { case text, markdown }

    @Option(name: .long, help: "The rules folder (default: the bundled Rules/).")
    var rules: String?

    @Option(name: .long, help: "text, or markdown for a catalogue page.")
    var format: ListFormat = .text

    func run() throws {
        let set = try loadRuleSet(rules)
        let entries = RuleCatalogue.entries(set)
        switch format {
        case .text:
            let width = entries.map(\.id.count).max() ?? 10
            var out = ""
            for e in entries {
                out += e.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + e.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                    + e.category.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0) + "  " + e.title + "\n"
            }
            out += "\(entries.count) rules (\(set.label))\n"
            Terminal.stdout(out)
        case .markdown:
            Terminal.stdout(RuleCatalogue.markdown(set))
        }
    }
}

/// `planlint rules explain ID`.
struct RulesExplain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Show one rule: its metadata, source text and examples.")

    @Argument(help: "A rule id, e.g. NE-MIN-PRESENT.")
    var id: String

    @Option(name: .long, help: "The rules folder (default: the bundled Rules/).")
    var rules: String?

    func run() throws {
        let set = try loadRuleSet(rules)
        guard let text = RuleCatalogue.explain(id, in: set) else {
            let ids = RuleCatalogue.entries(set).map(\.id)
            var m = "there is no rule \(id)"
            if let near = Suggest.closest(to: id, among: ids) { m += "; did you mean '\(near)'?" }
            throw Failure(m + " ('planlint rules list' shows them all)")
        }
        Terminal.stdout(text)
    }
}
