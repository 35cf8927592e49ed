#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `write(2)`, under a name the outputs' own `write` methods do not hide.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }

/// Why a report could not be written (a full disk, a closed pipe…).
public struct ReportWriteError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in words.
    public let message: String
    /// An error with this message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// Where a text report goes: kept in memory, or written through a 64 KiB buffer to a file descriptor.
public final class TextOutput {
    private let fd: Int32?
    private var buffer: [UInt8] = []
    private var failure: ReportWriteError?
    static let chunk = 1 << 16

    /// An output kept in memory; `text` holds what was written.
    public init() { fd = nil }

    /// An output written to `fileDescriptor` (which the caller opens and closes).
    public init(fileDescriptor: Int32) {
        fd = fileDescriptor
        buffer.reserveCapacity(Self.chunk)
    }

    /// Appends text (UTF-8).
    public func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if fd != nil, buffer.count >= Self.chunk { drain() }
    }

    /// Appends bytes as they are.
    public func write<C: Collection>(bytes: C) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if fd != nil, buffer.count >= Self.chunk { drain() }
    }

    /// Writes out what is buffered; throws the first write error this output met.
    public func flush() throws {
        drain()
        if let failure { throw failure }
    }

    /// What was written, for an output kept in memory.
    public var text: String { String(decoding: buffer, as: UTF8.self) }

    private func drain() {
        guard let fd, !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = ReportWriteError("cannot write the report: " + String(cString: strerror(errno)))
                return
            }
            offset += n
        }
    }
}

/// Text a report writes now but outputs later, after totals it cannot know yet: in memory while
/// small, then in an anonymous temporary file, so a run of any size keeps memory flat.
public final class DeferredText {
    private var buffer: [UInt8] = []
    private var file: UnsafeMutablePointer<FILE>?
    private var failure: ReportWriteError?
    /// Bytes kept in memory before the text moves to a temporary file.
    let limit: Int

    /// Deferred text kept in memory up to `memoryLimit` bytes.
    public init(memoryLimit: Int = 4 << 20) { limit = memoryLimit }

    deinit { if let file { fclose(file) } }

    /// Appends text (UTF-8).
    public func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= limit { spill() }
    }

    /// Copies everything written so far to `out`, then forgets it.
    public func drain(into out: TextOutput) throws {
        if let file {
            spill()
            if let failure { throw failure }
            rewind(file)
            var chunk = [UInt8](repeating: 0, count: TextOutput.chunk)
            while true {
                let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
                if n > 0 { out.write(bytes: chunk[0..<n]) }
                if n < chunk.count { break }
            }
            if ferror(file) != 0 { throw ReportWriteError("cannot read back the report's temporary file") }
            fclose(file)
            self.file = nil
        } else {
            out.write(bytes: buffer)
        }
        buffer.removeAll()
    }

    private func spill() {
        if file == nil {
            file = tmpfile()
            if file == nil { failure = ReportWriteError("cannot create a temporary file for the report: " + String(cString: strerror(errno))) }
        }
        guard let file, failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        let n = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if n != buffer.count { failure = ReportWriteError("cannot write the report's temporary file: " + String(cString: strerror(errno))) }
        buffer.removeAll(keepingCapacity: true)
    }
}
