import Foundation
import PlanModel

/// The requirement data rules quantify over (`Rules/catalogue/*.yaml`): one table per file, named
/// after the file (`requirements.yaml` → `catalogue.requirements`). Types are inferred from the data.
public struct Catalogue: @unchecked Sendable {
    public let schema: RecordSchema
    public let value: Value
    /// The files read, with their text (for rendering diagnostics).
    public let sources: [String: String]

    /// A catalogue with no tables (for rules that use none).
    public static let empty: Catalogue = {
        let schema = RecordSchema("catalogue", [])
        return Catalogue(schema: schema, value: .record(Record(schema: schema, values: [], key: nil), nil), sources: [:])
    }()

    public init(schema: RecordSchema, value: Value, sources: [String: String]) {
        self.schema = schema; self.value = value; self.sources = sources
    }

    /// Loads every `*.yaml` file of `directory` (sorted by name). Problems are diagnostics, never crashes.
    public static func load(directory: String, displayPrefix: String) -> (Catalogue, [Diagnostic]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var fields: [FieldSpec] = []
        var values: [Value?] = []
        var sources: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for name in names {
            let path = directory + "/" + name
            let display = displayPrefix + name
            let table = String(name.prefix(while: { $0 != "." }))
            guard let bytes = try? PlanLoader.readFile(path, maxBytes: 4 * 1024 * 1024) else {
                diagnostics.append(Diagnostic(.error, "cannot read this catalogue file", file: display, line: 1, column: 1))
                continue
            }
            sources[display] = String(decoding: bytes, as: UTF8.self)
            let node: YAMLNode
            do {
                guard let n = try YAMLComposer.compose(bytes) else {
                    diagnostics.append(Diagnostic(.error, "this catalogue file is empty", file: display, line: 1, column: 1))
                    continue
                }
                node = n
            } catch let e as YAMLLoadError {
                diagnostics.append(Diagnostic(.error, e.message, file: display, line: e.line ?? 1, column: e.column ?? 1))
                continue
            } catch { continue }
            var inference = SchemaInference(file: display)
            let type = inference.infer(node, name: table)
            diagnostics += inference.diagnostics
            var binder = PlanBinder(file: display)
            let v = binder.bind(node, as: type, path: "catalogue." + table)
            for f in binder.findings {
                diagnostics.append(Diagnostic(.error, f.message, file: display, line: f.location.line ?? 1, column: f.location.column ?? 1))
            }
            diagnostics += validatePatterns(v, file: display)
            fields.append(FieldSpec(table, type, "catalogue table from \(name)"))
            values.append(v)
        }
        let schema = RecordSchema("catalogue", fields)
        return (Catalogue(schema: schema, value: .record(Record(schema: schema, values: values, key: nil), nil), sources: sources), diagnostics)
    }

    /// Every field called `pattern` must be a valid regular expression.
    static func validatePatterns(_ v: Value?, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func walk(_ v: Value?) {
            switch v {
            case .record(let r, _)?:
                for (i, f) in r.schema.fields.enumerated() {
                    if f.name == "pattern", case .text(let p, let o)? = r.values[i], (try? NSRegularExpression(pattern: p)) == nil {
                        out.append(Diagnostic(.error, "'\(p)' is not a valid regular expression", file: file,
                                              line: o?.location.line ?? 1, column: o?.location.column ?? 1, length: p.count))
                    }
                    walk(r.values[i])
                }
            case .list(let items, _)?: items.forEach { walk($0) }
            default: break
            }
        }
        walk(v)
        return out
    }
}

/// Infers a schema from catalogue data: mappings become records, and every entry of a list must agree.
struct SchemaInference {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func infer(_ node: YAMLNode, name: String) -> FieldType {
        switch node.content {
        case .scalar(let s, let style):
            if style == .plain {
                if ScalarParsers.number(s) != nil { return .number }
                if s == "true" || s == "false" { return .boolean }
                if s.count == 10, s.dropFirst(4).first == "-", ScalarParsers.date(s) != nil { return .date }
            }
            return .text
        case .mapping(let pairs):
            var fields: [FieldSpec] = []
            for (k, v) in pairs {
                guard let key = k.scalar else { continue }
                if v.isNull { continue }
                fields.append(FieldSpec(key, infer(v, name: key)))
            }
            return .record(RecordSchema(name, fields))
        case .sequence(let items):
            var element: FieldType?
            for item in items where !item.isNull {
                let t = infer(item, name: singular(name))
                if let e = element {
                    if let m = merge(e, t) { element = m }
                    else {
                        diagnostics.append(Diagnostic(.error, "this entry does not have the same shape as the ones before it in '\(name)'",
                                                      file: file, line: item.line, column: item.column))
                    }
                } else {
                    element = t
                }
            }
            let e = element ?? .text
            var key: String?
            if case .record(let r) = e { key = r.field("id") != nil ? "id" : (r.field("key") != nil ? "key" : nil) }
            return .list(e, idKey: key)
        }
    }

    func singular(_ s: String) -> String { s.hasSuffix("s") ? String(s.dropLast()) : s + " entry" }

    /// Two inferred types as one: records take the union of their fields (a field may be absent in some entries).
    func merge(_ a: FieldType, _ b: FieldType) -> FieldType? {
        switch (a, b) {
        case (.text, .text), (.number, .number), (.date, .date), (.boolean, .boolean): return a
        case (.record(let r1), .record(let r2)):
            var fields = r1.fields
            for f in r2.fields {
                if let i = fields.firstIndex(where: { $0.name == f.name }) {
                    guard let m = merge(fields[i].type, f.type) else { return nil }
                    fields[i] = FieldSpec(f.name, m)
                } else {
                    fields.append(f)
                }
            }
            return .record(RecordSchema(r1.name, fields))
        case (.list(let e1, let k1), .list(let e2, _)):
            guard let m = merge(e1, e2) else { return nil }
            return .list(m, idKey: k1)
        default: return nil
        }
    }
}
