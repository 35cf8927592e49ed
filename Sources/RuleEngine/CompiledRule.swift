import PlanModel
import RulesDSL

/// A checked rule with its expressions compiled, ready to run over plans (safe to share across threads).
final class CompiledRule: @unchecked Sendable {
    /// One step of the rule's head. A class with plain fields rather than an enum: running a step
    /// reads them where they are, instead of copying an enum payload (and retaining its closures).
    final class Step {
        enum Kind { case forEach, bind, when }
        let kind: Kind
        let slot: Int
        /// The list (for each), the value (let) or the condition (when).
        let value: Evaluator
        /// For each's `where`, when `hasFilter`.
        let filter: Evaluator
        let hasFilter: Bool

        init(_ kind: Kind, slot: Int = 0, _ value: Evaluator, filter: Evaluator? = nil) {
            self.kind = kind; self.slot = slot; self.value = value
            self.filter = filter ?? value; self.hasFilter = filter != nil
        }
    }
    enum Part { case literal(String), hole(Evaluator) }

    let rule: CheckedRule
    /// The rule's fields every check reads, kept apart so reading them does not copy `rule`.
    let id: String
    let severity: Severity
    let category: Category
    let citation: String
    let cohorts: [String]
    let steps: [Step]
    let expect: Evaluator
    let subject: Evaluator
    let message: [Part]

    init(_ rule: CheckedRule) {
        self.rule = rule
        id = rule.id; severity = rule.severity; category = rule.category; citation = rule.citation; cohorts = rule.cohorts
        steps = rule.steps.map {
            switch $0 {
            case .forEach(let slot, let list, let filter): return Step(.forEach, slot: slot, Compiler.compile(list), filter: filter.map(Compiler.compile))
            case .bind(let slot, let value): return Step(.bind, slot: slot, Compiler.compile(value))
            case .when(let c): return Step(.when, Compiler.compile(c))
            }
        }
        expect = Compiler.compile(rule.expect)
        subject = Compiler.compile(rule.subject)
        message = rule.message.map {
            switch $0 {
            case .literal(let s): return .literal(s)
            case .hole(let e): return .hole(Compiler.compile(e))
            }
        }
    }

    /// Runs the rule over one plan, calling `report` once per failed expectation. `frame` holds the
    /// plan and catalogue in slots 0 and 1 and has at least `rule.slotCount` slots.
    func run(in frame: Frame, report: (String, SourceLocation, String) -> Void) {
        frame.reset()
        runSteps(0, frame, report)
    }

    private func runSteps(_ i: Int, _ frame: Frame, _ report: (String, SourceLocation, String) -> Void) {
        if i == steps.count {
            expectation(frame, report)
            return
        }
        let step = steps[i]
        switch step.kind {
        case .forEach:
            guard case .list(let items, _) = step.value(frame) else { return }
            for item in items {
                frame.slots[step.slot] = item
                if step.hasFilter, Runtime.truth(step.filter(frame)) != true { continue }
                runSteps(i + 1, frame, report)
            }
        case .bind:
            frame.slots[step.slot] = step.value(frame)
            runSteps(i + 1, frame, report)
        case .when:
            if Runtime.truth(step.value(frame)) == true { runSteps(i + 1, frame, report) }
        }
    }

    /// The rule's `expect` for the names as bound now; a finding when it is false (not when unknown).
    private func expectation(_ frame: Frame, _ report: (String, SourceLocation, String) -> Void) {
        guard Runtime.truth(expect(frame)) == false else { return }
        let s = subject(frame)
        let origin = s.origin ?? Runtime.unknownOrigin
        var text = ""
        for part in message {
            switch part {
            case .literal(let l): text += l
            case .hole(let e): text += Runtime.display(e(frame))
            }
        }
        report(origin.path, origin.location, text)
    }
}
