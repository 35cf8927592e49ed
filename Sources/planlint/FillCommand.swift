import ArgumentParser
import Foundation
import PlanModel
import RuleEngine
import WorkbookTemplates
import XLSXWriter

/// `planlint fill PLAN -o OUT.xlsx`: write the Annex A and Annex C templates filled from a plan.
struct FillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "Write the Annex A and Annex C Excel templates, filled from a plan, ready to submit.",
        discussion: """
        The workbook has the five templates, supplementary sheets that carry the rest of the plan, and \
        a Findings sheet with the plan's lint findings (--no-findings to omit it). It is written to a \
        temporary file in the same folder and renamed, so it is whole or absent. Exit status: 0 written \
        (whatever the findings); 2 the plan, rules or templates could not be read, or the file not written.
        """
    )

    @Argument(help: "The plan: a YAML or JSON file (srg-plan/1).")
    var plan: String

    @Option(name: [.short, .long], help: "The workbook to write (.xlsx); with --separate, a folder for one workbook per sheet.")
    var output: String

    @Flag(name: .long, help: "Write each template to its own workbook in the --output folder.")
    var separate = false

    @Flag(name: .customLong("no-findings"), help: "Leave out the Findings sheet.")
    var noFindings = false

    @Option(name: .long, help: "The rules folder (default: the bundled Rules/).")
    var rules: String?

    @Option(name: .long, help: "The template specs folder (default: the bundled Templates/).")
    var templates: String?

    @Option(name: .long, help: "Apply a profile's overrides to the findings (repeatable).")
    var profile: [String] = []

    func run() throws {
        try WorkbookOutput.check(output, inputs: [plan], folder: separate)
        let ruleSet = try loadRuleSet(rules)
        let spec = try TemplatesLocator.load(templates, ruleSet: ruleSet)
        let bytes: [UInt8]
        let loaded: Plan
        do {
            bytes = try PlanLoader.readFile(plan, maxBytes: YAMLLimits.default.maxBytes)
            loaded = try PlanLoader.load(bytes: bytes, file: plan)
        } catch let e as PlanLoadError {
            throw Failure(e.description)
        }
        let document = try? YAMLComposer.compose(bytes)
        var options = WorkbookFiller.Options(generator: "planlint \(Planlint.version)", created: WorkbookOutput.creationDate)
        let findings = ruleSet.check(loaded, profiles: profile)
        if !noFindings { options.findings = FindingsSummary(findings: findings, rules: ruleSet.label) }
        let filler = WorkbookFiller(spec: spec, catalogue: ruleSet.catalogue)
        do {
            if separate {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                let written = try filler.fillSeparately(plan: loaded, document: document ?? nil, options: options, folder: output)
                FileHandle.standardError.write(Data("planlint: wrote \(written.count) workbooks in \(output)\n".utf8))
            } else {
                try filler.fill(plan: loaded, document: document ?? nil, options: options, to: output)
                let summary = FindingsSummary(findings: findings, rules: ruleSet.label)
                let c = summary.counts
                FileHandle.standardError.write(Data("planlint: wrote \(output) (\(summary.status.rawValue): \(c.error) errors, \(c.warning) warnings)\n".utf8))
            }
        } catch let e as XLSXError {
            throw Failure(e.description)
        } catch let e as CocoaError {
            throw Failure("\(output): \(e.localizedDescription)")
        }
    }
}

/// `planlint template --blank -o OUT.xlsx`: the empty templates, for filling by hand.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the blank Annex A and Annex C templates, or list what the template specs hold.",
        discussion: "Without --blank, prints each sheet's blocks and the plan fields they hold."
    )

    @Flag(name: .long, help: "Write the blank workbook to --output.")
    var blank = false

    @Option(name: [.short, .long], help: "The workbook to write (.xlsx).")
    var output: String?

    @Option(name: .long, help: "The rules folder (default: the bundled Rules/).")
    var rules: String?

    @Option(name: .long, help: "The template specs folder (default: the bundled Templates/).")
    var templates: String?

    func validate() throws {
        if blank && output == nil { throw ValidationError("--blank needs --output FILE.xlsx") }
        if !blank && output != nil { throw ValidationError("--output goes with --blank") }
    }

    func run() throws {
        let ruleSet = try loadRuleSet(rules)
        let spec = try TemplatesLocator.load(templates, ruleSet: ruleSet)
        guard blank, let output else {
            print(TemplateOutline.render(spec), terminator: "")
            return
        }
        try WorkbookOutput.check(output, inputs: [])
        let filler = WorkbookFiller(spec: spec, catalogue: ruleSet.catalogue)
        do {
            try filler.fill(plan: nil, options: .init(generator: "planlint \(Planlint.version)", created: WorkbookOutput.creationDate), to: output)
        } catch let e as XLSXError {
            throw Failure(e.description)
        }
        FileHandle.standardError.write(Data("planlint: wrote the blank templates to \(output)\n".utf8))
    }
}
