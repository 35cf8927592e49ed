import Foundation
import XCTest
import PlanModel
import RulesDSL

/// Parsing and checking small in-memory rule sources, as `RuleSet.load` does for a folder.
enum DSL {
    struct Result {
        let rules: [CheckedRule]
        let profiles: [CheckedProfile]
        /// Lexer, parser and checker diagnostics, in the order `RuleSet.load` reports them.
        let diagnostics: [Diagnostic]
        let source: String
        let file: String

        /// What `planlint rules check` prints: every diagnostic with excerpt and caret, then the count line.
        var rendered: String { DiagnosticRenderer.renderAll(diagnostics, sources: [file: source]) }
    }

    static func check(_ source: String, file: String = "test.rules", catalogue: Catalogue = .empty) -> Result {
        let (parsed, parseDiagnostics) = Parser.parse(file: file, source: source)
        var checker = Checker(catalogue: catalogue, builtinRuleIDs: LoaderRule.all.map(\.id))
        let (rules, profiles) = checker.check([parsed])
        let all = (parseDiagnostics + checker.diagnostics).sorted(by: diagnosticOrder)
        return Result(rules: rules, profiles: profiles, diagnostics: all, source: source, file: file)
    }

    /// The parsed `expect` expression of a one-rule file whose expect clause is `expression`.
    static func expect(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> Expr? {
        let source = """
        rule T
          expect \(expression)

        """
        let (parsed, diagnostics) = Parser.parse(file: "expr.rules", source: source)
        XCTAssertEqual(diagnostics.map(\.message), [], "parsing '\(expression)'", file: file, line: line)
        XCTAssertEqual(parsed.rules.count, 1, file: file, line: line)
        return parsed.rules.first?.expect
    }

    /// Parser diagnostics for a one-rule file whose expect clause is `expression`.
    static func expectDiagnostics(_ expression: String) -> [Diagnostic] {
        Parser.parse(file: "expr.rules", source: "rule T\n  expect \(expression)\n").1
    }

    /// A folder holding `files` (name → text), deleted when the test case ends.
    static func temporaryFolder(_ files: [String: String], testCase: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("planlint-dsl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }

    /// A catalogue loaded from YAML tables (file name → text) written to a temporary folder.
    static func catalogue(_ tables: [String: String], testCase: XCTestCase) throws -> (Catalogue, [Diagnostic]) {
        let dir = try temporaryFolder(tables, testCase: testCase)
        return Catalogue.load(directory: dir.path, displayPrefix: "catalogue/")
    }
}

/// An expression as a compact S-expression, so parser tests can state the tree's shape in one line.
func sexpr(_ e: Expr?) -> String {
    guard let e else { return "<nil>" }
    switch e {
    case .number(let n, _): return n == n.rounded() ? String(Int(n)) : String(n)
    case .money(_, let written, _): return written
    case .date(_, let written, _): return written
    case .text(let s, _): return "\"\(s)\""
    case .bool(let b, _): return String(b)
    case .name(let n, _): return n
    case .field(let base, let name, _): return sexpr(base) + "." + name
    case .index(let base, let key, _): return sexpr(base) + "[" + sexpr(key) + "]"
    case .call(let f, let args, _): return f + "(" + args.map(sexpr).joined(separator: ", ") + ")"
    case .unary(let op, let x, _): return "(\(op) \(sexpr(x)))"
    case .binary(let op, let l, let r, _): return "(\(op) \(sexpr(l)) \(sexpr(r)))"
    case .predicate(let word, let x, _): return "(\(word) \(sexpr(x)))"
    case .quantifier(let q, let v, let list, let filter, let body, _):
        return "(\(q) \(v) in \(sexpr(list))" + (filter.map { " where \(sexpr($0))" } ?? "") + ": \(sexpr(body)))"
    case .generator(let element, let v, let list, let filter, _):
        return "[\(sexpr(element)) for \(v) in \(sexpr(list))" + (filter.map { " where \(sexpr($0))" } ?? "") + "]"
    case .list(let items, _): return "[" + items.map(sexpr).joined(separator: ", ") + "]"
    case .conditional(let c, let a, let b, _): return "(if \(sexpr(c)) then \(sexpr(a)) else \(sexpr(b)))"
    }
}
