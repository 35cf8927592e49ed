import Foundation
import XCTest
import TestSupport
import PlanModel
import RuleEngine
import RulesDSL

/// Damaged inputs never crash planlint: every mutation of a real plan either loads (and the whole
/// rule set runs over it) or is refused with a load error; every mutation of a real rule file
/// parses and checks to a result or to diagnostics. The mutations are seeded, so failures repeat.
final class RobustnessTests: XCTestCase {
    /// Deletes, duplicates, swaps or replaces a few random spans of `bytes`.
    static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var b = bytes
        let interesting: [UInt8] = Array(":-[]{}#&*!|>'\"\n \t0£".utf8) + [0xC3, 0x28, 0xFF]
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !b.isEmpty {
            let i = Int.random(in: 0..<b.count, using: &rng)
            let n = min(Int.random(in: 1...40, using: &rng), b.count - i)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: b.removeSubrange(i..<(i + n))
            case 1: b.insert(contentsOf: b[i..<(i + n)], at: i)
            case 2:
                let j = Int.random(in: 0..<b.count, using: &rng)
                b.swapAt(i, j)
            default: b[i] = interesting.randomElement(using: &rng)!
            }
        }
        return b
    }

    func testMutatedPlansLoadOrAreRefusedAndRulesRunOverThem() throws {
        let rules = try RuleSet.load(directory: Fixture.bundledRules)
        let original = [UInt8](try Data(contentsOf: Fixture.packageRoot.appendingPathComponent("Samples/complete/northmoor.yaml")))
        var rng = SplitMix(seed: 2014)
        var loaded = 0, refused = 0
        for round in 0..<200 {
            let bytes = Self.mutate(original, &rng)
            do {
                let plan = try PlanLoader.load(bytes: bytes, file: "mutant-\(round).yaml")
                let findings = rules.check(plan)
                for f in findings {
                    XCTAssertFalse(f.message.isEmpty, "round \(round): \(f.rule) has an empty message")
                    XCTAssertTrue(f.location.line.map { $0 >= 1 && $0 <= bytes.count + 1 } ?? false, "round \(round): \(f.rule) at \(f.location)")
                }
                loaded += 1
            } catch let e as PlanLoadError {
                XCTAssertFalse(e.message.isEmpty)
                XCTAssertFalse(e.description.contains("\n"), "round \(round): a load error is one line: \(e.description)")
                refused += 1
            }
        }
        XCTAssertGreaterThan(loaded, 0)
        XCTAssertGreaterThan(refused, 0)
    }

    func testMutatedRuleFilesParseAndCheckWithoutCrashing() throws {
        let (catalogue, problems) = Catalogue.load(directory: Fixture.bundledRules + "/catalogue", displayPrefix: "catalogue/")
        XCTAssertEqual(problems, [])
        let folder = URL(fileURLWithPath: Fixture.bundledRules)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".rules") }.sorted()
        var rng = SplitMix(seed: 1506)
        var withErrors = 0
        for round in 0..<200 {
            let name = files[round % files.count]
            let original = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let source = String(decoding: Self.mutate(original, &rng), as: UTF8.self)
            let (file, parseDiagnostics) = Parser.parse(file: name, source: source)
            var checker = Checker(catalogue: catalogue, builtinRuleIDs: LoaderRule.all.map(\.id))
            _ = checker.check([file])
            let all = parseDiagnostics + checker.diagnostics
            if !all.isEmpty { withErrors += 1 }
            // Every diagnostic renders, pointing inside the file.
            let lines = source.normalisingLineEndings.split(separator: "\n", omittingEmptySubsequences: false).count
            for d in all {
                XCTAssertTrue(d.line >= 1 && d.line <= lines + 1, "round \(round): \(d.message) at line \(d.line) of \(lines)")
                XCTAssertFalse(DiagnosticRenderer.render(d, source: source).isEmpty)
            }
            if parseDiagnostics.isEmpty {
                _ = RuleFormatter.format(file)
            }
        }
        XCTAssertGreaterThan(withErrors, 0)
    }
}
