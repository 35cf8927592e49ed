import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A destination written through a temporary file in the same folder and renamed into place.
final class AtomicDestination {
    /// Where the finished file goes.
    let finalPath: String
    /// The temporary file: `.<name>.tmp-<pid>-<n>` beside `finalPath`.
    let tempPath: String
    /// The folder holding both.
    let folder: String
    private var finished = false

    /// Failure injection for tests: called with the stage name ("fsync", "rename") before that step.
    static var testHook: ((String) throws -> Void)?

    private static let counterLock = NSLock()
    private static var counter = 0

    /// Checks the folder and creates the (empty) temporary file, proving it can be written.
    init(path: String) throws {
        guard !path.isEmpty else { throw XLSXError(message: "empty output path") }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let url = URL(fileURLWithPath: absolute).standardizedFileURL
        let name = url.lastPathComponent
        guard !name.isEmpty, name != "/", name != ".", name != "..", !path.hasSuffix("/") else {
            throw XLSXError(message: "output path does not name a file", path: path)
        }
        folder = url.deletingLastPathComponent().path
        finalPath = url.path

        var st = stat()
        guard stat(folder, &st) == 0 else {
            throw XLSXError(message: "cannot write to folder \(folder): \(Self.errnoText())", path: path)
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw XLSXError(message: "cannot write to folder \(folder): not a folder", path: path)
        }
        if stat(finalPath, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw XLSXError(message: "output path is a folder", path: path)
        }
        // Renaming over a device or a pipe (/dev/null as root) would replace it with a file.
        if stat(finalPath, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            throw XLSXError(message: "output path is not a regular file (a device or a pipe); a workbook needs a file", path: path)
        }

        Self.counterLock.lock()
        Self.counter += 1
        let n = Self.counter
        Self.counterLock.unlock()
        tempPath = folder + "/." + name + ".tmp-\(getpid())-\(n)"

        let fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw XLSXError(message: "cannot write to folder \(folder): \(Self.errnoText())", path: path)
        }
        close(fd)
    }

    /// Flushes the written temporary file to disk, renames it over `finalPath` and flushes the folder.
    /// On failure the temporary file is removed and `finalPath` is untouched.
    func commit() throws {
        precondition(!finished)
        finished = true
        do {
            try Self.testHook?("fsync")
            let fd = open(tempPath, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw failure("cannot reopen the written file") }
            let ok = fsync(fd) == 0
            let err = errno
            close(fd)
            guard ok else { errno = err; throw failure("cannot flush the written file") }

            try Self.testHook?("rename")
            guard rename(tempPath, finalPath) == 0 else { throw failure("cannot move the written file into place") }
        } catch {
            unlink(tempPath)
            throw error
        }
        // The file is in place; a failed folder flush is not worth failing for on filesystems without it.
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Removes the temporary file; `finalPath` is untouched.
    func discard() {
        guard !finished else { return }
        finished = true
        unlink(tempPath)
    }

    private func failure(_ what: String) -> XLSXError {
        XLSXError(message: "\(what): \(Self.errnoText())", path: finalPath)
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
