import Foundation
import PlanModel

/// Reads one plan input, whatever its kind: YAML or JSON text, or an Annex A/C workbook.
enum PlanInput {
    /// Loads the plan at `path`; `.xlsx` workbooks go through the template extractor.
    static func load(_ path: String) throws -> Plan {
        if (path as NSString).pathExtension.lowercased() == "xlsx" {
            return try WorkbookInput.load(path)
        }
        return try PlanLoader.load(path: path)
    }
}

/// One input named on the command line (or found in a folder or by a pattern named there).
struct InputFile: Sendable {
    let name: String
    let isStandardInput: Bool

    func load() throws -> Plan {
        if isStandardInput {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try PlanLoader.load(bytes: [UInt8](data), file: name)
        }
        return try PlanInput.load(name)
    }
}

/// Expands command-line arguments: folders become the plan files below them and patterns the files they
/// match (each sorted); a file named twice is checked once, where it first appears.
enum InputFiles {
    static let extensions = ["yaml", "yml", "json", "xlsx"]
    static let extensionList = ".yaml, .yml, .json or .xlsx"

    /// `excluding` (the reports' own paths) are never read as plans found in a folder or by a pattern.
    static func expand(_ arguments: [String], excluding: [String] = []) throws -> [InputFile] {
        let excluded = Set(excluding.map(canonical))
        var out: [InputFile] = []
        var seen = Set<String>()
        func add(_ path: String) {
            if seen.insert(canonical(path)).inserted { out.append(InputFile(name: path, isStandardInput: false)) }
        }
        for arg in arguments {
            if arg == "-" { out.append(InputFile(name: "<stdin>", isStandardInput: true)); continue }
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: arg, isDirectory: &isDir)
            if exists, isDir.boolValue {
                // The folder's canonical path once, not every file's: its files' relative paths are
                // plain names, so each file's is the folder's and its relative path.
                let base = canonical(arg)
                let found = relativeFiles(in: arg).map { (path: joined(arg, $0), key: joined(base, $0)) }
                    .filter { !excluded.contains($0.key) }
                if found.isEmpty { throw Failure("\(arg): the folder has no \(extensionList) files") }
                for f in found where seen.insert(f.key).inserted { out.append(InputFile(name: f.path, isStandardInput: false)) }
            } else if !exists, Glob.isPattern(arg) {
                let found = Glob.expand(arg).filter { !excluded.contains(canonical($0)) }
                if found.isEmpty { throw Failure("\(arg): no files match the pattern") }
                found.forEach(add)
            } else {
                add(arg)
            }
        }
        return out
    }

    /// The plan files below `dir` as paths relative to it, sorted; hidden files and folders and
    /// Excel's `~$` lock files are skipped.
    static func relativeFiles(in dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var found: [String] = []
        while let p = e.nextObject() as? String {
            let name = (p as NSString).lastPathComponent
            if name.hasPrefix(".") {
                e.skipDescendants()
                continue
            }
            if isPlanFile(name) { found.append(p) }
        }
        return found.sorted()
    }

    /// `relative` inside `dir`.
    static func joined(_ dir: String, _ relative: String) -> String {
        dir.hasSuffix("/") ? dir + relative : dir + "/" + relative
    }

    /// Whether a file name has a plan's extension (and is not hidden or an Excel lock file).
    static func isPlanFile(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasPrefix("~$") && extensions.contains((name as NSString).pathExtension.lowercased())
    }

    static func canonical(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}
