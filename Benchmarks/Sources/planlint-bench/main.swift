// Measures loading and checking against the alternatives the core issue names: Yams' `compose`
// (6.7 ms for the 36 KB example plan when measured for the issue) against libyaml's event parser
// under our composer (0.7 ms), and whole-plan checking throughput against the batch target of
// 1,000 plans per second on 2 cores. Prints medians; the machine is noisy, so compare in one run.
import Dispatch
import Foundation
import PlanModel
import RuleEngine
import Yams

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

/// Runs `body` `rounds` times after a warm-up and returns the median milliseconds per run.
func measure(_ rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<3 { try body() }
    var samples: [Double] = []
    for _ in 0..<rounds {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    return median(samples)
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let planPath = CommandLine.arguments.dropFirst().first ?? root.appendingPathComponent("Samples/complete/northmoor.yaml").path
let bytes = [UInt8](FileManager.default.contents(atPath: planPath)!)
let text = String(decoding: bytes, as: UTF8.self)
print("plan: \(planPath) (\(bytes.count) bytes)")

let ours = try measure(200) { _ = try YAMLComposer.compose(bytes) }
let yams = try measure(50) { _ = try Yams.compose(yaml: text) }
let load = try measure(200) { _ = try PlanLoader.load(bytes: bytes, file: planPath) }
print(String(format: "compose, libyaml events + our composer: %7.3f ms", ours))
print(String(format: "compose, Yams.compose:                  %7.3f ms  (%.1fx ours)", yams, yams / ours))
print(String(format: "load (compose + schema binding):        %7.3f ms", load))

let rules = try RuleSet.load(directory: root.appendingPathComponent("Rules").path)
let plan = try PlanLoader.load(bytes: bytes, file: planPath)
let check = measure(100) { _ = rules.check(plan) }
print(String(format: "check (all %d rules, one plan):         %7.3f ms", rules.rules.count, check))

// The costliest rules, one at a time (where to look when the total grows).
var perRule: [(String, Double)] = []
for rule in rules.rules {
    let ms = measure(30) { _ = rules.check(plan, only: [rule.id]) }
    perRule.append((rule.id, ms))
}
print("costliest rules:", perRule.sorted { $0.1 > $1.1 }.prefix(8).map { String(format: "%@ %.3f ms", $0.0, $0.1) }.joined(separator: ", "))

// Batch throughput as `planlint check` runs it: load and check, one plan per task, all cores.
let count = 2000
let t0 = DispatchTime.now().uptimeNanoseconds
DispatchQueue.concurrentPerform(iterations: count) { _ in
    let p = try! PlanLoader.load(bytes: bytes, file: planPath)
    _ = rules.check(p)
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
print(String(format: "batch: %d plans in %.2f s = %.0f plans/s on %d cores (target: 1000 plans/s on 2 cores)",
             count, seconds, Double(count) / seconds, ProcessInfo.processInfo.activeProcessorCount))
