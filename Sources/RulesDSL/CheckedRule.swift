import PlanModel

/// A rule that parsed and type-checked: ready for the engine.
public struct CheckedRule: Sendable {
    public enum Step: Sendable {
        case forEach(slot: Int, list: TExpr, filter: TExpr?)
        case bind(slot: Int, value: TExpr)
        case when(TExpr)
    }
    public enum MessagePart: Sendable { case literal(String), hole(TExpr) }

    public let id: String
    public let title: String
    public let severity: Severity
    public let category: Category
    public let citation: String
    /// Cohorts the rule applies to; empty for every cohort.
    public let cohorts: [String]
    public let steps: [Step]
    public let expect: TExpr
    public let subject: TExpr
    public let message: [MessagePart]
    /// Frame size: slot 0 is `plan`, slot 1 is `catalogue`, then one per name the rule binds.
    public let slotCount: Int
    public let examples: [RuleExample]
    /// The declaration as written, for `rules explain` and the formatter.
    public let decl: RuleDecl
    public let file: String
}

/// A profile after checking: severity overrides and disabled rules, all naming rules that exist.
public struct CheckedProfile: Sendable {
    public let name: String
    public let title: String
    public let overrides: [String: Severity]
    public let disabled: Set<String>
    public let file: String
    public let line: Int
}
