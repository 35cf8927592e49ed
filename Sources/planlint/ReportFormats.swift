import Foundation
import Reports

/// The reporter for each format, set up for this run.
enum ReportFormats {
    /// Where SARIF's `tool.driver.informationUri` points.
    static let informationURI = "https://github.com/planlint/planlint"

    /// A text format's stream to `output`.
    static func textStream(_ format: ReportFormat, to output: TextOutput, colour: Bool) -> ReportStream {
        switch format {
        case .text: return TextReporter(colour: colour).stream(to: output)
        case .json: return JSONReporter().stream(to: output)
        case .sarif:
            return SARIFReporter(baseDirectory: FileManager.default.currentDirectoryPath, informationURI: informationURI).stream(to: output)
        case .junit: return JUnitReporter().stream(to: output)
        case .csv: return CSVReporter().stream(to: output)
        case .html: return HTMLReporter().stream(to: output)
        case .xlsx: preconditionFailure("the xlsx report is written to a file")
        }
    }

    /// The assurance workbook's stream, written to `path` when the run ends.
    static func workbookStream(path: String) throws -> ReportStream {
        do { return try XLSXReporter().stream(to: path) } catch {
            throw Failure("\(path): cannot write the workbook: \(error)")
        }
    }
}
