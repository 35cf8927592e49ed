import PlanModel

/// A field path from the plan's root (`non_elective.funding.total`), resolved against the schema.
public struct PlanPath: Sendable, CustomStringConvertible {
    public let segments: [String]
    public let type: FieldType

    public var description: String { segments.joined(separator: ".") }

    /// Resolves `spelling` below `schema`, or explains why it does not exist.
    public static func resolve(_ spelling: String, in schema: RecordSchema) -> Result<(segments: [String], type: FieldType), PathError> {
        let segments = spelling.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var record = schema
        var type = FieldType.record(schema)
        for (i, name) in segments.enumerated() {
            guard let index = record.index(of: name) else {
                let owner = i == 0 ? "the \(record.name)" : segments[..<i].joined(separator: ".")
                var message = "\(owner) has no field '\(name)'"
                if let near = Suggest.closest(to: name, among: record.fields.map(\.name)) { message += "; did you mean '\(near)'?" }
                return .failure(PathError(message: message))
            }
            type = record.fields[index].type
            if i < segments.count - 1 {
                guard case .record(let inner) = type else {
                    return .failure(PathError(message: "'\(segments[...i].joined(separator: "."))' is \(type.phrase), not a mapping with fields"))
                }
                record = inner
            }
        }
        return .success((segments, type))
    }

    public struct PathError: Error { public let message: String }
}

extension Value {
    /// The value at `path` below this record (nil when any step is absent or not a record).
    func at(_ path: [String]) -> Value? {
        var current: Value = self
        for name in path {
            guard case .record(let r, let o) = current, let v = r.field(name, origin: o) else { return nil }
            if case .missing = v { return nil }
            current = v
        }
        return current
    }

    /// The elements of a list value (empty for anything else).
    var elements: [Value] {
        if case .list(let items, _) = self { return items }
        return []
    }

    /// The record's key in its list, or the text of field `keyField`.
    func key(_ keyField: String?) -> String? {
        guard case .record(let r, _) = self else { return nil }
        if let k = r.key { return k }
        guard let keyField, case .text(let s, _)? = at([keyField]) else { return nil }
        let t = s.trimmingWhitespace
        return t.isEmpty ? nil : t
    }
}

extension FieldType {
    /// True for types a single cell holds: scalars, and lists of scalars (one per line).
    var fitsOneCell: Bool {
        switch self {
        case .record: return false
        case .list(let e, _): if case .record = e { return false } else { return true }
        default: return true
        }
    }
}
