import Foundation
import XCTest

/// Running the built `planlint` executable and collecting what it printed.
enum CLI {
    struct NoExecutable: Error {}

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
        /// Everything printed, for failure messages.
        var transcript: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// The package root: three levels above this file (Tests/CLITests/Support.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sample(_ relative: String) -> String { packageRoot.appendingPathComponent("Samples/" + relative).path }

    /// The `planlint` executable built beside the test bundle, whatever the scratch path: the folder of the
    /// running test product (or any folder above it, for layouts that nest the bundle) holding `planlint`.
    static let executable: URL? = {
        var starts: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            starts.append(bundle.bundleURL.deletingLastPathComponent())
        }
        starts.append(Bundle.main.bundleURL)
        if let exe = Bundle.main.executableURL { starts.append(exe.deletingLastPathComponent()) }
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("planlint")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                dir.deleteLastPathComponent()
            }
        }
        for scratch in [".build-tests", ".build"] {
            let candidate = packageRoot.appendingPathComponent("\(scratch)/debug/planlint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    /// Runs `planlint arguments…` (or `program arguments…`) in `directory` with a clean environment (no
    /// PLANLINT_RULES, no NO_COLOR unless given), standard input from `stdin` (a file) or empty, and a
    /// generous time limit.
    static func run(_ arguments: [String], in directory: URL = URL(fileURLWithPath: NSTemporaryDirectory()),
                    environment extra: [String: String] = [:], stdin: URL? = nil, timeout: TimeInterval = 60,
                    program: URL? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        guard let executable = program ?? CLI.executable else {
            XCTFail("cannot find the planlint executable near \(Bundle.main.bundlePath)", file: file, line: line)
            throw NoExecutable()
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let stdoutURL = out.appendingPathComponent("stdout"), stderrURL = out.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL), stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PLANLINT_RULES")
        env.removeValue(forKey: "NO_COLOR")
        env.merge(extra) { _, new in new }
        process.environment = env
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        process.standardInput = try stdin.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle(forReadingAtPath: "/dev/null")

        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            XCTFail("planlint \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) seconds", file: file, line: line)
        }
        try stdoutHandle.close(); try stderrHandle.close()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }

    /// A fresh temporary folder, removed when the test ends.
    static func folder(_ testCase: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    static func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            XCTFail("not a JSON object:\n\(text)", file: file, line: line)
            return [:]
        }
        return object
    }
}
