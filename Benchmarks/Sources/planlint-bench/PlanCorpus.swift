import Dispatch
import Foundation

/// Varied plans for the batch benchmarks, made from `Samples/complete/northmoor.yaml` and
/// `Samples/drafts/*.yaml` with seeded mutations, so every plan differs and findings vary:
/// the SRG's place and county renamed, some leads renamed, some amounts changed (costings stop
/// adding up), some fields or whole blocks dropped, some emails and timeframes spoilt, and zero to
/// three extra local schemes, complete or not, in each section. Plan `i` is the same on every run.
struct PlanCorpus {
    struct Base {
        let lines: [String]
        /// The SRG's place ("Northmoor") and county ("Moorshire"), renamed in each plan.
        let place: String?
        let county: String?
    }

    let bases: [Base]

    init(samples: URL) throws {
        let drafts = samples.appendingPathComponent("drafts")
        let paths = [samples.appendingPathComponent("complete/northmoor.yaml").path]
            + (try FileManager.default.contentsOfDirectory(atPath: drafts.path)).filter { $0.hasSuffix(".yaml") }.sorted()
                .map { drafts.appendingPathComponent($0).path }
        bases = try paths.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            func between(_ prefix: String, _ suffix: String) -> String? {
                lines.first { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.map { String($0.dropFirst(prefix.count).dropLast(suffix.count)) }
            }
            return Base(lines: lines, place: between("  name: ", " System Resilience Group"),
                        county: between("  area_team: NHS England ", " Area Team"))
        }
    }

    /// Writes plans 0..<count to `dir` (replacing it) as `plan-00000.yaml`…; returns the bytes written.
    func write(count: Int, to dir: URL) throws -> Int {
        let fm = FileManager.default
        if fm.fileExists(atPath: dir.path) { try fm.removeItem(at: dir) }
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        let sizes = LockedCounter()
        let failed = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let data = Data(plan(i).utf8)
            do {
                try data.write(to: dir.appendingPathComponent(String(format: "plan-%05d.yaml", i)))
                sizes.add(data.count)
            } catch { failed.add(1) }
        }
        if failed.value > 0 { throw BenchError("could not write \(failed.value) plans to \(dir.path)") }
        return sizes.value
    }

    /// The plan files in a corpus folder, sorted.
    static func files(in dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { dir.appendingPathComponent($0).path }
    }

    /// Plan number `i`.
    func plan(_ i: Int) -> String {
        var rng = SplitMix64(seed: 0x5EED_0000 &+ UInt64(i))
        let base = bases[i % bases.count]
        let place = Words.place(&rng)
        let county = Words.county(&rng)
        var renames: [(String, String)] = []
        if let p = base.place {
            renames.append((p, place))
            renames.append((p.lowercased().replacingOccurrences(of: " ", with: ""), place.lowercased().replacingOccurrences(of: " ", with: "")))
        }
        if let c = base.county { renames.append((c, county)) }

        var out: [String] = []
        out.reserveCapacity(base.lines.count + 80)
        var section = ""
        var k = 0
        let lines = base.lines
        while k < lines.count {
            var line = lines[k]
            for (from, to) in renames where line.contains(from) { line = line.replacingOccurrences(of: from, with: to) }
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if indent == 0, body.hasSuffix(":") { section = String(body.dropLast()) }
            let field = Self.field(body)

            // Drop a field with everything below it.
            if indent > 0, field != nil, rng.chance(0.006) {
                k += 1
                while k < lines.count {
                    let next = lines[k]
                    let d = next.prefix { $0 == " " }.count
                    if next.isEmpty || d < indent || (d == indent && !next.dropFirst(d).hasPrefix("- ")) { break }
                    k += 1
                }
                continue
            }
            if let (key, value) = field {
                let lead = line.prefix(line.count - value.count)
                switch key {
                case "cost", "amount", "net", "resilience", "marginal_tariff", "other", "total", "minimum_total", "local_total":
                    if let n = Double(value), rng.chance(0.05) {
                        let changed = n * Double.random(in: 0.8...1.2, using: &rng)
                        line = lead + (n >= 1000 ? String(Int((changed / 1000).rounded()) * 1000) : String((changed * 2).rounded() / 2))
                    }
                case "email" where rng.chance(0.01):
                    line = lead + value.replacingOccurrences(of: "@", with: " at ")
                case "timeframe" where rng.chance(0.03):
                    line = lead + Words.timeframes.randomElement(using: &rng)!
                case "name" where indent == 6 && rng.chance(0.15):
                    line = lead + Words.person(&rng)
                default:
                    break
                }
            }
            out.append(line)
            k += 1
            if line == "  local:", section == "non_elective" || section == "elective" {
                let prefix = section == "elective" ? "EL" : "NE"
                for n in 0..<Int.random(in: 0...3, using: &rng) {
                    out += Self.localScheme(id: "\(prefix)-X\(n + 1)", place: place, &rng)
                }
            }
        }
        return out.joined(separator: "\n")
    }

    /// `key: value` (or `key:`) after the indentation, not a list item or comment; nil otherwise.
    static func field(_ body: Substring) -> (key: Substring, value: Substring)? {
        guard let colon = body.firstIndex(of: ":"), body.first?.isLetter == true,
              body[..<colon].allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        let rest = body[body.index(after: colon)...]
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (body[..<colon], rest.drop { $0 == " " })
    }

    /// An extra Section 3 scheme; each part present with probability 0.85.
    static func localScheme(id: String, place: String, _ rng: inout SplitMix64) -> [String] {
        var s = ["  - id: \(id)", "    title: \(Words.titles.randomElement(using: &rng)!)"]
        if rng.chance(0.85) { s.append("    summary: '\(Words.summaries.randomElement(using: &rng)!)'") }
        if rng.chance(0.85) { s += ["    kpis:", "    - \(Words.kpis.randomElement(using: &rng)!)"] }
        if rng.chance(0.85) { s += ["    targets:", "    - \(Words.targets.randomElement(using: &rng)!)"] }
        if rng.chance(0.85) { s.append("    timeframe: \(Words.timeframes.randomElement(using: &rng)!)") }
        if rng.chance(0.85) {
            let person = Words.person(&rng)
            let email = person.lowercased().replacingOccurrences(of: " ", with: ".") + "@nhs.net"
            s += ["    lead:", "      name: \(person)", "      email: \(email)", "      job_title: Service Manager",
                  "      organisation: NHS \(place) CCG"]
        }
        if rng.chance(0.85) { s.append("    cost: \(Int.random(in: 5...200, using: &rng) * 1000)") }
        return s
    }
}

/// Word lists the mutations draw from.
enum Words {
    static let starts = ["Ash", "Brack", "Cald", "Dun", "East", "Fern", "Grey", "Hallow", "Kestrel", "Low", "North", "West",
                         "High", "Marsh", "Oak", "Stan", "Wil", "Thorn", "Elm", "Bram"]
    static let ends = ["combe", "ford", "brook", "mere", "vale", "leigh", "water", "moor", "ton", "bury", "field", "wick"]
    static let first = ["Alice", "Ben", "Priya", "Tom", "Aisha", "Mark", "Sarah", "James", "Fatima", "Owen", "Grace", "Ravi"]
    static let last = ["Fenwick", "Okafor", "Shah", "Hughes", "Khan", "Evans", "Patel", "Jones", "Murray", "Clarke", "Adeyemi", "Lowe"]
    static let timeframes = ["'2014-12-31'", "'2015-03-31'", "'2015-06-30'", "next spring", "Q3 2014/15", "March 2015", "'2014-09-30'"]
    static let titles = ["Discharge to assess beds", "Weekend therapy cover", "Frailty unit in ED", "Extra endoscopy lists",
                         "Community IV antibiotics", "Care home in-reach"]
    static let summaries = ["Seven-day discharge team moving medically fit patients to assessment beds within 24 hours.",
                            "Extra weekend lists at the independent sector provider to clear the longest waits.",
                            "Example: the COPD community outreach team from the template.",
                            ""]
    static let kpis = ["Delayed transfers of care", "Patients waiting over 18 weeks", "Readmissions within 30 days", "Beds occupied"]
    static let targets = ["Delayed transfers down 20% by March 2015", "Improve patient flow", "500 extra procedures by December 2014",
                          "Fewer readmissions", "All care homes visited weekly from October 2014"]

    static func place(_ rng: inout SplitMix64) -> String { starts.randomElement(using: &rng)! + ends.randomElement(using: &rng)! }
    static func county(_ rng: inout SplitMix64) -> String { starts.randomElement(using: &rng)! + "shire" }
    static func person(_ rng: inout SplitMix64) -> String { first.randomElement(using: &rng)! + " " + last.randomElement(using: &rng)! }
}

/// A small, fast, seedable generator (SplitMix64), so plan `i` is the same on every machine and run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}
