/// Excel date serial numbers: days since the workbook's epoch, time of day as the fraction.
///
/// 1900 system (the default): serial 1 is 1900-01-01 and serial 60 is the 29 February 1900 that
/// Excel invents (Lotus 1-2-3's leap-year bug), so serials from 61 on are one day ahead of a
/// plain count from 1899-12-31. 1904 system (`date1904`): serial 0 is 1904-01-01.
enum DateSerial {
    /// The last day Excel shows: 9999-12-31.
    static let maxSerial1900 = 2_958_465
    static let maxSerial1904 = 2_957_003

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count from 1970-01-01 (civil_from_days).
    static func civil(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static let epoch1900 = days(year: 1899, month: 12, day: 31)   // serial 0 ("1900-01-00")
    static let epoch1904 = days(year: 1904, month: 1, day: 1)     // serial 0

    static func date(fromSerial serial: Double, date1904: Bool) -> (year: Int, month: Int, day: Int)? {
        guard serial.isFinite, serial >= 0 else { return nil }
        let day = Int(serial.rounded(.down))
        if date1904 {
            guard day <= maxSerial1904 else { return nil }
            return civil(epoch1904 + day)
        }
        guard day >= 1, day <= maxSerial1900 else { return nil }
        if day == 60 { return (1900, 2, 29) }
        return civil(epoch1900 + (day < 60 ? day : day - 1))
    }

    /// The serial of an ISO 8601 date or date-time ("2024-03-01", "2024-03-01T12:30:00Z",
    /// fractional seconds allowed, a time-zone suffix ignored); nil if it is not one or is outside Excel's range.
    static func serial(fromISO text: String, date1904: Bool) -> Double? {
        let u = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= u.count else { return nil }
            var v = 0
            for k in from ..< from + count {
                guard u[k] >= 48 && u[k] <= 57 else { return nil }
                v = v * 10 + Int(u[k] - 48)
            }
            return v
        }
        guard let y = number(0, 4), u.count >= 10, u[4] == 0x2D, let m = number(5, 2), u[7] == 0x2D,
              let d = number(8, 2), (1 ... 12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        var fraction = 0.0
        if u.count > 10 {
            guard u[10] == 0x54 || u[10] == 0x20, let hh = number(11, 2), u.count >= 16, u[13] == 0x3A,
                  let mm = number(14, 2), hh < 24, mm < 60 else { return nil }
            var seconds = 0.0
            var k = 16
            if k < u.count && u[k] == 0x3A {
                guard let ss = number(17, 2), ss < 61 else { return nil }
                seconds = Double(ss)
                k = 19
                if k < u.count && u[k] == 0x2E {
                    k += 1
                    var scale = 0.1
                    while k < u.count, u[k] >= 48 && u[k] <= 57 {
                        seconds += Double(u[k] - 48) * scale
                        scale /= 10
                        k += 1
                    }
                }
            }
            // A zone suffix (Z, +01:00) is accepted and ignored: Excel has no time zones.
            if k < u.count { guard u[k] == 0x5A || u[k] == 0x2B || u[k] == 0x2D else { return nil } }
            fraction = (Double(hh) * 3600 + Double(mm) * 60 + seconds) / 86_400
        }
        let z = days(year: y, month: m, day: d)
        let serial: Int
        if date1904 {
            serial = z - epoch1904
            guard serial >= 0, serial <= maxSerial1904 else { return nil }
        } else {
            let plain = z - epoch1900
            guard plain >= 1 else { return nil }
            serial = plain < 60 ? plain : plain + 1
            guard serial <= maxSerial1900 else { return nil }
        }
        return Double(serial) + fraction
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
