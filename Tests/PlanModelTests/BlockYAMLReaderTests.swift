import Foundation
import XCTest
import TestSupport
@testable import PlanModel

/// The block reader against libyaml: whenever the block reader accepts a text, the document must be
/// the very one libyaml's events build (every node, value, style, line and column), and libyaml
/// must accept the text too. Checked on every YAML file in the project, on hand-written cases, and
/// on thousands of seeded mutations of the sample plans (`PLANLINT_YAML_MUTATIONS` for more).
final class BlockYAMLReaderTests: XCTestCase {
    /// Every node and value of a document, in order, as text (so two documents compare as strings
    /// and a difference shows where it is).
    static func dump(_ d: YAMLDocument?) -> String {
        guard let d else { return "(no document)" }
        var out = "root \(d.root)\n"
        for (k, n) in d.nodes.enumerated() {
            out += "\(k): \(n.kind) \(n.style) @\(n.line):\(n.column) start \(n.start) count \(n.count) tag \(n.tag) size \(n.expandedSize)"
            if n.kind == .scalar { out += " \(d.scalars[Int(n.start)].debugDescription)" }
            out += "\n"
        }
        return out + "children \(d.children)\ntags \(d.tags)\n"
    }

    enum Outcome { case accepted, declined }

    /// Reads `bytes` both ways; fails the test when the block reader accepts a text and the two
    /// differ (or libyaml refuses it).
    @discardableResult
    func compare(_ bytes: [UInt8], _ what: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line) -> Outcome {
        let block = try? YAMLComposer.document(bytes, reader: .block)
        guard let block else { return .declined }
        let libyaml: YAMLDocument?
        do {
            libyaml = try YAMLComposer.document(bytes, reader: .libyaml)
        } catch {
            XCTFail("\(what()): the block reader accepted a text libyaml refuses (\(error)):\n\(String(decoding: bytes, as: UTF8.self))", file: file, line: line)
            return .accepted
        }
        let a = Self.dump(libyaml), b = Self.dump(block)
        if a != b {
            let diff = zip(a.split(separator: "\n"), b.split(separator: "\n")).first { $0 != $1 }
            XCTFail("\(what()): the documents differ; first difference: libyaml \(diff.map { String($0.0) } ?? "?") / block \(diff.map { String($0.1) } ?? "?")\ntext:\n\(String(decoding: bytes, as: UTF8.self))",
                    file: file, line: line)
        }
        return .accepted
    }

    func accepts(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = Array(text.utf8)
        if compare(bytes, text, file: file, line: line) == .declined {
            let why = bytes.withUnsafeBufferPointer { BlockYAMLReader.declineReason($0) } ?? "?"
            XCTFail("the block reader declined (\(why)):\n\(text)", file: file, line: line)
        }
    }

    func declines(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(compare(Array(text.utf8), text, file: file, line: line), .declined, "the block reader accepted:\n\(text)", file: file, line: line)
    }

    static var root: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { dir.deleteLastPathComponent() }
        return dir
    }

    /// The YAML files of the project and the shared example.
    static func projectYAML() -> [URL] {
        let fm = FileManager.default
        var out: [URL] = []
        for folder in ["Samples", "Rules", "Templates", "../shared/examples"] {
            guard let e = fm.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in e where ["yaml", "yml"].contains(url.pathExtension) { out.append(url) }
        }
        return out.sorted { $0.path < $1.path }
    }

    // MARK: - Real files

    func testEveryProjectYAMLFileReadsAlikeAndPlansTakeTheFastPath() throws {
        let files = Self.projectYAML()
        XCTAssertGreaterThan(files.count, 30)
        var accepted: [String] = []
        for url in files {
            let bytes = [UInt8](try Data(contentsOf: url))
            if compare(bytes, url.path) == .accepted { accepted.append(url.lastPathComponent) }
        }
        // The plans people write (and every sample that is valid YAML) take the fast path.
        for plan in ["northmoor.yaml", "minimal.yaml", "ashcombe-not-signed.yaml", "eastvale-missing-items.yaml", "hallowmere-format-errors.yaml"] {
            XCTAssertTrue(accepted.contains(plan), "\(plan) was not read by the block reader")
        }
    }

    // MARK: - What it reads

    func testMappingsSequencesAndEmptyValues() {
        accepts("a: 1\nb:\n  c: x\n  d:\ne: [1, 2]\n")
        accepts("list:\n- a\n- b\nnext: 1\n")                    // a sequence at its key's indentation
        accepts("list:\n  - a\n  -\n  - c\nafter:\n")            // an empty entry, an empty last value
        accepts("list:\n- name: x\n  code: y\n-   name: z\n    code: w\n")
        accepts("k:\n-\n  a: 1\n- \n")
        accepts("a:\n  b:\n    c:\n      d: deep\n  e: 1\nf: 2")   // no final line break
        accepts("a: 1 # a comment\n# a line comment\n   # indented comment\nb: 'x' # after quotes\nc: [x, y] # after a list\n")
        accepts("\n\n# leading comment\na: 1\n\n\n")
        accepts("a:\n\n  b: 1\n\n  c: 2\n")
    }

    func testPlainScalars() {
        accepts("a: http://example.org/x?y=1#frag\nb: C#, F# and 10:30\nc: -5\nd: 2014/15\ne: ~\nf: null\ng: .5\nh: x-y\n")
        accepts("summary: one line\n  and the next\n    and an indented one\nb: 1\n")
        accepts("summary: one\n\n  after a blank line\n\n\n  after two\nb: 1\n")
        accepts("summary: trailing spaces   \n  next line   \nb: 1\n")
        accepts("summary: ends at a comment\n  # not part of it\nb: 1\n")
        accepts("summary: text # a comment\nb: 1\n")
        accepts("list:\n- item that\n  goes on\n- text with [brackets] {braces}, commas\n")
        accepts("x:\n  - y: one\n      two\n    z: 3\n")
        accepts("a: café — naïve ☕ text\nb: \u{1F600} emoji\nc: [é, ü, x]\n")
        accepts("a: 'x'\nb: \"y\"\nc: it's\nd: say \"hi\"\n")
    }

    func testQuotedScalars() {
        accepts("a: 'it''s'\nb: ''\nc: '  spaced  '\nd: '# not a comment: really'\n")
        accepts("a: 'one\n  two\n\n  three   \n    four'\nb: 1\n")
        accepts("a: \"tab\\there\\nnew \\\"q\\\" \\\\ \\/ \\u00e9 \\u2603\"\nb: \"\"\n")
        accepts("a: [\"x, y\", 'z]', plain]\nb: []\nc: [ spaced ,  items ]\n")
    }

    func testColumnsCountCharactersNotBytes() {
        accepts("a: [ééé, x]\nb: 'ü\n  y'\nc:\n- ☕ x\n")
    }

    // MARK: - What it leaves to libyaml

    func testDeclinesWhatLibyamlShouldRead() {
        for text in [
            "a: &x 1\nb: *x\n", "a: !tag x\n", "a: |\n  block\n", "a: >\n  folded\n", "a: {b: 1}\n",
            "---\na: 1\n", "%YAML 1.2\n---\na: 1\n", "? complex\n: key\n", "'quoted key': 1\n",
            "a:\tb\n", "a: 1\r\nb: 2\r\n", "a: x\u{85}y\n", "a: x\u{2028}y\n", "- top\n- list\n",
            "a: \"multi\n  line\"\n", "a: [x,\n  y]\n", "a: [x, [y]]\n", "a: [x, ]\n", "key with space: 1\n",
            "a:\n  text below its key\n", "a: b: c\n", "a: x\n  b: y\n", "  a: indented root\n", "a: 'open\n",
            "a: \"\\x41\"\n", "a: \"\\ud800\"\n", "a: @x\n", "a: `x\n", "a: ?x\n", "a: x\n b: y\n", "just a scalar\n", "",
            "# only a comment\n", "a: 1\n...\n", "a: \u{7F}\n", "a: \u{FEFF}x\n", "s:\n  - - x\n", "é: 1\n",
        ] {
            declines(text)
        }
    }

    /// The character check (`TextCheck.validate`'s result), eight bytes at a time: each character left
    /// to libyaml is found at every offset within a word, and what the reader reads passes.
    func testPrintableCheckAtEveryOffset() throws {
        func check(_ bytes: [UInt8]) throws -> Bool { try bytes.withUnsafeBufferPointer { try TextCheck.validate($0, offsetInFile: 0) } }
        let refused: [[UInt8]] = [[0x00], [0x09], [0x0D], [0x1F], [0x7F], [0xC2, 0x85], [0xC2, 0x9F], [0xE2, 0x80, 0xA8],
                                  [0xE2, 0x80, 0xA9], [0xEF, 0xBB, 0xBF], [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF]]
        let allowed: [[UInt8]] = [[0x0A], [0x20], [0x7E], [0xC2, 0xA0], Array("é☕\u{1F600}".utf8), [0xE2, 0x80, 0x94], [0xEF, 0xBF, 0xBD]]
        for offset in 0..<17 {
            let pad = [UInt8](repeating: 0x61, count: offset), tail = [UInt8](repeating: 0x62, count: 19)
            for r in refused where r != [0x00] { XCTAssertFalse(try check(pad + r + tail), "\(r) at \(offset)") }
            for a in allowed { XCTAssertTrue(try check(pad + a + tail), "\(a) at \(offset)") }
            XCTAssertThrowsError(try check(pad + [0x00] + tail), "NUL at \(offset)")
            // Line feeds beside a refused character in the same word do not hide it.
            XCTAssertFalse(try check(pad + [0x0A, 0x09, 0x0A] + tail), "tab between line feeds at \(offset)")
            XCTAssertTrue(try check(pad + [0x0A, 0x0A, 0x20, 0x0A] + tail), "line feeds at \(offset)")
        }
    }

    // MARK: - Mutations

    /// Seeded edits of the sample plans: characters YAML cares about inserted or deleted, lines
    /// duplicated, re-indented or joined. Whatever the block reader accepts must read alike.
    func testMutatedPlansReadAlike() throws {
        let rounds = ProcessInfo.processInfo.environment["PLANLINT_YAML_MUTATIONS"].flatMap(Int.init) ?? 2000
        let bases = try Self.projectYAML().filter { $0.path.contains("Samples/") && !$0.path.contains("broken") }
            .map { [UInt8](try Data(contentsOf: $0)) }
        XCTAssertFalse(bases.isEmpty)
        let pieces: [[UInt8]] = [" ", "  ", "\n", "\n\n", ": ", ":", "- ", "-", "#", " #", "'", "''", "\"", "\\", "\\n", "\\u00e9",
                                 "[", "]", ", ", "{", "}", "\t", "\r", "&a ", "*a", "!t ", "|", ">", "---\n", "...", "é", "\u{85}",
                                 "?", "%", "@", "x: y", "\n- ", "\n  - z\n", "~", "  #c\n"].map { Array($0.utf8) }
        var rng = SplitMix(seed: 20141123)
        var accepted = 0
        for round in 0..<rounds {
            var text = bases[Int(rng.next() % UInt64(bases.count))]
            for _ in 0..<(1 + Int(rng.next() % 3)) { Self.mutate(&text, pieces, &rng) }
            if compare(text, "mutation \(round)") == .accepted { accepted += 1 }
        }
        // Enough of them take the fast path for this to test it.
        XCTAssertGreaterThan(accepted, rounds / 4, "only \(accepted) of \(rounds) mutated plans took the fast path")
    }

    static func mutate(_ text: inout [UInt8], _ pieces: [[UInt8]], _ rng: inout SplitMix) {
        guard !text.isEmpty else { return }
        let at = Int(rng.next() % UInt64(text.count))
        // The start of the line `at` is on, and the next line's.
        let start = text[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let end = text[at...].firstIndex(of: 0x0A).map { $0 + 1 } ?? text.count
        switch rng.next() % 6 {
        case 0, 1: text.insert(contentsOf: pieces[Int(rng.next() % UInt64(pieces.count))], at: at)
        case 2: text.removeSubrange(at..<min(text.count, at + 1 + Int(rng.next() % 4)))
        case 3: text.insert(contentsOf: text[start..<end], at: start)                       // a line twice
        case 4: if rng.next() % 2 == 0 { text.insert(contentsOf: [0x20, 0x20], at: start) }  // re-indented
                else if text[start...].starts(with: [0x20]) { text.remove(at: start) }
        default: if end < text.count, end > 0 { text.remove(at: end - 1) }                   // two lines joined
        }
    }
}
