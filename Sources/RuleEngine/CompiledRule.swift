import PlanModel
import RulesDSL

/// A checked rule with its expressions compiled, ready to run over plans (safe to share across threads).
final class CompiledRule: @unchecked Sendable {
    enum Step {
        case forEach(slot: Int, list: Evaluator, filter: Evaluator?)
        case bind(slot: Int, value: Evaluator)
        case when(Evaluator)
    }
    enum Part { case literal(String), hole(Evaluator) }

    let rule: CheckedRule
    let steps: [Step]
    let expect: Evaluator
    let subject: Evaluator
    let message: [Part]

    init(_ rule: CheckedRule) {
        self.rule = rule
        steps = rule.steps.map {
            switch $0 {
            case .forEach(let slot, let list, let filter): return .forEach(slot: slot, list: Compiler.compile(list), filter: filter.map(Compiler.compile))
            case .bind(let slot, let value): return .bind(slot: slot, value: Compiler.compile(value))
            case .when(let c): return .when(Compiler.compile(c))
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

    /// Runs the rule over one plan, calling `report` once per failed expectation.
    func run(plan: Value, catalogue: Value, report: (String, SourceLocation, String) -> Void) {
        let frame = Frame(count: rule.slotCount, plan: plan, catalogue: catalogue)
        runSteps(0, frame, report)
    }

    private func runSteps(_ i: Int, _ frame: Frame, _ report: (String, SourceLocation, String) -> Void) {
        if i == steps.count {
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
            return
        }
        switch steps[i] {
        case .forEach(let slot, let list, let filter):
            let items: [Value]
            switch list(frame) {
            case .list(let xs, _): items = xs
            default: return
            }
            for item in items {
                frame.slots[slot] = item
                if let filter, Runtime.truth(filter(frame)) != true { continue }
                runSteps(i + 1, frame, report)
            }
        case .bind(let slot, let value):
            frame.slots[slot] = value(frame)
            runSteps(i + 1, frame, report)
        case .when(let c):
            if Runtime.truth(c(frame)) == true { runSteps(i + 1, frame, report) }
        }
    }
}
