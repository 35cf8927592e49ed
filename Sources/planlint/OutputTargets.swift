import Foundation

/// The formats `check` writes.
enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif, junit, csv, html, xlsx
}

/// One report a run writes: its format and its file (nil: standard output).
struct OutputTarget: Equatable {
    let format: ReportFormat
    let path: String?
}

/// Turns `--format` and `-o` into the reports to write.
///
/// `-o FORMAT=FILE` writes that format to FILE (repeatable); a plain `-o FILE` writes the `--format` report
/// (text when none is given) to FILE; a format given with `--format` and no file of its own goes to standard
/// output, where only one report fits. `-` as a file is standard output.
enum OutputTargets {
    static func resolve(formats: [ReportFormat], outputs: [String]) throws -> [OutputTarget] {
        var named: [OutputTarget] = []
        var plain: [String] = []
        for o in outputs {
            if let eq = o.firstIndex(of: "="), let format = ReportFormat(rawValue: String(o[..<eq]).lowercased()) {
                let path = String(o[o.index(after: eq)...])
                if path.isEmpty { throw Failure("-o \(o): give a file after '=', e.g. -o \(format.rawValue)=report.\(format.fileExtension)") }
                named.append(OutputTarget(format: format, path: path == "-" ? nil : path))
            } else {
                plain.append(o)
            }
        }
        if plain.count > 1 {
            throw Failure("-o FILE can be given once; name each other report with -o FORMAT=FILE (e.g. -o sarif=findings.sarif)")
        }
        var asked: [ReportFormat] = []
        for f in formats where !asked.contains(f) { asked.append(f) }
        // Without --format, text is the report for a plain -o FILE, or for standard output unless a -o FORMAT=- took it.
        let defaulted = asked.isEmpty
        if defaulted { asked = [.text] }
        let unassigned = asked.filter { f in !named.contains { $0.format == f } }
        var targets = named
        if defaulted, plain.isEmpty, named.contains(where: { $0.path == nil }) {
            // standard output is taken
        } else if let file = plain.first {
            guard unassigned.count == 1 else {
                throw Failure(unassigned.isEmpty
                    ? "-o \(file): every --format already has a file; name this one's format: -o FORMAT=\(file)"
                    : "-o \(file): with several --format, name each report's file: -o FORMAT=FILE (e.g. -o \(unassigned[0].rawValue)=\(file))")
            }
            targets.append(OutputTarget(format: unassigned[0], path: file == "-" ? nil : file))
        } else {
            targets += unassigned.map { OutputTarget(format: $0, path: nil) }
        }
        let toStdout = targets.filter { $0.path == nil }
        if toStdout.count > 1 {
            throw Failure("only one report can go to standard output (\(toStdout.map(\.format.rawValue).joined(separator: ", ")) were asked for); "
                          + "write the others to files with -o FORMAT=FILE (e.g. -o \(toStdout[1].format.rawValue)=findings.\(toStdout[1].format.fileExtension))")
        }
        if toStdout.first?.format == .xlsx {
            throw Failure("the xlsx report is a workbook, not text for standard output; write it to a file: -o xlsx=assurance.xlsx")
        }
        var seen = Set<String>()
        for t in targets {
            guard let path = t.path else { continue }
            if !seen.insert(InputFiles.canonical(path)).inserted { throw Failure("\(path): two reports cannot be written to the same file") }
        }
        return targets
    }
}

extension ReportFormat {
    /// The usual file extension for this format.
    var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .junit: return "xml"
        default: return rawValue
        }
    }
}
