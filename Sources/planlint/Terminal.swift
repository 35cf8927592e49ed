#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Terminal facts and plain output helpers.
enum Terminal {
    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static var stdoutWantsColour: Bool {
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
        return isatty(STDOUT_FILENO) != 0
    }

    static func stderr(_ line: String) {
        var s = line
        if !s.hasSuffix("\n") { s += "\n" }
        fputs(s, Glibc.stderr)
    }

    static func stdout(_ text: String) {
        fputs(text, Glibc.stdout)
        fflush(Glibc.stdout)
    }
}
