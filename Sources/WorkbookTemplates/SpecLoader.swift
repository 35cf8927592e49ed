import Foundation
import PlanModel
import RulesDSL

/// Loads the template specs in a folder (`workbook.yaml` and its sheet files) and checks them
/// against the plan schema and the rules catalogue: a binding to a path that does not exist is an
/// error naming the spec file and line. All problems are reported at once.
public enum TemplateSpecLoader {
    /// The bundled specs' folder name next to `Rules/`.
    public static let workbookFile = "workbook.yaml"

    public static func load(folder: String, catalogue: Catalogue? = nil) throws -> WorkbookSpec {
        let path = (folder as NSString).appendingPathComponent(workbookFile)
        var problems: [SpecProblem] = []
        guard let root = compose(path, problems: &problems) else { throw TemplateSpecError(problems: problems) }
        var nodes = SpecNodes(file: path)
        let m = nodes.mapping(root, allowed: ["template", "version", "title", "sheets"], what: "the workbook spec")
        let id = nodes.string(m["template"], "'template'", in: root) ?? ""
        let version = nodes.string(m["version"], "'version'", in: root) ?? ""
        let title = nodes.string(m["title"], "'title'", in: root) ?? ""
        var sheets: [SheetSpec] = []
        var sheetNames: [String: String] = [:]
        for item in nodes.list(m["sheets"], "'sheets'") {
            guard let rel = nodes.string(item, "a sheet file", in: item) else { continue }
            let sheetPath = (folder as NSString).appendingPathComponent(rel)
            guard let sheetRoot = compose(sheetPath, problems: &problems) else { continue }
            var reader = SheetSpecReader(nodes: SpecNodes(file: sheetPath), catalogue: catalogue)
            if let sheet = reader.sheet(sheetRoot) {
                if let other = sheetNames[sheet.name.lowercased()] {
                    reader.nodes.fail(sheetRoot, "the sheet name '\(sheet.name)' is already used by \(other)")
                }
                sheetNames[sheet.name.lowercased()] = sheetPath
                sheets.append(sheet)
            }
            problems += reader.nodes.problems
        }
        if sheets.isEmpty && problems.isEmpty { nodes.fail(root, "the workbook spec lists no sheets") }
        problems = nodes.problems + problems
        problems += checkNames(sheets)
        if !problems.isEmpty { throw TemplateSpecError(problems: problems) }
        return WorkbookSpec(id: id, version: version, title: title, sheets: sheets, folder: folder)
    }

    private static func compose(_ path: String, problems: inout [SpecProblem]) -> YAMLNode? {
        do {
            let bytes = try PlanLoader.readFile(path, maxBytes: 1 << 20)
            guard let node = try YAMLComposer.compose(bytes) else {
                problems.append(SpecProblem(file: path, line: 1, column: 1, message: "the file is empty")); return nil
            }
            return node
        } catch let e as YAMLLoadError {
            problems.append(SpecProblem(file: path, line: e.line ?? 1, column: e.column ?? 1, message: e.message))
        } catch let e as PlanLoadError {
            problems.append(SpecProblem(file: path, line: 1, column: 1, message: e.message))
        } catch {
            problems.append(SpecProblem(file: path, line: 1, column: 1, message: "\(error)"))
        }
        return nil
    }

    /// Defined names are unique in the workbook and valid Excel names.
    private static func checkNames(_ sheets: [SheetSpec]) -> [SpecProblem] {
        var seen: [String: String] = [:]
        var problems: [SpecProblem] = []
        for sheet in sheets {
            for block in sheet.blocks {
                let name = block.name
                if let other = seen[name.lowercased()] {
                    problems.append(SpecProblem(file: sheet.source, line: 1, column: 1, message: "the block name '\(name)' is already used in \(other)"))
                }
                seen[name.lowercased()] = sheet.source
            }
        }
        return problems
    }

    /// True for a name Excel accepts as a defined name and that cannot be read as a cell reference.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 200 else { return false }
        let letters = CharacterSet.letters
        guard letters.contains(first) || first == "_" else { return false }
        guard name.unicodeScalars.allSatisfy({ letters.contains($0) || CharacterSet.decimalDigits.contains($0) || $0 == "_" || $0 == "." }) else { return false }
        // Not an A1 reference such as AB12 or an R1C1 one.
        let upper = name.uppercased()
        let lettersPart = upper.prefix(while: { $0.isLetter })
        let rest = upper.dropFirst(lettersPart.count)
        if !lettersPart.isEmpty, lettersPart.count <= 3, !rest.isEmpty, rest.allSatisfy(\.isNumber) { return false }
        if upper == "R" || upper == "C" { return false }
        return true
    }
}
