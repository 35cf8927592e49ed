import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading the input file and telling an .xlsx from what people mistake for one.
enum FileInput {
    /// The whole file at `path`, refusing anything but a regular file of at most `limit` bytes.
    /// Opened non-blocking, so a FIFO or device never hangs the reader.
    static func read(path: String, limit: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            let reason: String
            switch code {
            case ENOENT: reason = "no such file"
            case EACCES: reason = "permission denied"
            case EISDIR: reason = "it is a folder"
            default: reason = String(cString: strerror(code))
            }
            throw XLSXReadError(part: nil, message: "cannot open \(path): \(reason)")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw XLSXReadError(part: nil, message: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file"
            throw XLSXReadError(part: nil, message: "cannot read \(path): it is \(what)")
        }
        let size = Int(info.st_size)
        guard size <= limit else { throw tooLarge(size, limit) }
        var bytes = [UInt8](repeating: 0, count: size)
        var got = 0
        while got < size {
            let n = bytes.withUnsafeMutableBytes { buf in
                systemRead(fd, buf.baseAddress! + got, size - got)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw XLSXReadError(part: nil, message: "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            got += n
        }
        if got < size { bytes.removeSubrange(got...) }
        return bytes
    }

    static func tooLarge(_ size: Int, _ limit: Int) -> XLSXReadError {
        XLSXReadError(part: nil, message: "the file is \(byteSize(size)), more than the \(byteSize(limit)) limit for a workbook")
    }

    /// Refuses input that is not a zip archive, naming what it is when that is easy to tell.
    static func checkSignature(_ b: [UInt8]) throws {
        func fail(_ what: String) -> XLSXReadError { XLSXReadError(part: nil, message: "not an .xlsx file: \(what)") }
        guard !b.isEmpty else { throw fail("the file is empty (0 bytes)") }
        if b.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw fail("it is an encrypted or legacy .xls (OLE) file; open it in Excel and save it as \"Excel Workbook (*.xlsx)\" without a password")
        }
        if b.starts(with: [0x50, 0x4B, 0x03, 0x04]) || b.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return }
        if b.starts(with: [0x50, 0x4B]) { throw fail("it is a split or damaged zip archive") }
        var i = 0
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < b.count && i < 64 && (b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09) { i += 1 }
        let head = String(decoding: b[i ..< min(b.count, i + 256)], as: UTF8.self).lowercased()
        if head.hasPrefix("<?xml") && head.contains("mso-application") { throw fail("it is an Excel 2003 XML spreadsheet") }
        if head.hasPrefix("<html") || head.hasPrefix("<!doctype html") || head.contains("<table") { throw fail("it is a web page (HTML)") }
        if head.hasPrefix("<") { throw fail("it is an XML or HTML file, not a zip archive") }
        if b.starts(with: Array("%PDF".utf8)) { throw fail("it is a PDF") }
        if b.starts(with: [0x1F, 0x8B]) { throw fail("it is a gzip file") }
        throw fail("it is not a zip archive")
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
