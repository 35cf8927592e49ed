import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

// The contract's exit statuses: 0 clean, 1 findings at or above the fail level, 2 could not do the job.
// swift-argument-parser uses 64 for bad arguments; planlint says 2 and one line on stderr.
do {
    var command = try Planlint.parseAsRoot()
    try command.run()
    exit(0)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch let failure as Failure {
    Terminal.stderr("planlint: " + failure.message)
    exit(2)
} catch {
    let status = Planlint.exitCode(for: error)
    if status == .success {
        print(Planlint.fullMessage(for: error))
        exit(0)
    }
    Terminal.stderr("planlint: " + Planlint.message(for: error) + " (see 'planlint --help')")
    exit(2)
}
