/// Names plan items in plain words for messages: `non_elective.minimum[NE05].cost` → "the cost of NE05".
public enum PlainName {
    static let words: [String: String] = [
        "srg": "SRG", "non_elective": "non-elective", "kpis": "KPIs", "wte": "WTE", "la_code": "local authority code",
        "lsoa": "LSOA", "ccg": "CCG", "cqc_services": "CQC services", "lead_ccg": "lead CCG", "url": "URL",
        "capacity_refs": "capacity links", "publication_url": "publication URL", "submitted": "submission date",
        "from": "start date", "to": "end date",
    ]
    /// How an entry of some lists is named, given its id.
    static let entryNames: [String: String] = [
        "costings": "the costings for ", "sign_off": "the sign-off row for ", "capacity_plan": "capacity plan entry ",
    ]

    /// A field or list name as words: `job_title` → "job title".
    public static func word(_ key: String) -> String {
        words[key] ?? key.replacingUnderscores
    }

    /// The item at `path` in plain words, starting "the …" or with the entry's id.
    public static func of(_ path: String) -> String {
        guard !path.isEmpty else { return "the plan" }
        var names: [String] = []       // field names since the last bracketed step
        var owner: String?             // the id or position of the entry they belong to
        var current = ""
        var i = path.startIndex
        while i < path.endIndex {
            let c = path[i]
            if c == "." {
                if !current.isEmpty { names.append(current); current = "" }
            } else if c == "[" {
                if !current.isEmpty { names.append(current); current = "" }
                let close = path[i...].firstIndex(of: "]") ?? path.endIndex
                let id = String(path[path.index(after: i)..<close])
                if let n = Int(id) {
                    owner = (names.last.map(word) ?? "list") + " entry \(n + 1)"
                } else {
                    owner = (names.last.flatMap { entryNames[$0] } ?? "") + id
                }
                names = []
                i = close
            } else {
                current.append(c)
            }
            if i < path.endIndex { i = path.index(after: i) }
        }
        if !current.isEmpty { names.append(current) }
        let fields = names.map(word).joined(separator: " ")
        switch (owner, fields.isEmpty) {
        case (let o?, true): return o
        case (let o?, false): return "the \(fields) of \(o)"
        case (nil, _): return "the \(fields)"
        }
    }

    /// `of(path)` with its first letter in capitals, to start a sentence.
    public static func sentenceStart(_ path: String) -> String {
        let s = of(path)
        return s.prefix(1).uppercased() + s.dropFirst()
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
