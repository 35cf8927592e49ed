import Foundation
import PlanModel

/// Type-checks parsed rules against the plan schema and the catalogue, collecting every error.
public struct Checker {
    let catalogue: Catalogue
    /// Ids of rules the loader applies itself (FORMAT-…), which profiles may also name.
    let builtinRuleIDs: [String]
    public internal(set) var diagnostics: [Diagnostic] = []
    /// The names in scope in the rule being checked, and the frame size it needs so far.
    var scope = Scope()
    var maxSlot = 2

    public init(catalogue: Catalogue, builtinRuleIDs: [String]) {
        self.catalogue = catalogue
        self.builtinRuleIDs = builtinRuleIDs
    }

    /// Checks every rule and profile of `files`; returns those that checked clean.
    public mutating func check(_ files: [RuleFile]) -> ([CheckedRule], [CheckedProfile]) {
        var rules: [CheckedRule] = []
        var firstDefinition: [String: SourceRange] = [:]
        for file in files {
            for decl in file.rules {
                if let first = firstDefinition[decl.id] {
                    error("rule \(decl.id) is defined twice; rule ids must be unique", decl.idRange, notes: ["the first definition is at \(first)"])
                    continue
                }
                firstDefinition[decl.id] = decl.idRange
                if let r = checkRule(decl, file: file.path) { rules.append(r) }
            }
        }
        let known = Set(firstDefinition.keys).union(builtinRuleIDs)
        let allIDs = Array(firstDefinition.keys).sorted() + builtinRuleIDs
        var profiles: [CheckedProfile] = []
        var profileNames: [String: SourceRange] = [:]
        for file in files {
            for p in file.profiles {
                if let first = profileNames[p.name] {
                    error("profile \(p.name) is defined twice", p.nameRange, notes: ["the first definition is at \(first)"])
                    continue
                }
                profileNames[p.name] = p.nameRange
                var overrides: [String: Severity] = [:]
                var disabled: Set<String> = []
                for o in p.overrides {
                    if known.contains(o.rule) { overrides[o.rule] = o.severity } else { unknownRule(o.rule, o.range, allIDs) }
                }
                for d in p.disabled {
                    if known.contains(d.rule) { disabled.insert(d.rule) } else { unknownRule(d.rule, d.range, allIDs) }
                }
                profiles.append(CheckedProfile(name: p.name, title: p.title ?? "", overrides: overrides, disabled: disabled,
                                               file: file.path, line: p.nameRange.line))
            }
        }
        return (rules, profiles)
    }

    mutating func unknownRule(_ id: String, _ range: SourceRange, _ all: [String]) {
        var m = "there is no rule \(id)"
        if let near = Suggest.closest(to: id, among: all) { m += "; did you mean '\(near)'?" }
        error(m, range)
    }

    mutating func error(_ message: String, _ range: SourceRange, notes: [String] = []) {
        diagnostics.append(Diagnostic(.error, message, at: range, notes: notes))
    }

    // MARK: rules

    /// The names in scope while checking one rule.
    struct Scope {
        /// `possible`: the values a name can take, when known while checking (literals, catalogue data).
        var names: [(name: String, slot: Int, type: DType, provenance: Provenance, possible: [Value]?)] = []
        var nextSlot = 2

        func lookup(_ name: String) -> (slot: Int, type: DType, provenance: Provenance)? {
            names.last(where: { $0.name == name }).map { ($0.slot, $0.type, $0.provenance) }
        }

        func possible(_ name: String) -> [Value]? { names.last(where: { $0.name == name })?.possible }

        mutating func bind(_ name: String, _ type: DType, _ provenance: Provenance, possible: [Value]? = nil) -> Int {
            let slot = nextSlot
            nextSlot += 1
            names.append((name, slot, type, provenance, possible))
            return slot
        }
    }

    mutating func checkRule(_ decl: RuleDecl, file: String) -> CheckedRule? {
        let errorsBefore = diagnostics.count
        scope = Scope()
        scope.names = [("plan", 0, DType.record(PlanSchema.plan), Provenance.planValue, nil),
                       ("catalogue", 1, DType.record(catalogue.schema), Provenance.none, [catalogue.value])]
        maxSlot = 2
        for name in decl.brokenNames { _ = scope.bind(name, .poison, .none) }
        maxSlot = max(maxSlot, scope.nextSlot)
        for clause in ["title", "severity", "category", "cite", "expect", "subject", "message"]
        where decl.clauseLines[clause] == nil && !decl.brokenClauses.contains(clause) {
            error("rule \(decl.id) has no '\(clause)' clause; every rule needs title, severity, category, cite, expect, subject and message", decl.idRange)
        }
        if let title = decl.title, title.trimmingWhitespace.isEmpty { error("the title of \(decl.id) is empty", decl.clauseLines["title"] ?? decl.idRange) }
        if let cite = decl.citation, cite.trimmingWhitespace.isEmpty { error("the citation of \(decl.id) is empty", decl.clauseLines["cite"] ?? decl.idRange) }

        var steps: [CheckedRule.Step] = []
        for b in decl.bindings {
            switch b {
            case .forEach(let name, let nameRange, let listExpr, let filter):
                shadowCheck(name, nameRange)
                let (slot, le, tf) = bindLoop(name, over: listExpr, filter: filter, what: "'for each \(name) in …'")
                steps.append(.forEach(slot: slot, list: le, filter: tf))
            case .letBinding(let name, let nameRange, let value):
                let (t, e, p) = check(value)
                shadowCheck(name, nameRange)
                let slot = scope.bind(name, t, p, possible: possibleValues(value))
                maxSlot = max(maxSlot, scope.nextSlot)
                steps.append(.bind(slot: slot, value: e))
            case .when(let cond):
                steps.append(.when(checkBool(cond, "'when'")))
            }
        }
        let expect = decl.expect.map { checkBool($0, "'expect'") }
        var subject: TExpr?
        if let s = decl.subject {
            let (t, e, p) = check(s)
            if p != .planValue && !t.isPoison {
                error("the subject must be an item of the plan (such as s.lead.email or plan.non_elective.minimum[req.id]), not a computed value or catalogue entry", s.startRange)
            }
            subject = e
        }
        var message: [CheckedRule.MessagePart] = []
        if let m = decl.message {
            for part in m.parts {
                switch part {
                case .literal(let s): message.append(.literal(s))
                case .hole(let e, _):
                    let (_, te, _) = check(e)
                    message.append(.hole(te))
                }
            }
        }
        for ex in decl.examples {
            if case .fails(let subjects) = ex.expectation {
                for s in subjects where !SubjectPath.isValid(s) {
                    error("'\(s)' is not a subject path; write it like non_elective.minimum[NE07].lead.email", ex.range)
                }
            }
        }
        guard diagnostics.count == errorsBefore, let severity = decl.severity, let category = decl.category,
              let expect, let subject else { return nil }
        return CheckedRule(id: decl.id, title: decl.title ?? "", severity: severity, category: category,
                           citation: decl.citation ?? "", cohorts: decl.cohorts, steps: steps, expect: expect,
                           subject: subject, message: message, slotCount: maxSlot, examples: decl.examples, decl: decl, file: file)
    }

    mutating func shadowCheck(_ name: String, _ range: SourceRange) {
        if name == "plan" || name == "catalogue" || scope.lookup(name) != nil {
            error("'\(name)' is already a name in this rule; choose another", range)
        }
    }

    mutating func checkBool(_ e: Expr, _ what: String) -> TExpr {
        let (t, te, _) = check(e)
        if !t.isBool { error("\(what) needs a true/false condition, but this is \(t)", e.startRange) }
        return te
    }

}

/// Subject paths as the findings contract writes them.
public enum SubjectPath {
    /// True for `a.b[ID].c[0].d`-shaped paths.
    public static func isValid(_ s: String) -> Bool {
        guard !s.isEmpty else { return false }
        var expectName = true
        var i = s.startIndex
        while i < s.endIndex {
            if expectName {
                let start = i
                while i < s.endIndex, s[i].isLetter || s[i].isNumber || s[i] == "_" { i = s.index(after: i) }
                if i == start { return false }
                expectName = false
            } else if s[i] == "." {
                i = s.index(after: i); expectName = true
            } else if s[i] == "[" {
                guard let close = s[i...].firstIndex(of: "]"), s.index(after: i) < close else { return false }
                i = s.index(after: close)
            } else {
                return false
            }
        }
        return !expectName
    }
}
