import PlanModel

/// Turns a plan value into cell content for a field of a given type.
enum CellCodec {
    /// The cell content and style for `value` (nil: the field is absent) of a field of `type`.
    /// `raw` gives the text of values the loader could not read, so a draft's mistakes are kept.
    static func content(_ value: Value?, type: FieldType, raw: RawText) -> (CellContent, StyleKey) {
        let style = inputStyle(type)
        guard let value else { return (.blank, style) }
        switch value {
        case .missing: return (.blank, style)
        case .invalid(let o): return (raw.text(at: o.location).map { .text($0) } ?? .blank, .inputText)
        case .text(let s, _): return (s.isBlank ? .blank : .text(s), style)
        case .money(let m, _):
            return (.number(Double(m.pence) / 100), m.pence % 100 == 0 ? .inputMoney : .inputMoneyPence)
        case .number(let d, _): return (.number(d), .inputNumber)
        case .date(let d, _): return (.date(d), .inputDate)
        case .bool(let b): return (.text(b ? "true" : "false"), .inputText)
        case .list(let items, _):
            let parts = items.compactMap { item -> String? in
                switch item {
                case .text(let s, _): return s
                case .invalid(let o): return raw.text(at: o.location)
                case .money(let m, _): return m.description
                case .number(let d, _): return Self.number(d)
                case .date(let d, _): return d.description
                default: return nil
                }
            }
            return (parts.isEmpty ? .blank : .text(parts.joined(separator: CellText.listSeparator)), .inputText)
        case .record: return (.blank, style)
        }
    }

    static func inputStyle(_ type: FieldType) -> StyleKey {
        switch type {
        case .money: return .inputMoney
        case .count, .number: return .inputNumber
        case .date: return .inputDate
        default: return .inputText
        }
    }

    /// A number as plain text: no exponent, no trailing ".0".
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// The numeric value of a value for totals (money in pounds); nil when it has none.
    static func numeric(_ value: Value?) -> Double? {
        switch value {
        case .money(let m, _)?: return Double(m.pence) / 100
        case .number(let d, _)?: return d
        default: return nil
        }
    }
}

/// The raw text of every scalar in a YAML document, by position: what a plan said where the loader
/// could not read it as the type the format wants. Indexed on first use (most plans need none).
public final class RawText {
    private let root: YAMLNode?
    private lazy var byPosition: [Int: String] = Self.index(root)

    public init() { root = nil }

    /// Indexes every scalar below `root` when first asked.
    public init(document root: YAMLNode?) { self.root = root }

    private static func index(_ root: YAMLNode?) -> [Int: String] {
        var byPosition: [Int: String] = [:]
        guard let root else { return byPosition }
        var stack = [root]
        while let node = stack.popLast() {
            switch node.content {
            case .scalar(let s, _): byPosition[Self.key(node.line, node.column)] = s
            case .sequence(let items):
                stack += items
                byPosition[Self.key(node.line, node.column)] = Self.scalars(node).joined(separator: "\n")
            case .mapping(let pairs):
                for p in pairs { stack.append(p.value) }
                byPosition[Self.key(node.line, node.column)] = Self.scalars(node).joined(separator: "\n")
            }
        }
        return byPosition
    }

    /// The scalars below a node, in document order: what a value of the wrong shape said.
    private static func scalars(_ node: YAMLNode) -> [String] {
        switch node.content {
        case .scalar(let s, _): return node.isNull ? [] : [s]
        case .sequence(let items): return items.flatMap(scalars)
        case .mapping(let pairs): return pairs.flatMap { scalars($0.value) }
        }
    }

    func text(at location: SourceLocation) -> String? {
        guard case .text(let line, let column) = location else { return nil }
        return byPosition[Self.key(line, column)]
    }

    private static func key(_ line: Int, _ column: Int) -> Int { line << 20 | column }
}
