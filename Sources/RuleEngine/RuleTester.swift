import PlanModel
import RulesDSL

/// Runs every rule's passing and failing examples (`planlint rules test`).
public struct RuleTester {
    /// The outcome for one rule.
    public struct Outcome: Sendable {
        public let rule: String
        public let passing: Int
        public let failing: Int
        /// Why the rule's tests failed; empty when they passed.
        public let problems: [String]
        public var ok: Bool { problems.isEmpty }
        public var covered: Bool { passing > 0 && failing > 0 }
    }

    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    /// Tests every rule (or only `ids`), in rule-id order. Throws when the base plan cannot be read.
    public func run(only ids: Set<String>? = nil) throws -> [Outcome] {
        guard let basePath = ruleSet.exampleBase else {
            throw PlanLoadError(file: ruleSet.directory + "/ruleset.yaml", message: "no example_base: the rules have no base plan to merge examples onto")
        }
        let bytes = try PlanLoader.readFile(basePath, maxBytes: YAMLLimits.default.maxBytes)
        guard let base = try composeOrThrow(bytes, file: basePath) else {
            throw PlanLoadError(file: basePath, message: "the example base plan is empty")
        }
        let basePlan = try PlanLoader.load(bytes: bytes, file: basePath)
        let baseFindings = ruleSet.check(basePlan)
        var outcomes: [Outcome] = []
        for rule in ruleSet.rules.sorted(by: { $0.id < $1.id }) where ids?.contains(rule.id) ?? true {
            var problems: [String] = []
            let onBase = baseFindings.filter { $0.rule == rule.id }
            if let f = onBase.first {
                problems.append("the base plan (\(basePath)) already fails it at \(f.subject): \(f.message)")
            }
            var passing = 0, failing = 0
            for example in rule.examples {
                let at = "\(rule.file):\(example.range.line)"
                switch example.expectation {
                case .passes: passing += 1
                case .fails: failing += 1
                }
                let plan: Plan
                do {
                    plan = try merged(base: base, example: example, at: at)
                } catch let e as ExampleError {
                    problems.append(e.message)
                    continue
                }
                let findings = ruleSet.check(plan, only: [rule.id])
                switch example.expectation {
                case .passes:
                    for f in findings { problems.append("passing example at \(at) yields a finding at \(f.subject): \(f.message)") }
                case .fails(let subjects):
                    for s in subjects where !findings.contains(where: { $0.subject == s }) {
                        let got = findings.isEmpty ? "none" : findings.map(\.subject).joined(separator: ", ")
                        problems.append("failing example at \(at) yields no finding at \(s) (findings at: \(got))")
                    }
                }
            }
            if passing == 0 { problems.append("has no passing example ('passes \"\"\"…')") }
            if failing == 0 { problems.append("has no failing example ('fails at \"subject\" \"\"\"…')") }
            outcomes.append(Outcome(rule: rule.id, passing: passing, failing: failing, problems: problems))
        }
        return outcomes
    }

    struct ExampleError: Error { let message: String }

    func merged(base: YAMLNode, example: RuleExample, at: String) throws -> Plan {
        let fragment: YAMLNode?
        do {
            fragment = try YAMLComposer.compose(Array(example.yaml.utf8))
        } catch let e as YAMLLoadError {
            let line = e.line.map { example.line + $0 - 1 }
            throw ExampleError(message: "the example at \(at) is not valid YAML" + (line.map { " (line \($0))" } ?? "") + ": \(e.message)")
        }
        let tree: YAMLNode
        if let fragment {
            guard case .mapping = fragment.content else {
                throw ExampleError(message: "the example at \(at) must be a mapping of plan keys, like a piece of a plan")
            }
            tree = ExampleMerger.merge(base: base, fragment: fragment)
        } else {
            tree = base
        }
        var binder = PlanBinder(file: at)
        let root = binder.bindRecord(tree, schema: PlanSchema.plan, path: "") ?? .missing(Origin(path: "", location: tree.location))
        // A fragment that does not fit the plan format (a misspelt key, a bad date) would make the
        // example test something else: refuse it.
        if let f = binder.findings.first {
            throw ExampleError(message: "the example at \(at) does not fit the plan format: \(f.message)")
        }
        return Plan(file: at, root: root, findings: [])
    }

    func composeOrThrow(_ bytes: [UInt8], file: String) throws -> YAMLNode? {
        do { return try YAMLComposer.compose(bytes) } catch let e as YAMLLoadError {
            throw PlanLoadError(file: file, message: e.message, line: e.line, column: e.column)
        }
    }
}
