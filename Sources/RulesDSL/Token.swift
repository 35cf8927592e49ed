/// One lexical token of a rule file.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case word          // identifiers and keywords: rule, expect, s, plan, NE
        case string        // "…" (text holds the decoded content; raw keeps the source)
        case blockString   // """…""" (text holds the de-indented content)
        case number        // 12, 0.5
        case money         // £80,000, £80k
        case date          // 2014-09-30
        case symbol        // == != <= >= < > + - * / ( ) [ ] , . : =
        case end
    }

    public var kind: Kind
    /// The token's text: the word, the symbol, or a string's decoded content.
    public var text: String
    public var range: SourceRange
    /// Character offset of the token in its file (for gluing `NE-MIN-PRESENT` from adjacent tokens).
    public var offset: Int
    /// Length in characters in the source.
    public var sourceLength: Int
    /// True when the token is the first on its line (clauses start lines).
    public var atLineStart: Bool
    /// For strings: the column (1-based) of each decoded character, so errors inside `{…}` point right.
    public var stringColumns: [Int] = []
    /// For strings: the line of each decoded character.
    public var stringLines: [Int] = []

    public func isWord(_ w: String) -> Bool { kind == .word && text == w }
    public func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
}

/// A comment in a rule file, kept for the formatter.
public struct Comment: Sendable, Hashable {
    public var text: String     // including the leading '#'
    public var line: Int
    /// True when code precedes the comment on its line.
    public var trailing: Bool
}
