import Foundation
import XCTest

/// Independent programs that read our reports (Python's jsonschema, junitparser, csv, html.parser, openpyxl;
/// headless Chromium), so every format is checked by code that is not ours.
enum Consumer {
    struct Failed: Error, CustomStringConvertible { let description: String }

    /// A fresh temporary folder, removed when the test ends.
    static func folder(_ testCase: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// Runs a Python script with arguments; returns its standard output, failing with its standard error.
    static func python(_ script: String, _ arguments: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-py-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("check.py")
        try Data(script.utf8).write(to: path)
        let run = try program("/usr/bin/env", ["python3", path.path] + arguments)
        if run.status != 0 {
            XCTFail("python failed (exit \(run.status)):\n\(run.stderr)\n\(run.stdout)", file: file, line: line)
            throw Failed(description: run.stderr)
        }
        return run.stdout
    }

    /// Runs a program to completion, with a time limit.
    static func program(_ path: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> (status: Int32, stdout: String, stderr: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            throw Failed(description: "\(path) \(arguments.joined(separator: " ")) did not finish in \(Int(timeout)) s")
        }
        return (process.terminationStatus, String(decoding: try Data(contentsOf: out), as: UTF8.self),
                String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// Writes `text` to a file in `dir` and returns its path.
    static func write(_ text: String, named name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The JSON a script printed, as an object.
    static func json(_ text: String) throws -> [String: Any] {
        guard let o = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Failed(description: "not a JSON object: \(text)")
        }
        return o
    }
}
