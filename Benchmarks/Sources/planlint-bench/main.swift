// planlint's benchmarks. Each section is a `Bench` in a file of its own; to add one, write the file and
// list it in `Bench.all` (Bench.swift). Run `make bench`, or
//   swift run -c release --package-path Benchmarks planlint-bench [SECTION...] [options]
// `planlint-bench --help` lists the sections and options. Timings are medians; the machine is
// noisy, so compare figures from one run.
import Foundation

do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    if options.help {
        print(BenchOptions.usage)
        exit(0)
    }
    let context = try BenchContext(options)
    let chosen = options.sections.isEmpty ? Bench.all.filter(\.byDefault) : try options.sections.map(Bench.named)
    print("plan: \(context.planPath) (\(context.planBytes.count) bytes); \(ProcessInfo.processInfo.activeProcessorCount) cores")
    for bench in chosen {
        print("\n== \(bench.name): \(bench.summary)")
        try bench.run(context)
    }
} catch {
    FileHandle.standardError.write(Data("planlint-bench: \(error)\n".utf8))
    exit(2)
}
