// One plan at a time: parsing, loading, checking, and the single-plan batch loop.
// Measured against the alternatives the core issue names: Yams' `compose` (6.7 ms for the 36 KB
// example plan when measured for the issue) against libyaml's event parser under our composer
// (0.7 ms for libyaml's bare event parse), and whole-plan checking throughput against the batch
// target of 1,000 plans per second on 2 cores.
import Dispatch
import Foundation
import PlanModel
import RuleEngine
import Yams

let composeBench = Bench(name: "compose", summary: "YAML to a node tree: libyaml events + our composer, against Yams.compose", byDefault: true) { c in
    let text = String(decoding: c.planBytes, as: UTF8.self)
    let ours = try measure(200) { _ = try YAMLComposer.compose(c.planBytes) }
    let yams = try measure(50) { _ = try Yams.compose(yaml: text) }
    print(String(format: "compose, libyaml events + our composer: %7.3f ms", ours))
    print(String(format: "compose, Yams.compose:                  %7.3f ms  (%.1fx ours)", yams, yams / ours))
}

let loadBench = Bench(name: "load", summary: "compose and bind to the plan schema", byDefault: true) { c in
    let load = try measure(200) { _ = try PlanLoader.load(bytes: c.planBytes, file: c.planPath) }
    print(String(format: "load (compose + schema binding):        %7.3f ms", load))
}

let checkBench = Bench(name: "check", summary: "all rules over the loaded plan", byDefault: true) { c in
    let plan = try PlanLoader.load(bytes: c.planBytes, file: c.planPath)
    let rules = c.rules
    let check = measure(100) { _ = rules.check(plan) }
    print(String(format: "check (all %d rules, one plan):         %7.3f ms", rules.rules.count, check))
}

let costliestRulesBench = Bench(name: "rules", summary: "the costliest rules, one at a time (where to look when check grows)", byDefault: true) { c in
    let plan = try PlanLoader.load(bytes: c.planBytes, file: c.planPath)
    let rules = c.rules
    var perRule: [(String, Double)] = []
    for rule in rules.rules {
        let ms = measure(30) { _ = rules.check(plan, only: [rule.id]) }
        perRule.append((rule.id, ms))
    }
    print("costliest rules:", perRule.sorted { $0.1 > $1.1 }.prefix(8).map { String(format: "%@ %.3f ms", $0.0, $0.1) }.joined(separator: ", "))
}

let repeatBatchBench = Bench(name: "batch", summary: "load and check the one plan 2,000 times, one plan per task, all cores", byDefault: true) { c in
    let rules = c.rules, bytes = c.planBytes, path = c.planPath
    let count = 2000
    let t0 = DispatchTime.now().uptimeNanoseconds, cpu0 = cpuSeconds()
    DispatchQueue.concurrentPerform(iterations: count) { _ in
        let p = try! PlanLoader.load(bytes: bytes, file: path)
        _ = rules.check(p)
    }
    let s = seconds(since: t0), cpu = cpuSeconds() - cpu0
    print(String(format: "batch, one plan: %d plans in %.2f s = %.0f plans/s on %d cores (target: 1000 plans/s on 2 cores); CPU %.2f ms a plan (%.0f plans/s on %d idle cores)",
                 count, s, Double(count) / s, cores, cpu * 1e3 / Double(count), Double(count) / cpu * Double(cores), cores))
}
