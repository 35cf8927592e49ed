import Foundation
import RuleEngine
import WorkbookTemplates

/// Finds and loads the template specs (`Templates/`), as `RulesLocator` does for the rules.
enum TemplatesLocator {
    /// `--templates`, else `$PLANLINT_TEMPLATES`, else a `Templates/` beside the rules folder in use,
    /// beside the executable or above it, else `share/planlint/Templates` of the install prefix.
    static func locate(_ explicit: String?, rulesFolder: String?) throws -> String {
        if let explicit {
            guard isTemplatesFolder(explicit) else { throw Failure("\(explicit): not a templates folder (it has no \(TemplateSpecLoader.workbookFile))") }
            return explicit
        }
        if let env = ProcessInfo.processInfo.environment["PLANLINT_TEMPLATES"], !env.isEmpty {
            guard isTemplatesFolder(env) else { throw Failure("\(env) (from PLANLINT_TEMPLATES): not a templates folder (it has no \(TemplateSpecLoader.workbookFile))") }
            return env
        }
        if let rulesFolder {
            let sibling = URL(fileURLWithPath: rulesFolder).standardizedFileURL.deletingLastPathComponent().appendingPathComponent("Templates").path
            if isTemplatesFolder(sibling) { return sibling }
        }
        if let found = RulesLocator.bundled("Templates", isFolder: isTemplatesFolder) { return found }
        throw Failure("cannot find the bundled templates folder; pass --templates DIR or set PLANLINT_TEMPLATES")
    }

    static func isTemplatesFolder(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(TemplateSpecLoader.workbookFile))
    }

    /// Loads the specs, checked against the plan schema and the rules' catalogue; errors are printed
    /// one per line (file:line:col) and end the command with exit status 2.
    static func load(_ explicit: String?, ruleSet: RuleSet) throws -> WorkbookSpec {
        let folder = try locate(explicit, rulesFolder: ruleSet.directory)
        do {
            return try TemplateSpecLoader.load(folder: folder, catalogue: ruleSet.catalogue)
        } catch let e as TemplateSpecError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            throw Failure("the template specs in \(folder) have errors (above); nothing was written")
        }
    }
}

/// Checks shared by the commands that write workbooks.
enum WorkbookOutput {
    /// Refuses an output that is one of the inputs, or that is not an .xlsx file.
    static func check(_ output: String, inputs: [String], folder: Bool = false) throws {
        let target = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath()
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == target {
            throw Failure("\(output): refusing to overwrite an input file with the workbook")
        }
        if !folder && (output as NSString).pathExtension.lowercased() != "xlsx" {
            throw Failure("\(output): the workbook's name should end in .xlsx")
        }
    }

    /// SOURCE_DATE_EPOCH, when set, fixes the workbook's creation time (reproducible output).
    static var creationDate: Date? {
        guard let s = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let t = TimeInterval(s) else { return nil }
        return Date(timeIntervalSince1970: t)
    }
}
