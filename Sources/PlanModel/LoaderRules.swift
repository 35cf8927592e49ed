/// The built-in `format` checks the loader makes while it reads a plan against the schema.
///
/// They report like rules (id, severity, category, citation) so profiles can override them and
/// `planlint rules list` shows them beside the rules written in the DSL.
public struct LoaderRule: Sendable {
    public let id: String
    public let title: String
    public let severity: Severity
    public let category: Category
    public let citation: String

    public static let citation = "Plan format srg-plan/1 (spec/plan-format.md)"

    public static let wrongType = LoaderRule(id: "FORMAT-TYPE", title: "Each value has the shape the plan format gives it (text, list or mapping)", severity: .error, category: .format, citation: citation)
    public static let money = LoaderRule(id: "FORMAT-MONEY", title: "Amounts of money are written as pounds", severity: .error, category: .format, citation: citation + ", Scalars: money")
    public static let date = LoaderRule(id: "FORMAT-DATE", title: "Dates are written in one of the accepted forms", severity: .error, category: .format, citation: citation + ", Scalars: date")
    public static let email = LoaderRule(id: "FORMAT-EMAIL", title: "Email addresses have the shape of one address", severity: .error, category: .format, citation: citation + ", Scalars: email")
    public static let count = LoaderRule(id: "FORMAT-COUNT", title: "Counts (WTE, beds, appointments) are numbers", severity: .error, category: .format, citation: citation + ", Scalars: count")
    public static let choice = LoaderRule(id: "FORMAT-CHOICE", title: "Fixed-vocabulary fields use one of their words", severity: .error, category: .format, citation: citation)
    public static let unknownKey = LoaderRule(id: "FORMAT-UNKNOWN-KEY", title: "Every key is one the plan format defines", severity: .warning, category: .format, citation: citation)
    public static let duplicateKey = LoaderRule(id: "FORMAT-DUPLICATE-KEY", title: "No key appears twice in one mapping", severity: .error, category: .format, citation: citation)
    public static let version = LoaderRule(id: "FORMAT-VERSION", title: "The plan declares its format, srg-plan/1", severity: .warning, category: .format, citation: citation + ", Document")


    // Reading a workbook (planlint check / extract on .xlsx): what the template layout itself shows.
    public static let workbookCitation = "Annex A and Annex C templates as written by planlint fill (Templates/)"
    public static let workbookSection = LoaderRule(id: "WORKBOOK-SECTION", title: "Every template sheet and section is in the workbook, under its own heading", severity: .error, category: .missingItem, citation: workbookCitation)
    public static let workbookColumn = LoaderRule(id: "WORKBOOK-COLUMN", title: "Every column of a template table is there, under its own heading", severity: .error, category: .format, citation: workbookCitation)
    public static let workbookUnexpected = LoaderRule(id: "WORKBOOK-UNEXPECTED", title: "Values are in the template's cells, not beside them", severity: .warning, category: .format, citation: workbookCitation)
    public static let workbookConflict = LoaderRule(id: "WORKBOOK-CONFLICT", title: "A value shown on two sheets says the same on both", severity: .warning, category: .format, citation: workbookCitation)
    public static let workbookVersion = LoaderRule(id: "WORKBOOK-VERSION", title: "The workbook was made from the template version this planlint reads", severity: .warning, category: .format, citation: workbookCitation)
    public static let workbookFormula = LoaderRule(id: "WORKBOOK-FORMULA", title: "A formula in an input cell has a saved result", severity: .warning, category: .format, citation: workbookCitation)

    public static let all: [LoaderRule] = [wrongType, money, date, email, count, choice, unknownKey, duplicateKey, version,
                                           workbookSection, workbookColumn, workbookUnexpected, workbookConflict, workbookVersion, workbookFormula]
}
