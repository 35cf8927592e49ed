import Foundation
import PlanModel
import Reports
import RuleEngine

/// Checks one input: loads it, runs the rules, and keeps only what reports need (the plan is dropped).
struct PlanChecker: Sendable {
    let ruleSet: RuleSet
    let profiles: [String]

    /// The input's findings with its SRG's name and cohort, or why it could not be read.
    func outcome(_ input: InputFile) -> FileOutcome {
        do {
            let plan = try input.load()
            let findings = ruleSet.check(plan, profiles: profiles)
            return .checked(FileResult(file: input.name, findings: findings,
                                       srgName: Self.srgText(plan, "name"), cohort: Self.srgText(plan, "cohort")))
        } catch let e as PlanLoadError {
            return .failed(FileFailure(file: input.name, message: e.description))
        } catch let f as Failure {
            return .failed(FileFailure(file: input.name, message: f.message))
        } catch {
            return .failed(FileFailure(file: input.name, message: "\(input.name): \(error)"))
        }
    }

    /// A text field of the plan's `srg` section, trimmed; nil when absent or blank.
    static func srgText(_ plan: Plan, _ field: String) -> String? {
        guard case .record(let root, let origin) = plan.root,
              case .record(let srg, let srgOrigin)? = root.field("srg", origin: origin),
              case .text(let s, _)? = srg.field(field, origin: srgOrigin) else { return nil }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }
}
