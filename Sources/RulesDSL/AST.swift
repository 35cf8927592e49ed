import PlanModel

/// An expression of the rules language, with where it is in the source.
public indirect enum Expr: Sendable {
    case number(Double, SourceRange)
    case money(Money, String, SourceRange)          // value, as written
    case date(Day, String, SourceRange)
    case text(String, SourceRange)                  // a plain string literal (no interpolation)
    case bool(Bool, SourceRange)
    case name(String, SourceRange)                  // a variable, `plan` or `catalogue`
    case field(Expr, String, SourceRange)           // e.ident (range: the field name)
    case index(Expr, Expr, SourceRange)             // e[k]
    case call(String, [Expr], SourceRange)          // f(args) (range: the function name)
    case unary(String, Expr, SourceRange)           // not, - (negate)
    case binary(String, Expr, Expr, SourceRange)    // and or == != < <= > >= + - * / in matches contains (range: operator)
    case predicate(String, Expr, SourceRange)       // `is missing`, `is filled`, `exists`, `is not missing`, `is not filled`
    case quantifier(String, String, Expr, Expr?, Expr, SourceRange)  // all|any|no, var, list, where, body
    case generator(Expr, String, Expr, Expr?, SourceRange)            // element-expr for var in list [where cond]
    case list([Expr], SourceRange)
    case conditional(Expr, Expr, Expr, SourceRange)    // if c then a else b

    /// The source range that best identifies this expression for a caret.
    public var range: SourceRange {
        switch self {
        case .number(_, let r), .money(_, _, let r), .date(_, _, let r), .text(_, let r), .bool(_, let r), .name(_, let r),
             .field(_, _, let r), .index(_, _, let r), .call(_, _, let r), .unary(_, _, let r), .binary(_, _, _, let r),
             .predicate(_, _, let r), .quantifier(_, _, _, _, _, let r), .generator(_, _, _, _, let r), .list(_, let r),
             .conditional(_, _, _, let r):
            return r
        }
    }

    /// The range starting at the leftmost token of the expression (for whole-expression carets).
    public var startRange: SourceRange {
        switch self {
        case .field(let base, _, _), .index(let base, _, _): return base.startRange
        case .binary(_, let l, _, _): return l.startRange
        case .predicate(_, let e, _): return e.startRange
        case .generator(let e, _, _, _, _): return e.startRange
        default: return range
        }
    }
}

/// A message or subject template: literal text and `{expression}` holes.
public struct Template: Sendable {
    public enum Part: Sendable { case literal(String), hole(Expr, String) }   // hole: expression and its source text
    public var parts: [Part]
    public var raw: String
    public var range: SourceRange
}

/// One binding step of a rule, applied in order: loops, lets and conditions.
public enum Binding: Sendable {
    case forEach(name: String, nameRange: SourceRange, list: Expr, filter: Expr?)
    case letBinding(name: String, nameRange: SourceRange, value: Expr)
    case when(Expr)
}

/// An example plan fragment attached to a rule: merged onto the base plan, it must pass or fail.
public struct RuleExample: Sendable {
    public enum Expectation: Sendable, Equatable { case passes, fails(subjects: [String]) }
    public var expectation: Expectation
    public var yaml: String
    /// The source line of the example's first YAML line (for reporting load errors in it).
    public var line: Int
    public var range: SourceRange
}

/// A rule as written.
public struct RuleDecl: Sendable {
    public var id: String
    public var idRange: SourceRange
    public var title: String?
    public var severity: Severity?
    public var category: Category?
    public var citation: String?
    public var cohorts: [String] = []
    public var bindings: [Binding] = []
    public var expect: Expr?
    public var subject: Expr?
    public var message: Template?
    public var examples: [RuleExample] = []
    /// Source ranges of each clause keyword, for "missing clause" and formatter use.
    public var clauseLines: [String: SourceRange] = [:]
    /// Clauses that had a syntax error (already reported): not reported again as missing.
    public var brokenClauses: Set<String> = []
    /// Names whose `for each` or `let` had a syntax error: bound as unknown so their uses are not errors too.
    public var brokenNames: [String] = []
    public var range: SourceRange

    public init(id: String, idRange: SourceRange, range: SourceRange) {
        self.id = id; self.idRange = idRange; self.range = range
    }
}

/// A named profile: severity overrides and disabled rules, selected by cohort or `--profile`.
public struct ProfileDecl: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var title: String?
    public var overrides: [(rule: String, severity: Severity, range: SourceRange)] = []
    public var disabled: [(rule: String, range: SourceRange)] = []
    public var range: SourceRange
}

/// One parsed rule file.
public struct RuleFile: Sendable {
    public var path: String
    public var source: String
    public var rules: [RuleDecl]
    public var profiles: [ProfileDecl]
    public var comments: [Comment]
    /// Top-level items in source order (for the formatter).
    public var order: [Item]
    public enum Item: Sendable { case rule(Int), profile(Int) }
}
