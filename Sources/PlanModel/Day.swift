/// A calendar date in the proleptic Gregorian calendar, with no time or time zone.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year (1...9999 when made with `init(year:month:day:)`).
    public let year: Int
    /// The month, 1 (January) to 12 (December).
    public let month: Int
    /// The day of the month, from 1.
    public let day: Int

    /// English month names, January first.
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]

    /// The date, or nil when it does not exist (such as 2014-02-30) or the year is outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.lastDayOfMonth(year: year, month: month) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// The date `ordinal` days after 1970-01-01 (negative for earlier dates).
    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = doy - (153 * mp + 2) / 5 + 1
    }

    /// Days since 1970-01-01: subtract two ordinals for the days between dates.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// True for a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The number of days in a month (28–31); 0 for a month outside 1...12.
    public static func lastDayOfMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// Orders dates chronologically.
    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// ISO 8601: `2014-09-30`.
    public var description: String { "\(Day.pad(year, 4))-\(Day.pad(month, 2))-\(Day.pad(day, 2))" }

    /// For people: `30 September 2014`.
    public var longDescription: String { "\(day) \(Day.monthNames[month - 1]) \(year)" }

    /// `n` as decimal, zero-padded on the left to `width` digits.
    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n.magnitude)
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
