import Dispatch
import Foundation
import PlanModel
import RuleEngine

/// One section of the benchmarks: a name to select it by, a line saying what it measures, and the run.
struct Bench {
    let name: String
    let summary: String
    /// Run when no section is named on the command line.
    let byDefault: Bool
    let run: (BenchContext) throws -> Void

    /// Every section, in the order a full run prints them. Add new sections here.
    static let all: [Bench] = [
        composeBench, loadBench, checkBench, costliestRulesBench, repeatBatchBench,
        corpusBench, cliBench, workbookBench, profileLoopBench,
    ]

    static func named(_ name: String) throws -> Bench {
        guard let b = all.first(where: { $0.name == name }) else {
            throw BenchError("no section '\(name)'; the sections are: \(all.map(\.name).joined(separator: ", "))")
        }
        return b
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// The command line: which sections, which plan, how many plans in the batch runs, which binary.
struct BenchOptions {
    var sections: [String] = []
    var plan: String?
    var counts: [Int] = [1_000, 10_000]
    var planlint: String?
    var keepCorpus: String?
    var only: Set<String>?
    var help = false

    static let usage = """
        usage: planlint-bench [SECTION...] [--plan FILE] [--counts N,N...] [--planlint BINARY] [--keep DIR]

        sections (all but `profile` by default):
        \(Bench.all.map { "  \($0.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

        --plan FILE         the plan timed by compose, load, check, rules and batch (default: Samples/complete/northmoor.yaml)
        --counts N,N        batch sizes for corpus and cli (default: 1000,10000); profile uses the first
        --planlint BINARY   the release binary cli runs (default: .build/release/planlint; build it with `swift build -c release`)
        --only RULE,RULE    profile: check only these rules (to count one rule's instructions)
        --keep DIR          write the generated plans under DIR and keep them, and reuse them in later runs
                    (default: a temporary folder, removed after)
        """

    static func parse(_ args: [String]) throws -> BenchOptions {
        var o = BenchOptions()
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw BenchError("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--plan": o.plan = try value()
            case "--planlint": o.planlint = try value()
            case "--keep": o.keepCorpus = try value()
            case "--only": o.only = Set(try value().split(separator: ",").map(String.init))
            case "--counts":
                let v = try value()
                o.counts = try v.split(separator: ",").map {
                    guard let n = Int($0), n > 0 else { throw BenchError("--counts: '\($0)' is not a positive number") }
                    return n
                }
            case "-h", "--help": o.help = true
            case let s where s.hasPrefix("-"): throw BenchError("unknown option \(s)")
            case let s: o.sections.append(s)
            }
            i += 1
        }
        return o
    }
}

/// What the sections share: the repository root, the timed plan, the rules (loaded once) and the generated corpora.
final class BenchContext {
    let options: BenchOptions
    let root: URL
    let planPath: String
    let planBytes: [UInt8]
    private(set) lazy var rules: RuleSet = try! RuleSet.load(directory: rulesPath)
    var rulesPath: String { root.appendingPathComponent("Rules").path }
    private var corpora: [Int: URL] = [:]
    private var temporary: URL?

    init(_ options: BenchOptions) throws {
        self.options = options
        // Sources/planlint-bench/Bench.swift → the Benchmarks folder → the repository root.
        root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        planPath = options.plan ?? root.appendingPathComponent("Samples/complete/northmoor.yaml").path
        guard let data = FileManager.default.contents(atPath: planPath) else { throw BenchError("cannot read \(planPath)") }
        planBytes = [UInt8](data)
    }

    deinit {
        if let temporary { try? FileManager.default.removeItem(at: temporary) }
    }

    /// A folder of `count` generated plans (made once per count, see `PlanCorpus`).
    func corpus(_ count: Int) throws -> URL {
        if let dir = corpora[count] { return dir }
        let parent: URL
        if let keep = options.keepCorpus {
            parent = URL(fileURLWithPath: keep)
        } else {
            if temporary == nil {
                temporary = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-bench-\(getpid())")
            }
            parent = temporary!
        }
        let dir = parent.appendingPathComponent("plans-\(count)")
        if options.keepCorpus != nil, (try? PlanCorpus.files(in: dir).count) == count {
            print("  (reusing the \(count) plans in \(dir.path))")
            corpora[count] = dir
            return dir
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let bytes = try PlanCorpus(samples: root.appendingPathComponent("Samples")).write(count: count, to: dir)
        print(String(format: "  (generated %d plans, %.0f MB, in %.1f s: %@)", count, Double(bytes) / 1e6,
                     seconds(since: t0), dir.path))
        corpora[count] = dir
        return dir
    }

    /// Where the cli section writes reports: beside the corpora, never inside one.
    func scratchFile(_ name: String) -> URL {
        let parent = options.keepCorpus.map { URL(fileURLWithPath: $0) } ?? temporary ?? FileManager.default.temporaryDirectory
        return parent.appendingPathComponent(name)
    }
}

// MARK: - Timing

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

func seconds(since t0: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9 }

/// Runs `body` `rounds` times after a warm-up and returns the median milliseconds per run.
func measure(_ rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<3 { try body() }
    var samples: [Double] = []
    for _ in 0..<rounds {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(seconds(since: t0) * 1e3)
    }
    return median(samples)
}

/// CPU time (user + system) this process has used so far, in seconds: steadier than wall time on a shared machine.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// The process's peak resident set so far, in MB (Linux reports ru_maxrss in KB).
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_maxrss) / 1024
}
