import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide guards around libxlsxwriter: the C numeric locale and the close lock.
enum CRuntime {
    /// A locale object with LC_NUMERIC = "C" (other categories POSIX too), made once and never freed.
    private static let cNumeric: locale_t? = newlocale(Int32(1) << LC_NUMERIC, "C", nil)

    /// Serialises `workbook_close` (libxlsxwriter uses `gmtime` and `rand` there).
    static let closeLock = NSLock()

    /// Runs `body` with this thread switched to the C numeric locale, so libxlsxwriter
    /// (built without USE_DTOA) prints "1234.5" whatever the process's LC_NUMERIC is.
    @inline(__always)
    static func cLocale<T>(_ body: () throws -> T) rethrows -> T {
        guard let c = cNumeric else { return try body() }
        let previous = uselocale(c)
        defer { if let previous { uselocale(previous) } }
        return try body()
    }
}
