import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shell-style patterns the user quoted so that planlint expands them: `*`, `?` and `[…]` within a name,
/// `**` for any number of folders (`'submissions/**/*.yaml'`).
enum Glob {
    /// Whether an argument is a pattern rather than a file name.
    static func isPattern(_ s: String) -> Bool { s.contains { $0 == "*" || $0 == "?" || $0 == "[" } }

    /// The plan files the pattern matches, sorted. Names starting with `.` match only a pattern that starts
    /// with `.`; `**` does not enter hidden folders or follow links to folders.
    static func expand(_ pattern: String) -> [String] {
        let absolute = pattern.hasPrefix("/")
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var found = Set<String>()
        walk(absolute ? "/" : "", parts[...], into: &found)
        return found.filter { InputFiles.isPlanFile(($0 as NSString).lastPathComponent) }.sorted()
    }

    /// Matches `parts` below `prefix` (the path so far, as it will be shown: "" for the working directory).
    private static func walk(_ prefix: String, _ parts: ArraySlice<String>, into found: inout Set<String>) {
        guard let part = parts.first else {
            if !prefix.isEmpty, isFile(prefix) { found.insert(prefix) }
            return
        }
        let rest = parts.dropFirst()
        if part == "**" {
            walk(prefix, rest, into: &found)
            for name in entries(prefix) {
                let path = join(prefix, name)
                if isRealFolder(path) { walk(path, parts, into: &found) } else if rest.isEmpty, isFile(path) { found.insert(path) }
            }
            return
        }
        if !isPattern(part) {
            let path = join(prefix, part)
            if rest.isEmpty ? isFile(path) : isFolder(path) { walk(path, rest, into: &found) }
            return
        }
        for name in entries(prefix) where fnmatch(part, name, FNM_PERIOD) == 0 {
            let path = join(prefix, name)
            if rest.isEmpty ? isFile(path) : isFolder(path) { walk(path, rest, into: &found) }
        }
    }

    /// The visible names in a folder ("" is the working directory), sorted.
    private static func entries(_ dir: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    private static func join(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : (prefix.hasSuffix("/") ? prefix + name : prefix + "/" + name)
    }

    private static func isFile(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// A folder that is not a symbolic link (so `**` cannot loop).
    private static func isRealFolder(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}
