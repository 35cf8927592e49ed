import ArgumentParser
import Foundation
import RulesDSL

/// `planlint rules fmt [--check] [FILES...]`: rewrite rule files in the canonical layout, or check them.
struct RulesFmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite rule files in the canonical layout, or with --check list the ones that are not in it.",
        discussion: """
        With no FILES, formats every *.rules file of the bundled rules folder; a folder stands for its \
        *.rules files. Comments are kept. Files are replaced atomically, keeping their permissions, and \
        the names of the files that changed are printed. \
        Exit status: 0 done (with --check: every file is canonical); 1 with --check, some file is not \
        canonical; 2 a file could not be read or written, or has syntax errors (then no file is changed).
        """
    )

    @Flag(name: .long, help: "Change nothing: print each file that is not canonical with its first difference; exit 1 if there is one.")
    var check = false

    @Argument(help: "Rule files, or folders whose *.rules files are formatted (default: the bundled Rules/).")
    var files: [String] = []

    func run() throws {
        let paths = try Self.ruleFiles(files)
        var results: [(path: String, original: String, canonical: String)] = []
        var errors: [Diagnostic] = []
        var sources: [String: String] = [:]
        for path in paths {
            let source = try Self.read(path)
            switch RuleFormatter.format(source: source, file: path) {
            case .success(let text): results.append((path, source, text))
            case .failure(let failure): errors += failure.diagnostics; sources[path] = source
            }
        }
        if !errors.isEmpty {
            FileHandle.standardError.write(Data(DiagnosticRenderer.renderAll(errors, sources: sources).utf8))
            let count = Set(errors.map(\.file)).count
            throw Failure((count == 1 ? "a rule file has" : "\(count) rule files have") + " syntax errors (above); no file was formatted")
        }
        let changed = results.filter { $0.original != $0.canonical }
        if check {
            var out = ""
            for file in changed {
                out += "\(file.path): not in canonical form\n" + FirstDifference.render(file.original, file.canonical, path: file.path)
            }
            Terminal.stdout(out)
            if !changed.isEmpty { throw ExitCode(1) }
            return
        }
        for file in changed {
            try Self.replace(file.path, with: file.canonical)
            Terminal.stdout(file.path + "\n")
        }
    }

    /// The rule files named by the arguments: files as given, folders as their `*.rules` files (sorted),
    /// nothing as the bundled rules folder. Each file appears once.
    static func ruleFiles(_ arguments: [String]) throws -> [String] {
        var found: [String] = []
        if arguments.isEmpty {
            let dir = try RulesLocator.locate(nil)
            found = try rulesIn(dir)
            if found.isEmpty { throw Failure("\(dir): the rules folder has no .rules files") }
        }
        for arg in arguments {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: arg, isDirectory: &isDir) else {
                throw Failure("\(arg): no such file or folder")
            }
            if isDir.boolValue {
                let inside = try rulesIn(arg)
                if inside.isEmpty { throw Failure("\(arg): the folder has no .rules files") }
                found += inside
            } else {
                found.append(arg)
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path).inserted }
    }

    /// The `*.rules` files directly inside `dir`, sorted by name (hidden files skipped).
    static func rulesIn(_ dir: String) throws -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
            throw Failure("\(dir): cannot list the folder: \(error.localizedDescription)")
        }
        return names.filter { $0.hasSuffix(".rules") && !$0.hasPrefix(".") }.sorted()
            .map { dir.hasSuffix("/") ? dir + $0 : dir + "/" + $0 }
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure("\(path): cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw Failure("\(path): the file is not UTF-8 text") }
        return text
    }

    /// Replaces a file whole or not at all: a temporary file in the same folder with the same
    /// permissions, then renamed over it (through a symbolic link, the file it points at).
    static func replace(_ path: String, with text: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        let tmp = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).fmt-\(getpid())")
        do {
            let permissions = try fm.attributesOfItem(atPath: target.path)[.posixPermissions]
            try Data(text.utf8).write(to: tmp)
            if let permissions { try fm.setAttributes([.posixPermissions: permissions], ofItemAtPath: tmp.path) }
            if rename(tmp.path, target.path) != 0 {
                throw Failure("\(path): cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch let failure as Failure {
            try? fm.removeItem(at: tmp)
            throw failure
        } catch {
            try? fm.removeItem(at: tmp)
            throw Failure("\(path): cannot write the file: \(error.localizedDescription)")
        }
    }
}

extension RulesFmt {
    /// A short unified-style diff: the first region where a file and its canonical text differ, with two
    /// lines of context, and how many more regions differ after it.
    enum FirstDifference {
        static let context = 2
        /// At most this many lines are shown from each side of the region.
        static let maxShown = 8

        static func render(_ original: String, _ canonical: String, path: String) -> String {
            let a = lines(original), b = lines(canonical)
            let regions = differingRegions(a, b)
            guard let first = regions.first else {
                return "  (only the line ends or the end of the file differ)\n"
            }
            let start = max(0, first.a - context)
            let endA = min(a.count, first.a + first.removed + context)
            let endB = min(b.count, first.b + first.added + context)
            var out = "--- \(path)\n+++ \(path) (canonical)\n"
            // Before the first region every line agrees, so it starts at the same line on both sides.
            out += "@@ -\(start + 1),\(endA - start) +\(start + 1),\(endB - start) @@\n"
            for line in a[start..<first.a] { out += " \(line)\n" }
            out += shown(a[first.a..<(first.a + first.removed)], "-")
            out += shown(b[first.b..<(first.b + first.added)], "+")
            for line in a[(first.a + first.removed)..<endA] { out += " \(line)\n" }
            if regions.count > 1 {
                out += "(and \(regions.count - 1) more difference\(regions.count == 2 ? "" : "s") further on)\n"
            }
            return out
        }

        static func shown(_ lines: ArraySlice<String>, _ mark: String) -> String {
            var out = lines.prefix(maxShown).map { mark + $0 + "\n" }.joined()
            if lines.count > maxShown { out += "\(mark)… \(lines.count - maxShown) more lines\n" }
            return out
        }

        static func lines(_ text: String) -> [String] {
            var l = text.components(separatedBy: "\n")
            if l.last == "" { l.removeLast() }
            return l
        }

        /// Differing regions found greedily: after each difference, the nearest point where both texts agree
        /// again on a distinctive line, or on two lines (or both end). `a`/`b`: where the region starts on each side.
        static func differingRegions(_ a: [String], _ b: [String]) -> [(a: Int, b: Int, removed: Int, added: Int)] {
            var regions: [(a: Int, b: Int, removed: Int, added: Int)] = []
            var i = 0, j = 0
            func agree(_ x: Int, _ y: Int) -> Bool {
                if x == a.count && y == b.count { return true }
                guard x < a.count, y < b.count, a[x] == b[y] else { return false }
                let distinctive = a[x].filter { !$0.isWhitespace && $0 != "\"" }.count >= 4
                return distinctive || (x + 1 == a.count && y + 1 == b.count) || (x + 1 < a.count && y + 1 < b.count && a[x + 1] == b[y + 1])
            }
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] { i += 1; j += 1; continue }
                var resync: (Int, Int)? = nil
                search: for d in 1...(a.count - i + b.count - j) {
                    for da in 0...d where i + da <= a.count && j + d - da <= b.count && agree(i + da, j + d - da) {
                        resync = (i + da, j + d - da)
                        break search
                    }
                }
                let (x, y) = resync ?? (a.count, b.count)
                regions.append((i, j, x - i, y - j))
                i = x; j = y
            }
            return regions
        }
    }
}
