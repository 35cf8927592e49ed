import PlanModel
import RulesDSL

/// A checked rule with its expressions compiled, ready to run over plans (safe to share across threads).
///
/// Compiling specializes the rule for its rule set's catalogue (`Specializer`): what depends only on
/// the catalogue is computed once, and a `for each` over a catalogue list is unrolled, its remaining
/// steps compiled once for each element, with the element's own values in place of reads of it.
final class CompiledRule: @unchecked Sendable {
    /// One step of the rule's head. A class with plain fields rather than an enum: running a step
    /// reads them where they are, instead of copying an enum payload (and retaining its closures).
    final class Step {
        /// `unrolled` is a `for each` over a list known when compiling: one branch per element.
        /// It is always its body's last step (each branch carries the steps after it).
        enum Kind { case forEach, bind, when, unrolled }
        let kind: Kind
        let slot: Int
        /// The list (for each), the value (let) or the condition (when).
        let value: Evaluator
        /// For each's `where`, when `hasFilter`.
        let filter: Evaluator
        let hasFilter: Bool
        /// For each's `where` when it is `contains_any(<the element>, <a catalogue list>)`: tested on
        /// each element before it is bound (most texts of a plan contain no example phrase).
        let phrases: TextSearch.PhraseSet?
        let branches: [Branch]

        init(_ kind: Kind, slot: Int = 0, _ value: Evaluator, filter: Evaluator? = nil, phrases: TextSearch.PhraseSet? = nil,
             branches: [Branch] = []) {
            self.kind = kind; self.slot = slot; self.value = value
            self.filter = filter ?? value; self.hasFilter = filter != nil
            self.phrases = phrases
            self.branches = branches
        }
    }

    /// One element of an unrolled `for each`: its `where` filter if that is not settled, and the
    /// steps after the loop, compiled with the element in place of every read of the loop's name
    /// (so the loop's slot is never set: nothing reads it).
    final class Branch {
        let filter: Evaluator?
        let body: Body

        init(filter: Evaluator?, body: Body) { self.filter = filter; self.body = body }
    }

    /// Steps, then the expectation and what a finding says. A body whose last step is unrolled never
    /// gets to its own expectation (each branch has one), and has `true` there.
    final class Body {
        let steps: [Step]
        let expect: Evaluator
        let subject: Evaluator
        let message: [Part]

        init(steps: [Step], expect: Evaluator, subject: Evaluator, message: [Part]) {
            self.steps = steps; self.expect = expect; self.subject = subject; self.message = message
        }
    }
    enum Part { case literal(String), hole(Evaluator) }

    /// Lists of at most this many elements are unrolled (the catalogue's are a few dozen at most).
    static let unrollLimit = 100

    let rule: CheckedRule
    /// The rule's fields every check reads, kept apart so reading them does not copy `rule`.
    let id: String
    let severity: Severity
    let category: Category
    let citation: String
    let cohorts: [String]
    let body: Body

    init(_ rule: CheckedRule, catalogue: Catalogue, specialize: Bool = true) {
        self.rule = rule
        id = rule.id; severity = rule.severity; category = rule.category; citation = rule.citation; cohorts = rule.cohorts
        body = Self.body(rule, from: 0, env: [:], Specializer(catalogue: catalogue, slotCount: max(rule.slotCount, 2), enabled: specialize))
    }

    /// The rule's steps from `first` on, and its expectation, for the names in `env` bound to known values.
    private static func body(_ rule: CheckedRule, from first: Int, env: [Int: Value], _ sp: Specializer) -> Body {
        var env = env
        var steps: [Step] = []
        var k = first
        while k < rule.steps.count {
            switch rule.steps[k] {
            case .forEach(let slot, let list, let filter):
                let l = sp.specialize(list, env)
                if case .constant(.list(let items, _)) = l, items.count <= unrollLimit {
                    let branches = items.compactMap { item -> Branch? in
                        var inner = env
                        inner[slot] = item
                        var f = filter.map { sp.specialize($0, inner) }
                        if case .constant(let v)? = f {
                            guard Runtime.truth(v) == true else { return nil }   // never passes: no branch
                            f = nil
                        }
                        return Branch(filter: f.map(Compiler.compile), body: body(rule, from: k + 1, env: inner, sp))
                    }
                    let none = Compiler.compile(.constant(.bool(true)))
                    steps.append(Step(.unrolled, slot: slot, none, branches: branches))
                    return Body(steps: steps, expect: none, subject: none, message: [])
                }
                let f = filter.map { sp.specialize($0, env) }
                if case .call(.containsAny, let args)? = f, args.count == 2, case .slot(let t) = args[0], t == slot,
                   case .constant(.list(let phrases, _)) = args[1] {
                    steps.append(Step(.forEach, slot: slot, Compiler.compile(l), phrases: .shared(phrases.compactMap(Runtime.text))))
                } else {
                    steps.append(Step(.forEach, slot: slot, Compiler.compile(l), filter: f.map(Compiler.compile)))
                }
            case .bind(let slot, let value):
                let v = sp.specialize(value, env)
                if case .constant(let known) = v {
                    env[slot] = known   // read as the value itself from here on
                } else {
                    steps.append(Step(.bind, slot: slot, Compiler.compile(v)))
                }
            case .when(let c):
                let v = sp.specialize(c, env)
                if case .constant(let known) = v, Runtime.truth(known) == true { break }   // always passes
                steps.append(Step(.when, Compiler.compile(v)))
            }
            k += 1
        }
        return Body(steps: steps, expect: Compiler.compile(sp.specialize(rule.expect, env)),
                    subject: Compiler.compile(sp.specialize(rule.subject, env)),
                    message: rule.message.map {
                        switch $0 {
                        case .literal(let s): return .literal(s)
                        case .hole(let e): return .hole(Compiler.compile(sp.specialize(e, env)))
                        }
                    })
    }

    /// Runs the rule over one plan, calling `report` once per failed expectation. `frame` holds the
    /// plan and catalogue in slots 0 and 1 and has at least `rule.slotCount` slots.
    func run(in frame: Frame, report: (String, SourceLocation, String) -> Void) {
        frame.reset()
        runSteps(body, 0, frame, report)
    }

    private func runSteps(_ body: Body, _ i: Int, _ frame: Frame, _ report: (String, SourceLocation, String) -> Void) {
        if i == body.steps.count {
            expectation(body, frame, report)
            return
        }
        let step = body.steps[i]
        switch step.kind {
        case .forEach:
            guard case .list(let items, _) = step.value(frame) else { return }
            for item in items {
                if let phrases = step.phrases {   // `contains_any(item, phrases)`: unknown, so false, for anything but a text
                    guard case .text(let text, _) = item, phrases.matches(text) else { continue }
                }
                frame.slots[step.slot] = item
                if step.hasFilter, Runtime.truth(step.filter(frame)) != true { continue }
                runSteps(body, i + 1, frame, report)
            }
        case .unrolled:
            for branch in step.branches {
                if let filter = branch.filter, Runtime.truth(filter(frame)) != true { continue }
                runSteps(branch.body, 0, frame, report)
            }
        case .bind:
            frame.slots[step.slot] = step.value(frame)
            runSteps(body, i + 1, frame, report)
        case .when:
            if Runtime.truth(step.value(frame)) == true { runSteps(body, i + 1, frame, report) }
        }
    }

    /// The rule's `expect` for the names as bound now; a finding when it is false (not when unknown).
    private func expectation(_ body: Body, _ frame: Frame, _ report: (String, SourceLocation, String) -> Void) {
        guard Runtime.truth(body.expect(frame)) == false else { return }
        let s = body.subject(frame)
        let origin = s.origin ?? Runtime.unknownOrigin
        var text = ""
        for part in body.message {
            switch part {
            case .literal(let l): text += l
            case .hole(let e): text += Runtime.display(e(frame))
            }
        }
        report(origin.path, origin.location, text)
    }
}
