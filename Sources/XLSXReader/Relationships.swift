/// One relationship of a part (`<Relationship>` in a `_rels/*.rels` part), target resolved to a part name.
struct Relationship {
    let id: String
    let type: String
    /// The target as a normalised part name ("xl/worksheets/sheet1.xml"); nil for external targets.
    let part: String?

    /// The last path segment of the type, e.g. "worksheet", "officeDocument".
    var kind: Substring {
        guard let slash = type.lastIndex(of: "/") else { return type[...] }
        return type[type.index(after: slash)...]
    }

    /// Whether the type is in a Strict OOXML namespace.
    var isStrict: Bool { type.hasPrefix("http://purl.oclc.org/ooxml/") }
}

/// The relationships of one source part.
struct Relationships {
    private(set) var all: [Relationship] = []
    private var byId: [String: Int] = [:]

    /// The relationship with `id`.
    subscript(id: String) -> Relationship? { byId[id].map { all[$0] } }

    /// The first relationship whose type ends in "/kind".
    func first(kind: String) -> Relationship? { all.first { $0.kind == kind } }

    /// Where the rels part of `part` lives: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" → "_rels/.rels".
    static func relsPart(for part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }

    /// Reads the relationships of `source` ("" for the package); none when the rels part is absent.
    static func read(for source: String, in zip: ZipContainer) throws -> Relationships {
        let relsName = relsPart(for: source)
        guard let bytes = try zip.read(relsName) else { return Relationships() }
        let part = zip.storedName(relsName) ?? relsName
        return try withXMLScanner(bytes, part: part) { sc in
            var rels = Relationships()
            while true {
                switch try sc.next() {
                case .start where sc.nameIs("Relationship"):
                    guard let id = try sc.attributeValue("Id"), let type = try sc.attributeValue("Type"),
                          let target = try sc.attributeValue("Target") else {
                        throw sc.error("a Relationship without Id, Type or Target")
                    }
                    let external = try sc.attributeValue("TargetMode") == "External"
                    let resolved = external ? nil : resolve(target, from: source)
                    if rels.byId[id] == nil {
                        rels.byId[id] = rels.all.count
                        rels.all.append(Relationship(id: id, type: type, part: resolved))
                    }
                case .endOfDocument:
                    return rels
                default:
                    continue
                }
            }
        }
    }

    /// Resolves a relationship target against its source part: absolute targets ("/xl/...") from
    /// the package root, others from the source's folder; "." and ".." segments are applied,
    /// percent-escapes decoded. Never touches the filesystem.
    static func resolve(_ target: String, from source: String) -> String {
        var segments: [Substring] = []
        var path = percentDecoded(target).replacingBackslashes()
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if path.hasPrefix("/") {
            path.removeFirst()
        } else if let slash = source.lastIndex(of: "/") {
            segments = source[..<slash].split(separator: "/")
        }
        for seg in path.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(seg)
        }
        return segments.joined(separator: "/")
    }

    private static func percentDecoded(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var out: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 48 ... 57: return c - 48
            case 65 ... 70: return c - 55
            case 97 ... 102: return c - 87
            default: return nil
            }
        }
        while i < u.count {
            if u[i] == 37, i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func replacingBackslashes() -> String {
        contains("\\") ? String(map { $0 == "\\" ? "/" : $0 }) : self
    }
}
