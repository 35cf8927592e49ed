import ArgumentParser

/// The root command.
struct Planlint: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "planlint",
        abstract: "Lint NHS 2014/15 operational resilience and capacity plans against the guidance's rules.",
        discussion: """
        Exit status: 0 nothing at or above the fail level; 1 findings at or above it; 2 the command \
        could not do its job (bad arguments, an unreadable or non-YAML input, an invalid rule file).
        """,
        version: version,
        subcommands: [CheckCommand.self, FillCommand.self, TemplateCommand.self, ExtractCommand.self, InitCommand.self, RulesCommand.self]
    )
}

/// A reason the command cannot do its job: printed as one line on stderr, exit status 2.
struct Failure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
