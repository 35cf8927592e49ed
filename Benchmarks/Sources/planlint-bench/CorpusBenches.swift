// Many different plans: the generated corpus checked in process and through the real command line.
import Dispatch
import Foundation
import PlanModel
import RuleEngine

/// The cores this machine has (the batch runs use them all).
let cores = ProcessInfo.processInfo.activeProcessorCount

let corpusBench = Bench(name: "corpus", summary: "in process: read, load and check every generated plan, all cores (no report)", byDefault: true) { c in
    let rules = c.rules
    for count in c.options.counts {
        let dir = try c.corpus(count)
        let files = try PlanCorpus.files(in: dir)
        let findings = LockedCounter()
        let t0 = DispatchTime.now().uptimeNanoseconds, cpu0 = cpuSeconds()
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            guard let plan = try? PlanLoader.load(path: files[i]) else { return }
            findings.add(rules.check(plan).count)
        }
        let s = seconds(since: t0), cpu = cpuSeconds() - cpu0
        print(String(format: "in process, %5d plans: %6.2f s = %5.0f plans/s; CPU %.2f ms a plan (%.0f plans/s on %d idle cores); %d findings; peak RSS so far %.0f MB",
                     count, s, Double(count) / s, cpu * 1e3 / Double(count), Double(count) / cpu * Double(cores), cores,
                     findings.value, peakRSSMegabytes()))
    }
}

let cliBench = Bench(name: "cli", summary: "`planlint check FOLDER --format json -o FILE` as a subprocess: wall time and peak RSS", byDefault: true) { c in
    let binary = c.options.planlint ?? c.root.appendingPathComponent(".build/release/planlint").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        print("no binary at \(binary): build it with `swift build -c release` (or pass --planlint BINARY); skipped")
        return
    }
    print("binary: \(binary)")
    for count in c.options.counts {
        let dir = try c.corpus(count)
        // The report goes to a file beside the corpus: `-o /dev/null` would have the atomic
        // writer rename its temporary file over /dev/null.
        let report = c.scratchFile("report-\(count).json")
        let errors = c.scratchFile("stderr-\(count).txt")
        let r = try Subprocess.run([binary, "check", dir.path, "--format", "json", "-o", report.path, "--rules", c.rulesPath],
                                   stdout: "/dev/null", stderr: errors.path)
        let size = (try? FileManager.default.attributesOfItem(atPath: report.path)[.size] as? Int) ?? 0
        let cpu = r.userSeconds + r.systemSeconds
        print(String(format: "cli, %5d plans: %6.2f s = %5.0f plans/s; CPU %.2f ms a plan (%.0f plans/s on %d idle cores); peak RSS %.0f MB; exit %d; report %.1f MB",
                     count, r.seconds, Double(count) / r.seconds, cpu * 1e3 / Double(count), Double(count) / cpu * Double(cores), cores,
                     r.maxRSSMegabytes, r.status, Double(size) / 1e6))
        if r.status != 0 && r.status != 1 {
            let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            print("  stderr: " + text.split(separator: "\n").prefix(3).joined(separator: "\n  "))
        }
        try? FileManager.default.removeItem(at: report)
        try? FileManager.default.removeItem(at: errors)
    }
}

/// For profilers: load and check the first corpus on one thread, e.g. one rule's cost as the
/// difference of two runs under `perf stat`:
///   perf stat -r 5 planlint-bench profile --counts 1000 --keep DIR --only EXAMPLE-TEXT   (and --only NONE)
/// or its instructions under callgrind (valgrind cannot read this binary's debug information with
/// Swift 6.3: strip a copy first, `strip -g`):
///   valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*11profileLoop*' ./planlint-bench profile --counts 30 --only RULE
let profileLoopBench = Bench(name: "profile", summary: "one thread: load and check each plan of the first count (for perf; not run by default)", byDefault: false) { c in
    let rules = c.rules
    let dir = try c.corpus(c.options.counts.first ?? 100)
    let files = try PlanCorpus.files(in: dir).map { ($0, [UInt8](FileManager.default.contents(atPath: $0)!)) }
    let t0 = DispatchTime.now().uptimeNanoseconds
    let total = profileLoop(rules, files, only: c.options.only)
    let s = seconds(since: t0)
    print(String(format: "one thread, %d plans: %.2f s = %.2f ms per plan, %d findings", files.count, s, s * 1e3 / Double(files.count), total))
}

@inline(never)
func profileLoop(_ rules: RuleSet, _ files: [(String, [UInt8])], only: Set<String>?) -> Int {
    var total = 0
    for (path, bytes) in files {
        guard let plan = try? PlanLoader.load(bytes: bytes, file: path) else { continue }
        total += rules.check(plan, only: only).count
    }
    return total
}

/// A counter several threads add to.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add(_ k: Int) { lock.lock(); n += k; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
