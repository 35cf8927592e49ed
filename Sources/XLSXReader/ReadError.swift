/// Why a workbook could not be read: the part at fault and one line a person can act on.
public struct XLSXReadError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The part at fault, e.g. "xl/worksheets/sheet1.xml"; nil when the container (file or zip) is at fault.
    public let part: String?
    /// One line saying what is wrong, without the part name.
    public let message: String

    /// An error about `part` (nil for the container).
    public init(part: String?, message: String) {
        self.part = part
        self.message = message
    }

    /// "part: message", or the message alone for the container.
    public var description: String {
        if let part { return "\(part): \(message)" }
        return message
    }
}

/// "1,000,000": integers grouped in threes, for messages.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return n < 0 ? "-" + out : out
}

/// "64 MiB", "1.5 KiB", "12 bytes": sizes for messages.
func byteSize(_ n: Int) -> String {
    func tenths(_ unit: Int, _ name: String) -> String {
        let t = Int((Double(n) / Double(unit) * 10).rounded())
        return t % 10 == 0 ? "\(grouped(t / 10)) \(name)" : "\(grouped(t / 10)).\(t % 10) \(name)"
    }
    if n >= 1 << 20 { return tenths(1 << 20, "MiB") }
    if n >= 1 << 10 { return tenths(1 << 10, "KiB") }
    return n == 1 ? "1 byte" : "\(grouped(n)) bytes"
}
