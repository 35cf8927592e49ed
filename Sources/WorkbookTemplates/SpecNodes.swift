import PlanModel

/// One problem in a template spec file: where it is and what is wrong.
public struct SpecProblem: Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    /// `Templates/sheets/ne-planning.yaml:12:9: error: message`
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Why the template specs could not be loaded: every problem found, each with its file and line.
public struct TemplateSpecError: Error, Sendable, CustomStringConvertible {
    public let problems: [SpecProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Reads typed values out of a spec file's YAML nodes, collecting problems rather than stopping.
struct SpecNodes {
    let file: String
    var problems: [SpecProblem] = []

    mutating func fail(_ node: YAMLNode, _ message: String) {
        problems.append(SpecProblem(file: file, line: node.line, column: node.column, message: message))
    }

    /// The mapping's entries, checking every key is one of `allowed`.
    mutating func mapping(_ node: YAMLNode, allowed: [String], what: String) -> [String: YAMLNode] {
        guard case .mapping(let pairs) = node.content else {
            fail(node, "\(what) should be a mapping"); return [:]
        }
        var out: [String: YAMLNode] = [:]
        for (k, v) in pairs {
            guard let key = k.scalar else { fail(k, "a key in \(what) is not a word"); continue }
            guard allowed.contains(key) else {
                var message = "unknown key '\(key)' in \(what)"
                if let near = Suggest.closest(to: key, among: allowed) { message += "; did you mean '\(near)'?" }
                fail(k, message); continue
            }
            if out[key] != nil { fail(k, "'\(key)' appears twice in \(what)"); continue }
            out[key] = v
        }
        return out
    }

    mutating func string(_ node: YAMLNode?, _ what: String, in parent: YAMLNode, required: Bool = true) -> String? {
        guard let node, !node.isNull else {
            if required { fail(parent, "\(what) is missing") }
            return nil
        }
        guard let s = node.scalar, !s.trimmingWhitespace.isEmpty else { fail(node, "\(what) should be text"); return nil }
        return s.trimmingWhitespace
    }

    mutating func number(_ node: YAMLNode?, _ what: String) -> Double? {
        guard let node, !node.isNull else { return nil }
        guard let s = node.scalar, let d = Double(s.trimmingWhitespace), d.isFinite, d >= 0 else {
            fail(node, "\(what) should be a number"); return nil
        }
        return d
    }

    mutating func bool(_ node: YAMLNode?, _ what: String) -> Bool {
        guard let node, !node.isNull else { return false }
        switch node.scalar?.trimmingWhitespace {
        case "true"?: return true
        case "false"?: return false
        default: fail(node, "\(what) should be true or false"); return false
        }
    }

    mutating func list(_ node: YAMLNode?, _ what: String) -> [YAMLNode] {
        guard let node, !node.isNull else { return [] }
        guard case .sequence(let items) = node.content else { fail(node, "\(what) should be a list"); return [] }
        return items
    }

    mutating func strings(_ node: YAMLNode?, _ what: String) -> [String] {
        list(node, what).compactMap { string($0, "an entry of \(what)", in: $0) }
    }
}
