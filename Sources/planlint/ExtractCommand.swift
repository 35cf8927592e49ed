import ArgumentParser
import Foundation
import PlanModel
import WorkbookTemplates

/// `planlint extract WORKBOOK [-o plan.yaml]`: read a filled workbook back into an srg-plan/1 plan.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read a filled Annex A / Annex C workbook back into an srg-plan/1 YAML plan.",
        discussion: """
        Sections are found by the names planlint fill gave them and, where those are gone, by their \
        headings and labels, so inserted and deleted rows still read. What could not be read (a \
        missing section, values outside the template's cells) is reported on standard error with its \
        sheet and cell. Exit status: 0 written; 1 written, with such problems; 2 the workbook could not be read.
        """
    )

    @Argument(help: "The workbook (.xlsx).")
    var workbook: String

    @Option(name: [.short, .long], help: "Write the plan to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "The template specs folder (default: the bundled Templates/).")
    var templates: String?

    func run() throws {
        WorkbookInput.templatesOption = templates
        let extraction = try WorkbookInput.extract(workbook)
        let yaml = PlanYAMLWriter.render(extraction.document, comment: "Extracted by planlint \(Planlint.version) from \((workbook as NSString).lastPathComponent)")
        if let output {
            if (output as NSString).pathExtension.lowercased() == "xlsx" { throw Failure("\(output): extract writes YAML; name the output .yaml") }
            try AtomicFile.write(yaml, to: output, inputs: [workbook])
        } else {
            print(yaml, terminator: "")
        }
        for f in extraction.findings {
            FileHandle.standardError.write(Data("\(f.location.sheetCell ?? workbook): \(f.severity.rawValue): \(f.message) [\(f.rule)]\n".utf8))
        }
        if !extraction.findings.isEmpty { throw ExitCode(1) }
    }
}

extension SourceLocation {
    /// `Sheet!C14` for a workbook location.
    var sheetCell: String? {
        if case .cell(let sheet, let cell) = self { return "\(sheet)!\(cell)" }
        return nil
    }
}
