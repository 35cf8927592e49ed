import Foundation

/// Text tests behind `has_quantity` and `has_timescale`: is a target outcome measurable?
///
/// A target is measurable when it states a quantity (a number, a percentage or a word such as
/// "all" or "half") and a date or period ("by March 2015", "Q3 2014/15", "weekly"). Dates and years
/// are not counted as quantities.
enum TextMeasures {
    static let months = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
    /// Date and period expressions, removed before looking for a quantity.
    static let datePattern = try! NSRegularExpression(pattern: [
        "\\b\\d{1,2}\\s+\(months)\\b(?:\\s+\\d{4})?",            // 30 September (2014)
        "\\b\(months)\\s+\\d{4}\\b",                               // March 2015
        "\\b(?:19|20)\\d{2}(?:[/-]\\d{2}(?:\\d{2})?)?\\b",          // 2014, 2014/15, 2014-09
        "\\bq[1-4]\\b",                                            // Q2
        "\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b",                        // 30/09/2014
    ].joined(separator: "|"), options: [.caseInsensitive])
    static let timescalePattern = try! NSRegularExpression(pattern: [
        "\\b\(months)\\b",
        "\\b(?:19|20)\\d{2}\\b",
        "\\bq[1-4]\\b",
        "\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b",
        "\\b(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly)\\b",
        "\\b(?:per|a|an|each|every)\\s+(?:day|week|fortnight|month|quarter|year)\\b",
        "\\bweek\\s+\\d+\\b",
        "\\b(?:winter|summer|spring|autumn|year[- ]end|end of (?:the )?(?:year|quarter|month))\\b",
    ].joined(separator: "|"), options: [.caseInsensitive])
    static let quantityPattern = try! NSRegularExpression(pattern:
        "\\d|%|\\b(?:all|every|none|no|zero|half|double|twice|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand)\\b",
        options: [.caseInsensitive])

    static func hasTimescale(_ text: String) -> Bool {
        timescalePattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func hasQuantity(_ text: String) -> Bool {
        let withoutDates = datePattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
        return quantityPattern.firstMatch(in: withoutDates, range: NSRange(withoutDates.startIndex..., in: withoutDates)) != nil
    }

    /// Lower-cased with runs of whitespace as one space: for forgiving `contains`.
    static func normalised(_ s: String) -> String {
        s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
