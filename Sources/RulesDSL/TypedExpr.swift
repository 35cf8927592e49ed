import PlanModel

/// A checked expression: names resolved to frame slots, operations chosen by type.
/// The rule engine compiles it for evaluation; it is never built from unchecked source.
public indirect enum TExpr: Sendable {
    case constant(Value)
    case slot(Int)
    /// `record.name`; with `project`, over each element of a list of records (flattening list fields).
    /// `schemas` are the record schemas the value can have, so the engine can find the field by position.
    case field(TExpr, String, project: Bool, schemas: [RecordSchema])
    /// `record[text]`: the field named by a text value.
    case dynamicField(TExpr, TExpr)
    /// `list[key]` on a keyed list: the element with that id.
    case lookup(TExpr, TExpr)
    /// `list[n]`: the element at 0-based position n.
    case position(TExpr, TExpr)
    case call(Builtin, [TExpr])
    case not(TExpr)
    case negate(TExpr)
    case and(TExpr, TExpr)
    case or(TExpr, TExpr)
    case compare(String, TExpr, TExpr)
    case arithmetic(String, TExpr, TExpr)
    case concat(TExpr, TExpr)
    case member(TExpr, TExpr)
    case matches(TExpr, TExpr)
    case contains(TExpr, TExpr, inList: Bool)
    case filled(TExpr, Bool)            // true: `is filled` / `exists`; false: `is missing`
    case quantifier(Quantifier, slot: Int, list: TExpr, filter: TExpr?, body: TExpr)
    case generator(element: TExpr, slot: Int, list: TExpr, filter: TExpr?)
    case list([TExpr])
    case conditional(TExpr, TExpr, TExpr)

    public enum Quantifier: String, Sendable { case all, any, no }
}

/// The fixed function library of the rules language.
public enum Builtin: String, Sendable, CaseIterable {
    case count, sum, min, max, first, key, join, abs, lower
    case hasQuantity = "has_quantity"
    case hasTimescale = "has_timescale"
    case days
    case filledFields = "filled_fields"
    case texts
    case duplicates
    case containsAny = "contains_any"

    /// One line of help per function, for the README and `rules check` suggestions.
    public var summary: String {
        switch self {
        case .count: return "count(list) — how many elements (missing ones included)"
        case .sum: return "sum(list) — total of numbers or money; unknown if any element is missing or unreadable"
        case .min: return "min(list) — smallest number, amount or date"
        case .max: return "max(list) — largest number, amount or date"
        case .first: return "first(list) — the first element, or missing when the list is empty"
        case .key: return "key(entry) — the id of an entry of a keyed list (requirement, id, scheme, representative_of)"
        case .join: return "join(list) — the texts joined with '; '"
        case .abs: return "abs(x) — the size of a number or amount, without its sign"
        case .lower: return "lower(text) — the text in lower case"
        case .hasQuantity: return "has_quantity(text) — the text states a quantity: a number or a percentage"
        case .hasTimescale: return "has_timescale(text) — the text states a date or period (a month, quarter, year, 'weekly', 'by week 10'…)"
        case .days: return "days(from, to) — days from one date to another"
        case .containsAny: return "contains_any(text, phrases) — the text contains one of the phrases (case and spacing ignored); fast for long phrase lists"
        case .duplicates: return "duplicates(list) — the values that appear more than once (text compared without surrounding spaces)"
        case .texts: return "texts(x) — every text value inside x (a mapping or list, searched all the way down), each with its place in the plan"
        case .filledFields: return "filled_fields(entry) — how many of an entry's fields are filled, its id not counted"
        }
    }
}
