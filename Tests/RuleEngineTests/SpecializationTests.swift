import Foundation
import XCTest
import TestSupport
import PlanModel
import RulesDSL
@testable import RuleEngine

/// The rules specialized for their catalogue (catalogue expressions worked out once, `for each`
/// over catalogue lists unrolled) against the same rules compiled as written: every finding alike,
/// on the samples and on seeded edits of them that give many different findings.
final class SpecializationTests: XCTestCase {
    private static var sets: (specialized: RuleSet, plain: RuleSet)?

    private func ruleSets() throws -> (specialized: RuleSet, plain: RuleSet) {
        if let s = Self.sets { return s }
        let s = try RuleSet.load(directory: Fixture.bundledRules)
        let plain = RuleSet(id: s.id, version: s.version, directory: s.directory, exampleBase: s.exampleBase, rules: s.rules,
                            profiles: s.profiles, catalogue: s.catalogue, files: s.files, specialize: false)
        Self.sets = (s, plain)
        return (s, plain)
    }

    /// The plan files under `Samples/` that are plans (not the broken ones).
    private func samples() throws -> [String] {
        let root = Fixture.packageRoot.appendingPathComponent("Samples")
        let e = FileManager.default.enumerator(atPath: root.path)!
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("broken") }.sorted()
            .map { root.appendingPathComponent($0).path }
    }

    func testSpecializationUnrollsCatalogueLoops() throws {
        let (specialized, plain) = try ruleSets()
        func unrolled(_ set: RuleSet, _ id: String) -> Bool {
            set.compiled.first { $0.id == id }!.body.steps.contains { $0.kind == .unrolled }
        }
        for id in ["SCHEME-FIELD", "LEAD-FIELD", "MIN-CONTENT"] {
            XCTAssertTrue(unrolled(specialized, id), "\(id) is not unrolled")
            XCTAssertFalse(unrolled(plain, id), "\(id) is unrolled without specialization")
        }
    }

    func testSpecializedRulesFindWhatThePlainOnesFind() throws {
        let (specialized, plain) = try ruleSets()
        let files = try samples()
        XCTAssertGreaterThan(files.count, 8)
        var rng = SplitMix(seed: 7)
        var plans = 0, findings = 0
        for path in files {
            let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // The plan itself, then seeded edits: lines dropped (fields and whole blocks go missing),
            // numbers changed (sums stop adding up), words swapped for example text.
            for round in 0..<25 {
                var edited = lines
                if round > 0 {
                    for _ in 0..<(1 + Int(rng.next() % 6)) where !edited.isEmpty {
                        let i = Int(rng.next() % UInt64(edited.count))
                        switch rng.next() % 3 {
                        case 0: edited.remove(at: i)
                        case 1: edited[i] = edited[i].replacingOccurrences(of: "0", with: String(rng.next() % 10))
                        default: edited[i] = edited[i].replacingOccurrences(of: ": ", with: ": Jane Doe ")
                        }
                    }
                }
                guard let plan = try? PlanLoader.load(bytes: Array(edited.joined(separator: "\n").utf8), file: "plan.yaml") else { continue }
                for profiles in [[], ["draft"]] {
                    let a = specialized.check(plan, profiles: profiles), b = plain.check(plan, profiles: profiles)
                    XCTAssertEqual(a, b, "\(path), edit round \(round), profiles \(profiles)")
                    findings += a.count
                }
                plans += 1
            }
        }
        XCTAssertGreaterThan(plans, 200)
        XCTAssertGreaterThan(findings, 3000)   // the comparison covers many findings
    }
}
