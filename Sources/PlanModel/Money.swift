/// An amount of pounds sterling, held exactly as a whole number of pence.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in pence; negative for savings and decreases.
    public var pence: Int64

    /// The largest magnitude, in pence, that `init(pounds:)` and `ScalarParsers.money` accept (£1 trillion).
    public static let maxPence: Int64 = 100_000_000_000_000

    /// No money at all.
    public static let zero = Money(pence: 0)

    /// An amount of exactly `pence` pence.
    public init(pence: Int64) { self.pence = pence }

    /// An amount of pounds rounded to the nearest penny (halves away from zero); nil for NaN, infinity or more than £1 trillion.
    ///
    /// Rounds the shortest decimal that reads back as `pounds` (so `0.285` is 29p, not 28p).
    public init?(pounds: Double) {
        guard pounds.isFinite, pounds.magnitude <= Double(Money.maxPence) / 100 else { return nil }
        var digits: [UInt8] = [], point = 0, exponent = 0, sawPoint = false, negative = false
        var exponentSign = 1, inExponent = false
        for c in pounds.description.utf8 {
            switch c {
            case UInt8(ascii: "-"): if inExponent { exponentSign = -1 } else { negative = true }
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): sawPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent { exponent = exponent * 10 + Int(c - 48) } else {
                    digits.append(c - 48)
                    if !sawPoint { point += 1 }
                }
            default: return nil
            }
        }
        guard let m = Money.fromDigits(digits, pointAt: point + exponentSign * exponent, negative: negative) else { return nil }
        self = m
    }

    /// The exact decimal `0.d₁d₂… × 10^pointAt` (digits 0–9) rounded to the penny, halves away from zero; nil past `maxPence`.
    static func fromDigits(_ digits: [UInt8], pointAt: Int, negative: Bool) -> Money? {
        let penceDigits = pointAt + 2
        var value: Int64 = 0
        var i = 0
        while i < penceDigits {
            let d = i < digits.count ? Int64(digits[i]) : 0
            if i >= digits.count && value == 0 { break }
            value = value * 10 + d
            if value > maxPence { return nil }
            i += 1
        }
        if penceDigits >= 0, penceDigits < digits.count, digits[penceDigits] >= 5 { value += 1 }
        guard value <= maxPence else { return nil }
        return Money(pence: negative ? -value : value)
    }

    /// Adds two amounts, saturating rather than trapping on overflow.
    public static func + (a: Money, b: Money) -> Money {
        let (r, o) = a.pence.addingReportingOverflow(b.pence)
        return Money(pence: o ? (b.pence > 0 ? .max : .min) : r)
    }

    /// Subtracts two amounts, saturating rather than trapping on overflow.
    public static func - (a: Money, b: Money) -> Money {
        let (r, o) = a.pence.subtractingReportingOverflow(b.pence)
        return Money(pence: o ? (b.pence < 0 ? .max : .min) : r)
    }

    /// Orders amounts by value.
    public static func < (a: Money, b: Money) -> Bool { a.pence < b.pence }

    /// Like the templates: `£75,000`, `£75,000.50` (pence only when non-zero), `-£70,000`.
    public var description: String {
        let magnitude = pence.magnitude
        let pounds = String(magnitude / 100)
        var grouped = ""
        for (i, ch) in pounds.enumerated() {
            if i > 0 && (pounds.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let p = magnitude % 100
        let fraction = p == 0 ? "" : (p < 10 ? ".0\(p)" : ".\(p)")
        return (pence < 0 ? "-£" : "£") + grouped + fraction
    }
}
