import Foundation
import PlanModel
import WorkbookTemplates
import XLSXReader

/// Reads plans from filled workbooks with the template specs (`planlint check` and `extract`).
enum WorkbookInput {
    /// The templates folder named on the command line, if any; set before the first workbook is read.
    nonisolated(unsafe) static var templatesOption: String?
    /// The rules folder in use: the templates beside it are preferred to the bundled ones.
    nonisolated(unsafe) static var rulesFolder: String?

    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: Result<WorkbookExtractor, Failure>?

    /// The extractor for the bundled (or named) template specs, loaded once per process.
    static func extractor() throws -> WorkbookExtractor {
        lock.lock(); defer { lock.unlock() }
        if loaded == nil {
            loaded = Result {
                let folder = try TemplatesLocator.locate(templatesOption, rulesFolder: rulesFolder ?? (try? RulesLocator.locate(nil)))
                do {
                    return WorkbookExtractor(spec: try TemplateSpecLoader.load(folder: folder), catalogue: nil)
                } catch let e as TemplateSpecError {
                    throw Failure("the template specs in \(folder) have errors: " + (e.problems.first?.description ?? ""))
                }
            }.mapError { ($0 as? Failure) ?? Failure("\($0)") }
        }
        return try loaded!.get()
    }

    /// Reads and extracts the workbook at `path`; an unreadable workbook is a PlanLoadError (exit 2).
    static func load(_ path: String) throws -> Plan {
        let extractor: WorkbookExtractor
        do { extractor = try self.extractor() } catch let f as Failure { throw PlanLoadError(file: path, message: f.message) }
        do {
            let document = try XLSXDocument.open(path: path)
            return extractor.plan(document, file: path)
        } catch let e as XLSXReadError {
            throw PlanLoadError(file: path, message: e.description)
        }
    }

    /// The plan document a workbook holds, and the findings about the workbook itself.
    static func extract(_ path: String) throws -> WorkbookExtractor.Extraction {
        let extractor = try self.extractor()
        do {
            return extractor.extract(try XLSXDocument.open(path: path), file: path)
        } catch let e as XLSXReadError {
            throw Failure("\(path): \(e.description)")
        }
    }
}
