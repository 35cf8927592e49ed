import Foundation
import Reports
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A report file being written: a temporary file in the target's folder, renamed over the target only
/// when the report is complete, so a reader never sees half a report.
final class PendingFile {
    let path: String
    let target: URL
    let temporary: URL
    private(set) var fd: Int32
    /// A target that is a device or a pipe (`/dev/null`, `/dev/stdout`) is written straight into:
    /// renaming a file over it would replace it.
    let direct: Bool

    /// Opens the temporary file; refuses a target that is one of the inputs.
    init(_ path: String, inputs: [String]) throws {
        self.path = path
        try ReportOutputs.refuseInput(path, inputs: inputs)
        target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        var st = stat()
        direct = stat(target.path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG && (st.st_mode & S_IFMT) != S_IFDIR
        fd = direct ? open(target.path, O_WRONLY | O_CLOEXEC) : open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw Failure("\(path): cannot write the report: " + String(cString: strerror(errno))) }
    }

    /// Closes the temporary file and renames it over the target.
    func commit() throws {
        let closed = close(fd) == 0
        fd = -1
        if direct {
            if !closed { throw Failure("\(path): cannot write the report: " + String(cString: strerror(errno))) }
            return
        }
        if !closed || rename(temporary.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw Failure("\(path): cannot write the report: \(reason)")
        }
    }

    /// Removes the temporary file, leaving the target as it was.
    func abandon() {
        if fd >= 0 { close(fd); fd = -1 }
        if !direct { unlink(temporary.path) }
    }
}

/// The reports of one run, open for writing: each format's stream to standard output or to a pending file.
final class ReportOutputs {
    private var streams: [(target: OutputTarget, stream: ReportStream, file: PendingFile?)] = []
    private var terminalOutput: TextOutput?
    /// Whether a report goes to standard output and that is a terminal (where it is shown as it is written).
    var writesToTerminal: Bool { terminalOutput != nil }

    /// Opens every target (so a report that cannot be written stops the run before any plan is checked).
    init(_ targets: [OutputTarget], header: ReportHeader, inputs: [String], colourOnTerminal: Bool) throws {
        do {
            for t in targets {
                if t.format == .xlsx, let path = t.path {
                    try Self.refuseInput(path, inputs: inputs)
                    streams.append((t, try ReportFormats.workbookStream(path: path), nil))
                    continue
                }
                let file = try t.path.map { try PendingFile($0, inputs: inputs) }
                let output = TextOutput(fileDescriptor: file?.fd ?? STDOUT_FILENO)
                if file == nil, isatty(STDOUT_FILENO) != 0 { terminalOutput = output }
                streams.append((t, ReportFormats.textStream(t.format, to: output, colour: file == nil && colourOnTerminal), file))
            }
            for s in streams { try s.stream.begin(header) }
        } catch {
            abandon()
            throw error
        }
    }

    /// Hands one input's outcome to every report.
    func add(_ outcome: FileOutcome) throws {
        for s in streams { try write(s.target) { try s.stream.add(outcome) } }
        if let terminal = terminalOutput {
            do { try terminal.flush() } catch let e as ReportWriteError { throw Failure("standard output: \(e.message)") }
        }
    }

    /// Ends every report and puts each file in place.
    func finish(exitCode: Int32) throws {
        do {
            for s in streams {
                try write(s.target) { try s.stream.finish(exitCode: exitCode) }
                try s.file?.commit()
            }
        } catch {
            abandon()
            throw error
        }
    }

    /// Removes the temporary files of reports not yet in place.
    func abandon() {
        for s in streams { s.file?.abandon() }
    }

    private func write(_ target: OutputTarget, _ body: () throws -> Void) throws {
        do { try body() } catch let e as ReportWriteError {
            throw Failure("\(target.path ?? "standard output"): \(e.message)")
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure("\(target.path ?? "standard output"): cannot write the report: \(error)")
        }
    }

    static func refuseInput(_ path: String, inputs: [String]) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        if inputs.contains(where: { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath() == target }) {
            throw Failure("\(path): refusing to overwrite an input file with the report")
        }
    }
}
