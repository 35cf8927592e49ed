import Foundation

/// Finds the bundled rules folder, so `planlint` works from any working directory.
enum RulesLocator {
    /// `--rules`, else `$PLANLINT_RULES`, else a `Rules/` beside the executable or above it (a build in
    /// the source tree), else `share/planlint/Rules` of the install prefix.
    static func locate(_ explicit: String?) throws -> String {
        if let explicit {
            guard isRulesFolder(explicit) else { throw Failure("\(explicit): not a rules folder (it has no ruleset.yaml)") }
            return explicit
        }
        if let env = ProcessInfo.processInfo.environment["PLANLINT_RULES"], !env.isEmpty {
            guard isRulesFolder(env) else { throw Failure("\(env) (from PLANLINT_RULES): not a rules folder (it has no ruleset.yaml)") }
            return env
        }
        if let found = bundled("Rules", isFolder: isRulesFolder) { return found }
        throw Failure("cannot find the bundled rules folder; pass --rules DIR or set PLANLINT_RULES")
    }

    /// A folder `name` (or `share/planlint/name`) beside the executable or in a folder above it:
    /// the source tree for a build, the install prefix for an installed binary.
    static func bundled(_ name: String, isFolder: (String) -> Bool) -> String? {
        var dir = URL(fileURLWithPath: executablePath()).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            for candidate in [dir.appendingPathComponent(name), dir.appendingPathComponent("share/planlint/" + name)] where isFolder(candidate.path) {
                return candidate.path
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return nil
    }

    static func isRulesFolder(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/ruleset.yaml")
    }

    static func executablePath() -> String {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        return CommandLine.arguments[0]
    }
}
