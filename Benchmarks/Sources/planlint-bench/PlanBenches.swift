// One plan at a time: parsing, loading, checking, and the single-plan batch loop.
// Measured against the alternatives the issues name: Yams' `compose` and libyaml's bare event
// parse (the batch issue's "floor": 0.7 ms for the 36 KB example plan when measured for it), and
// whole-plan checking throughput against the batch target of 1,000 plans per second on 2 cores.
import CYAML
import Dispatch
import Foundation
import PlanModel
import RuleEngine
import Yams

let composeBench = Bench(name: "compose", summary: "YAML to a node tree: the block reader, libyaml + our composer, Yams.compose; libyaml's bare event parse", byDefault: true) { c in
    let text = String(decoding: c.planBytes, as: UTF8.self)
    let bare = try measure(200) { try libyamlEvents(c.planBytes) }
    let block = try measure(200) { _ = try YAMLComposer.compose(c.planBytes, reader: .block) }
    let libyaml = try measure(200) { _ = try YAMLComposer.compose(c.planBytes, reader: .libyaml) }
    let yams = try measure(50) { _ = try Yams.compose(yaml: text) }
    print(String(format: "libyaml's bare event parse (no nodes):   %7.3f ms", bare))
    print(String(format: "compose, the block reader (the default): %7.3f ms  (%.1fx faster than libyaml's bare parse)", block, bare / block))
    print(String(format: "compose, libyaml events + our composer:  %7.3f ms", libyaml))
    print(String(format: "compose, Yams.compose:                   %7.3f ms  (%.1fx the block reader)", yams, yams / block))
}

/// Every libyaml event of `bytes`, made and deleted: the cost of libyaml's parse alone.
func libyamlEvents(_ bytes: [UInt8]) throws {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { throw BenchError("libyaml: out of memory") }
    defer { yaml_parser_delete(&parser) }
    try bytes.withUnsafeBufferPointer { b in
        yaml_parser_set_input_string(&parser, b.baseAddress, b.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw BenchError("libyaml: the plan does not parse") }
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            if done { return }
        }
    }
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
