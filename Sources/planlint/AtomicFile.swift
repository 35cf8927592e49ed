import Foundation

/// Writes output files whole or not at all: to a temporary file in the target folder, then renamed.
enum AtomicFile {
    static func write(_ text: String, to path: String, inputs: [String]) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == target {
            throw Failure("\(path): refusing to overwrite an input file with the report")
        }
        // A device or a pipe (/dev/null, /dev/stdout) is written straight into: renaming over it would replace it.
        var st = stat()
        if stat(target.path, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG, (st.st_mode & S_IFMT) != S_IFDIR {
            guard let handle = FileHandle(forWritingAtPath: target.path) else { throw Failure("\(path): cannot write the report") }
            handle.write(Data(text.utf8))
            handle.closeFile()
            return
        }
        let dir = target.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        do {
            try Data(text.utf8).write(to: tmp)
            if rename(tmp.path, target.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: tmp)
                throw Failure("\(path): cannot write the report: \(reason)")
            }
        } catch let f as Failure {
            throw f
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw Failure("\(path): cannot write the report: \(error.localizedDescription)")
        }
    }
}
