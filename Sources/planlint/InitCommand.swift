import ArgumentParser
import Foundation
import RuleEngine

/// `planlint init`: a new draft plan ready for a secretariat to fill.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a new draft plan listing all 26 minimum requirements and every section, with empty fields and short comments."
    )

    @Option(name: [.short, .long], help: "Write the draft to this file instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "Replace the output file if it exists.")
    var force = false

    @Option(name: .long, help: "The rules folder whose catalogue lists the requirements (default: the bundled Rules/).")
    var rules: String?

    func run() throws {
        let set = try loadRuleSet(rules)
        let text = DraftWriter(ruleSet: set).render()
        guard let output else { Terminal.stdout(text); return }
        if FileManager.default.fileExists(atPath: output) && !force {
            throw Failure("\(output) already exists; choose another name or pass --force to replace it")
        }
        try AtomicFile.write(text, to: output, inputs: [])
        Terminal.stderr("planlint: wrote \(output); fill it in, then run 'planlint check \(output)'")
    }
}
