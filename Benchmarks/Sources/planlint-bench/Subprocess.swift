import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and reports what `/usr/bin/time -v` would: wall time, CPU time and peak RSS (from wait4's rusage).
enum Subprocess {
    struct Result {
        var status: Int32
        var seconds: Double
        var userSeconds: Double
        var systemSeconds: Double
        /// ru_maxrss of the child: the largest resident set it reached (Linux reports KB).
        var maxRSSMegabytes: Double
    }

    /// Runs `argv` (argv[0] a path) with standard output and error sent to files, and waits for it.
    static func run(_ argv: [String], stdout: String, stderr: String) throws -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let t0 = DispatchTime.now().uptimeNanoseconds
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        guard rc == 0 else { throw BenchError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4: \(String(cString: strerror(errno)))") }
        }
        let wall = seconds(since: t0)
        func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        // WIFEXITED / WEXITSTATUS are macros; spelled out: exited when the low 7 bits are 0.
        let exit = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exit, seconds: wall, userSeconds: secs(usage.ru_utime), systemSeconds: secs(usage.ru_stime),
                      maxRSSMegabytes: Double(usage.ru_maxrss) / 1024)
    }
}
