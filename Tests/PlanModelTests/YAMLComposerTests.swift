import XCTest
@testable import PlanModel

final class YAMLComposerTests: XCTestCase {
    // MARK: Helpers

    private func compose(_ text: String, limits: YAMLLimits = .default) throws -> YAMLNode? {
        try YAMLComposer.compose(Array(text.utf8), limits: limits)
    }

    /// The error composing `bytes` throws; fails the test when it does not throw.
    private func loadError(_ bytes: [UInt8], limits: YAMLLimits = .default, file: StaticString = #filePath, line: UInt = #line) -> YAMLLoadError? {
        do {
            _ = try YAMLComposer.compose(bytes, limits: limits)
            XCTFail("expected a YAMLLoadError", file: file, line: line)
            return nil
        } catch let e as YAMLLoadError {
            return e
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    private func loadError(_ text: String, limits: YAMLLimits = .default, file: StaticString = #filePath, line: UInt = #line) -> YAMLLoadError? {
        loadError(Array(text.utf8), limits: limits, file: file, line: line)
    }

    /// `shared/examples/northmoor.yaml` in the nearest ancestor of this file that has it.
    private func examplePlan() throws -> [UInt8] {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("shared/examples/northmoor.yaml")
            if let data = FileManager.default.contents(atPath: candidate.path) { return [UInt8](data) }
            dir = dir.deletingLastPathComponent()
        }
        throw XCTSkip("shared/examples/northmoor.yaml not found above \(#filePath)")
    }

    // MARK: Documents

    func testExamplePlanComposes() throws {
        let root = try XCTUnwrap(YAMLComposer.compose(try examplePlan()))
        XCTAssertEqual(root[at: "format"]?.scalar, "srg-plan/1")
        let name = try XCTUnwrap(root[at: "srg"]?[at: "name"])
        XCTAssertEqual(name.scalar, "Northmoor System Resilience Group")
        XCTAssertEqual(name.location, .text(line: 3, column: 9))
        let submitted = try XCTUnwrap(root[at: "srg"]?[at: "submitted"])
        guard case .scalar("2014-07-28", .singleQuoted) = submitted.content else { return XCTFail("\(submitted.content)") }
        guard case .sequence(let minimum)? = root[at: "non_elective"]?[at: "minimum"]?.content else { return XCTFail("no minimum list") }
        XCTAssertFalse(minimum.isEmpty)
        XCTAssertEqual(minimum[0][at: "requirement"]?.scalar, "NE01")
        XCTAssertGreaterThan(root.expandedSize, 500)
    }

    func testNestedValueLocations() throws {
        let root = try XCTUnwrap(compose("a:\n  b:\n    - x\n    - {c: 'd'}\n"))
        XCTAssertEqual(root.location, .text(line: 1, column: 1))
        let list = try XCTUnwrap(root[at: "a"]?[at: "b"])
        XCTAssertEqual(list.location, .text(line: 3, column: 5))
        guard case .sequence(let items) = list.content else { return XCTFail() }
        XCTAssertEqual(items[0].location, .text(line: 3, column: 7))
        XCTAssertEqual(items[1].location, .text(line: 4, column: 7))
        XCTAssertEqual(items[1][at: "c"]?.location, .text(line: 4, column: 11))
        XCTAssertEqual(items[1][at: "c"]?.scalar, "d")
    }

    func testColumnsCountCharactersNotBytes() throws {
        let root = try XCTUnwrap(compose("é: [x, ü, y]\nñame: £5\n"))
        guard case .sequence(let items)? = root[at: "é"]?.content else { return XCTFail() }
        XCTAssertEqual(items[2].scalar, "y")
        XCTAssertEqual(items[2].location, .text(line: 1, column: 11))
        XCTAssertEqual(root[at: "ñame"]?.location, .text(line: 2, column: 7))
    }

    func testCRLFLineEndings() throws {
        let root = try XCTUnwrap(compose("a: 1\r\nb:\r\n  c: 2\r\n"))
        XCTAssertEqual(root[at: "b"]?[at: "c"]?.location, .text(line: 3, column: 6))
        XCTAssertEqual(root[at: "b"]?[at: "c"]?.scalar, "2")
    }

    func testExplicitTagsRecorded() throws {
        let root = try XCTUnwrap(compose("a: !replace [1]\nb: !delete x\nc: !!str 5\nd: plain\ne: {k: v}\n"))
        XCTAssertEqual(root[at: "a"]?.tag, "!replace")
        XCTAssertEqual(root[at: "b"]?.tag, "!delete")
        XCTAssertEqual(root[at: "b"]?.scalar, "x")
        XCTAssertEqual(root[at: "c"]?.tag, "tag:yaml.org,2002:str")
        XCTAssertNil(root[at: "d"]?.tag)
        XCTAssertNil(root[at: "e"]?.tag)
        XCTAssertNil(root.tag)
    }

    func testScalarStyles() throws {
        let root = try XCTUnwrap(compose("p: plain\ns: 'single'\nd: \"double\"\nl: |\n  line one\n  line two\nf: >\n  folded\n  text\n"))
        func style(_ key: String) -> YAMLNode.ScalarStyle? {
            if case .scalar(_, let s)? = root[at: key]?.content { return s } else { return nil }
        }
        XCTAssertEqual(style("p"), .plain)
        XCTAssertEqual(style("s"), .singleQuoted)
        XCTAssertEqual(style("d"), .doubleQuoted)
        XCTAssertEqual(style("l"), .literal)
        XCTAssertEqual(style("f"), .folded)
        XCTAssertEqual(root[at: "l"]?.scalar, "line one\nline two\n")
        XCTAssertEqual(root[at: "f"]?.scalar, "folded text\n")
    }

    func testNullDetection() throws {
        let root = try XCTUnwrap(compose("a:\nb: ~\nc: null\nd: 'null'\ne: NULL\nf: \"\"\ng: nil\n"))
        XCTAssertEqual(root[at: "a"]?.isNull, true)
        XCTAssertEqual(root[at: "b"]?.isNull, true)
        XCTAssertEqual(root[at: "c"]?.isNull, true)
        XCTAssertEqual(root[at: "d"]?.isNull, false)
        XCTAssertEqual(root[at: "e"]?.isNull, true)
        XCTAssertEqual(root[at: "f"]?.isNull, false)
        XCTAssertEqual(root[at: "g"]?.isNull, false)
    }

    func testDuplicateKeysAreKept() throws {
        let root = try XCTUnwrap(compose("a: 1\na: 2\n"))
        guard case .mapping(let pairs) = root.content else { return XCTFail() }
        XCTAssertEqual(pairs.map { $0.key.scalar }, ["a", "a"])
        XCTAssertEqual(pairs.map { $0.value.scalar }, ["1", "2"])
        XCTAssertEqual(pairs[1].key.location, .text(line: 2, column: 1))
    }

    func testEmptyAndCommentOnlyStreamsHaveNoDocument() throws {
        XCTAssertNil(try compose(""))
        XCTAssertNil(try compose("\n\n   \n"))
        XCTAssertNil(try compose("# just a comment\n   # and another\n"))
        XCTAssertNil(try YAMLComposer.compose([0xEF, 0xBB, 0xBF]))
    }

    func testExplicitEmptyDocumentIsNull() throws {
        let node = try XCTUnwrap(compose("---\n"))
        XCTAssertTrue(node.isNull)
    }

    func testByteOrderMarkIsStripped() throws {
        let root = try XCTUnwrap(YAMLComposer.compose([0xEF, 0xBB, 0xBF] + Array("a: 1\nb: 2\n".utf8)))
        guard case .mapping(let pairs) = root.content else { return XCTFail() }
        XCTAssertEqual(pairs[0].key.scalar, "a")
        XCTAssertEqual(pairs[0].key.location, .text(line: 1, column: 1))
        XCTAssertEqual(root[at: "b"]?.location, .text(line: 2, column: 4))
    }

    func testJSONInput() throws {
        let json = "{\n\t\"format\": \"srg-plan/1\",\n\t\"srg\": {\n\t\t\"name\": \"X\",\n\t\t\"members\": [\n\t\t\t{\"code\": \"99X\", \"wte\": 0.2},\n\t\t\tnull\n\t\t]\n\t}\n}\n"
        let root = try XCTUnwrap(compose(json))
        XCTAssertEqual(root[at: "format"]?.scalar, "srg-plan/1")
        XCTAssertEqual(root[at: "srg"]?[at: "name"]?.location, .text(line: 4, column: 11))
        guard case .sequence(let members)? = root[at: "srg"]?[at: "members"]?.content else { return XCTFail() }
        XCTAssertEqual(members[0][at: "wte"]?.scalar, "0.2")
        XCTAssertTrue(members[1].isNull)
        guard case .scalar(_, .doubleQuoted)? = root[at: "format"]?.content else { return XCTFail() }
    }

    func testAliasesShareTheAnchoredNode() throws {
        let root = try XCTUnwrap(compose("a: &x {k: v}\nb: *x\n"))
        let a = try XCTUnwrap(root[at: "a"]), b = try XCTUnwrap(root[at: "b"])
        XCTAssertTrue(a === b)
        XCTAssertEqual(a.expandedSize, 3)
        XCTAssertEqual(root.expandedSize, 1 + (1 + 3) + (1 + 3))
    }

    // MARK: Refusals

    func testBinaryGarbageIsRefused() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        XCTAssertEqual(loadError(png)?.message, "not a text file: binary data at byte 9")
        let noise: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x10, 0x4A, 0x46, 0x49, 0x46]
        XCTAssertTrue(loadError(noise)?.message.hasPrefix("not UTF-8 text") ?? false)
    }

    func testNULByteIsRefused() {
        let e = loadError(Array("a: 1\n".utf8) + [0] + Array("b: 2\n".utf8))
        XCTAssertEqual(e?.message, "not a text file: binary data at byte 6")
    }

    func testInvalidUTF8IsRefusedWithPosition() throws {
        let e = try XCTUnwrap(loadError(Array("a: 1\nb: caf".utf8) + [0xE9] + Array("\n".utf8)))
        XCTAssertTrue(e.message.hasPrefix("not UTF-8 text: invalid byte 0xE9"), e.message)
        XCTAssertEqual(e.line, 2)
        XCTAssertEqual(e.column, 7)
        XCTAssertNotNil(loadError([0x61, 0xC0, 0x80]))            // overlong
        XCTAssertNotNil(loadError([0x61, 0xED, 0xA0, 0x80]))      // surrogate
        XCTAssertNotNil(loadError([0x61, 0xF4, 0x90, 0x80, 0x80])) // past U+10FFFF
        XCTAssertNotNil(loadError([0x61, 0xE2, 0x82]))            // truncated
    }

    func testUTF16IsRefused() {
        XCTAssertTrue(loadError([0xFF, 0xFE, 0x61, 0x00])?.message.contains("UTF-16") ?? false)
    }

    func testControlCharacterIsRefused() throws {
        let e = try XCTUnwrap(loadError("a: 1\nb: x\u{07}y\n"))
        XCTAssertTrue(e.message.contains("control characters"), e.message)
        XCTAssertEqual(e.line, 2)
    }

    func testUnclosedQuoteNamesWhereItStarts() throws {
        let e = try XCTUnwrap(loadError("a: 1\nb: 2\nc: 'abc\nd: 4\n"))
        XCTAssertTrue(e.message.contains("quoted scalar that starts at line 3, column 4"), e.message)
        XCTAssertTrue(e.message.hasPrefix("found unexpected end of stream"), e.message)
        XCTAssertEqual(e.line, 5)
    }

    func testSyntaxErrorHasPosition() throws {
        let e = try XCTUnwrap(loadError("a: 1\nb: c: d\n"))
        XCTAssertEqual(e.line, 2)
        XCTAssertEqual(e.column, 5)
        XCTAssertTrue(e.message.contains("mapping values are not allowed"), e.message)
    }

    func testTabIndentationGetsAHint() throws {
        let e = try XCTUnwrap(loadError("a:\n\tb: 1\n"))
        XCTAssertTrue(e.message.contains("tab"), e.message)
        XCTAssertEqual(e.line, 2)
        XCTAssertEqual(e.column, 1)
    }

    func testUndefinedAliasIsRefused() throws {
        let e = try XCTUnwrap(loadError("a: 1\nb: *x\n"))
        XCTAssertTrue(e.message.hasPrefix("unknown anchor 'x'"), e.message)
        XCTAssertEqual(e.line, 2)
        XCTAssertEqual(e.column, 4)
    }

    func testRecursiveAliasIsRefused() throws {
        let e = try XCTUnwrap(loadError("a: &x [1, *x]\n"))
        XCTAssertTrue(e.message.contains("recursive"), e.message)
    }

    func testTwoDocumentsAreRefused() throws {
        let e = try XCTUnwrap(loadError("a: 1\n---\nb: 2\n"))
        XCTAssertEqual(e.message, "more than one YAML document in the file; a plan is one document")
        XCTAssertEqual(e.line, 2)
        XCTAssertNotNil(try compose("---\na: 1\n...\n"))
    }

    func testDepthLimit() throws {
        var limits = YAMLLimits()
        limits.maxDepth = 64
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        XCTAssertNotNil(try compose(ok, limits: limits))
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let e = try XCTUnwrap(loadError(deep, limits: limits))
        XCTAssertTrue(e.message.contains("more than 64 levels deep"), e.message)
        XCTAssertEqual(e.column, 65)
        // A million unclosed brackets fail at the limit, not after reading them all into a tree.
        XCTAssertNotNil(loadError(String(repeating: "[", count: 1_000_000)))
    }

    func testSizeLimit() throws {
        var limits = YAMLLimits()
        limits.maxBytes = 10
        XCTAssertTrue(loadError("a: 12345678", limits: limits)?.message.contains("more than the limit of 10 bytes") ?? false)
        XCTAssertNotNil(try compose("a: 1234567", limits: limits))
    }

    /// Nine levels, each a list of ten aliases to the level before: a billion scalars once expanded.
    private static let billionLaughs: String = {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = Array("abcdefghi")
        for i in 1..<names.count {
            let previous = names[i - 1]
            text += "\(names[i]): &\(names[i]) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text
    }()

    /// The expanded size of `billionLaughs`: each level is 1 + 10 × the level before; each entry adds its key.
    private static let billionLaughsSize: Int = {
        var level = 11, total = 1
        for _ in 0..<9 { total += 1 + level; level = 1 + 10 * level }
        return total
    }()

    func testNodeCapWithoutAliases() throws {
        var limits = YAMLLimits()
        limits.maxExpandedNodes = 5
        XCTAssertNotNil(try compose("[1, 2, 3, 4]", limits: limits))
        let e = try XCTUnwrap(loadError("[1, 2, 3, 4, 5]", limits: limits))
        XCTAssertEqual(e.message, "the document has more than 5 nodes; refusing to read it")
        XCTAssertEqual(e.column, 14)
    }

    /// With the cap lifted, thirty levels of ten aliases (10^30 nodes) must still fail cleanly, not overflow.
    func testExpandedSizeNeverOverflows() throws {
        var limits = YAMLLimits()
        limits.maxExpandedNodes = .max
        var text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...30 { text += "l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        XCTAssertTrue(loadError(text, limits: limits)?.message.contains("billion laughs") ?? false)
    }

    func testBillionLaughsIsRefused() throws {
        let e = try XCTUnwrap(loadError(Self.billionLaughs))
        XCTAssertTrue(e.message.contains("more than 1000000 nodes through aliases"), e.message)
        XCTAssertTrue(e.message.contains("billion laughs"), e.message)
    }

    /// Proves by structure that composing never expands aliases: with the cap lifted the document composes
    /// to a handful of shared nodes standing for over a billion, and the cap is enforced to the exact node.
    func testBillionLaughsIsNeverExpanded() throws {
        var unlimited = YAMLLimits()
        unlimited.maxExpandedNodes = .max
        let root = try XCTUnwrap(compose(Self.billionLaughs, limits: unlimited))
        XCTAssertEqual(root.expandedSize, Self.billionLaughsSize)
        XCTAssertGreaterThan(root.expandedSize, 1_000_000_000)
        guard case .sequence(let top)? = root[at: "i"]?.content else { return XCTFail() }
        XCTAssertEqual(top.count, 10)
        XCTAssertTrue(top.allSatisfy { $0 === root[at: "h"] }, "aliases share one node")

        var exact = YAMLLimits()
        exact.maxExpandedNodes = Self.billionLaughsSize
        XCTAssertNotNil(try compose(Self.billionLaughs, limits: exact))
        exact.maxExpandedNodes -= 1
        XCTAssertNotNil(loadError(Self.billionLaughs, limits: exact))
    }
}

fileprivate extension YAMLNode {
    /// The value of the first key equal to `key` in a mapping (test helper).
    subscript(at key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key.scalar == key }?.value
    }
}
