import Foundation
import PlanModel

/// One input named on the command line (or found in a folder named there).
struct InputFile {
    let name: String
    let isStandardInput: Bool

    func load() throws -> Plan {
        if isStandardInput {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try PlanLoader.load(bytes: [UInt8](data), file: name)
        }
        return try PlanLoader.load(path: name)
    }
}

/// Expands command-line arguments: folders become the plan files inside them, sorted.
enum InputFiles {
    static let extensions = ["yaml", "yml", "json"]

    /// `excluding` (the report's own path) is never read as a plan found in a folder.
    static func expand(_ arguments: [String], excluding: String? = nil) throws -> [InputFile] {
        let excluded = excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var out: [InputFile] = []
        for arg in arguments {
            if arg == "-" { out.append(InputFile(name: "<stdin>", isStandardInput: true)); continue }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: arg, isDirectory: &isDir), isDir.boolValue {
                let found = files(in: arg).filter { URL(fileURLWithPath: $0).standardizedFileURL.path != excluded }
                if found.isEmpty { throw Failure("\(arg): the folder has no .yaml, .yml or .json files") }
                out += found.map { InputFile(name: $0, isStandardInput: false) }
            } else {
                out.append(InputFile(name: arg, isStandardInput: false))
            }
        }
        return out
    }

    static func files(in dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var found: [String] = []
        while let p = e.nextObject() as? String {
            let ext = (p as NSString).pathExtension.lowercased()
            if extensions.contains(ext), !(p as NSString).lastPathComponent.hasPrefix(".") {
                found.append(dir.hasSuffix("/") ? dir + p : dir + "/" + p)
            }
        }
        return found.sorted()
    }
}
