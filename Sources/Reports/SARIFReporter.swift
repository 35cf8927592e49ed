import Foundation
import PlanModel

/// SARIF 2.1.0 (OASIS), for code-scanning dashboards and IDEs: the rules as `tool.driver.rules`, one result per
/// finding, and the inputs that could not be read as tool execution notifications.
public struct SARIFReporter: Reporter {
    /// The folder artifact URIs are made relative to (the working directory), as `%SRCROOT%`.
    public let baseDirectory: String
    /// Where people can read about planlint.
    public let informationURI: String

    /// A reporter whose URIs are relative to `baseDirectory` and whose driver points at `informationURI`.
    public init(baseDirectory: String, informationURI: String) {
        self.baseDirectory = baseDirectory.hasSuffix("/") ? String(baseDirectory.dropLast()) : baseDirectory
        self.informationURI = informationURI
    }

    public func stream(to output: TextOutput) -> ReportStream { SARIFReportStream(self, output) }

    /// A file's artifact location: relative to `%SRCROOT%` when it is below the base folder, else an absolute file URI.
    func artifactLocation(_ file: String) -> String {
        if file.hasPrefix("/") {
            if file.hasPrefix(baseDirectory + "/") {
                return "{\"uri\": \(quote(Self.percentEncoded(String(file.dropFirst(baseDirectory.count + 1))))), \"uriBaseId\": \"SRCROOT\"}"
            }
            return "{\"uri\": \(quote("file://" + Self.percentEncoded(file)))}"
        }
        var relative = file
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        return "{\"uri\": \(quote(Self.percentEncoded(relative))), \"uriBaseId\": \"SRCROOT\"}"
    }

    /// A path as a URI path: unreserved characters, sub-delimiters, `@` and `/` kept, the rest percent-encoded
    /// (`:` too, so a relative path never reads as a scheme).
    static func percentEncoded(_ path: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        allowed.insert(charactersIn: "!$&'()*+,;=@/")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// A rule id as SARIF's human-readable rule name: `COSTING-ITEMS-NET` → `CostingItemsNet`.
    static func ruleName(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// A stable fingerprint of a finding's identity (rule and subject), independent of line numbers: FNV-1a, 64 bits, in hex.
    static func fingerprint(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// One rule as a `reportingDescriptor`.
    static func descriptor(_ r: RuleInfo) -> String {
        "{\"id\": \(quote(r.id)), \"name\": \(quote(ruleName(r.id))), "
            + "\"shortDescription\": {\"text\": \(quote(r.title))}, "
            + "\"fullDescription\": {\"text\": \(quote("\(r.title). Guidance: \(r.citation)."))}, "
            + "\"help\": {\"text\": \(quote("\(r.title). Guidance: \(r.citation). 'planlint rules explain \(r.id)' shows the rule and its examples."))}, "
            + "\"defaultConfiguration\": {\"level\": \(quote(level(r.severity)))}, "
            + "\"properties\": {\"category\": \(quote(r.category.rawValue)), \"citation\": \(quote(r.citation)), \"tags\": [\(quote(r.category.rawValue))]}}"
    }
}

/// Writes the run's header and rules, then each result as it arrives; the failures are held for the invocation.
final class SARIFReportStream: ReportStream {
    let reporter: SARIFReporter
    let out: TextOutput
    var ruleIndex: [String: Int] = [:]
    var failures: [FileFailure] = []
    var results = 0

    init(_ reporter: SARIFReporter, _ out: TextOutput) { self.reporter = reporter; self.out = out }

    func begin(_ header: ReportHeader) throws {
        for (i, r) in header.ruleInfo.enumerated() where ruleIndex[r.id] == nil { ruleIndex[r.id] = i }
        var s = "{\n"
        s += "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
        s += "  \"version\": \"2.1.0\",\n"
        s += "  \"runs\": [\n    {\n"
        s += "      \"tool\": {\n        \"driver\": {\n"
        s += "          \"name\": \(quote(header.tool)),\n"
        s += "          \"version\": \(quote(header.version)),\n"
        s += "          \"informationUri\": \(quote(reporter.informationURI)),\n"
        s += "          \"properties\": {\"ruleSet\": \(quote(header.rules))},\n"
        s += "          \"rules\": ["
        for (i, r) in header.ruleInfo.enumerated() {
            s += (i == 0 ? "\n" : ",\n") + "            " + SARIFReporter.descriptor(r)
        }
        s += header.ruleInfo.isEmpty ? "]\n" : "\n          ]\n"
        s += "        }\n      },\n"
        s += "      \"originalUriBaseIds\": {\"SRCROOT\": {\"uri\": \(quote("file://" + SARIFReporter.percentEncoded(reporter.baseDirectory) + "/"))}},\n"
        s += "      \"columnKind\": \"unicodeCodePoints\",\n"
        s += "      \"results\": ["
        out.write(s)
    }

    func add(_ outcome: FileOutcome) throws {
        switch outcome {
        case .failed(let f): failures.append(f)
        case .checked(let r):
            var seen: [String: Int] = [:]
            for f in r.findings {
                let identity = f.rule + "\u{0}" + f.subject
                let n = seen[identity, default: 0]
                seen[identity] = n + 1
                out.write((results == 0 ? "\n" : ",\n") + "        " + result(f, occurrence: n))
                results += 1
            }
        }
    }

    func result(_ f: Finding, occurrence: Int) -> String {
        var s = "{\"ruleId\": \(quote(f.rule)), "
        if let i = ruleIndex[f.rule] { s += "\"ruleIndex\": \(i), " }
        s += "\"level\": \(quote(SARIFReporter.level(f.severity))), \"message\": {\"text\": \(quote(f.message))}, "
        let artifact = reporter.artifactLocation(f.file)
        switch f.location {
        case .text(let line, let column):
            s += "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": \(artifact), "
                + "\"region\": {\"startLine\": \(max(line, 1)), \"startColumn\": \(max(column, 1))}}}], "
        case .cell(let sheet, let cell):
            s += "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": \(artifact)}, "
                + "\"logicalLocations\": [{\"name\": \(quote("\(sheet)!\(cell)")), "
                + "\"fullyQualifiedName\": \(quote("'\(sheet.replacingOccurrences(of: "'", with: "''"))'!\(cell)")), \"kind\": \"element\"}]}], "
        }
        var identity = f.rule + "|" + f.subject
        if occurrence > 0 { identity += "|\(occurrence)" }
        s += "\"partialFingerprints\": {\"planlintSubject/v1\": \(quote(SARIFReporter.fingerprint(identity)))}, "
        s += "\"properties\": {\"subject\": \(quote(f.subject)), \"category\": \(quote(f.category.rawValue)), \"citation\": \(quote(f.citation))}}"
        return s
    }

    func finish(exitCode: Int32) throws {
        var s = results == 0 ? "],\n" : "\n      ],\n"
        s += "      \"invocations\": [\n        {\n"
        s += "          \"executionSuccessful\": \(exitCode == 2 ? "false" : "true"),\n"
        s += "          \"exitCode\": \(exitCode),\n"
        s += "          \"toolExecutionNotifications\": ["
        for (i, f) in failures.enumerated() {
            s += (i == 0 ? "\n" : ",\n") + "            {\"level\": \"error\", \"message\": {\"text\": \(quote(f.message))}, "
                + "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": \(reporter.artifactLocation(f.file))}}], "
                + "\"descriptor\": {\"id\": \"input-not-readable\"}}"
        }
        s += failures.isEmpty ? "]\n" : "\n          ]\n"
        s += "        }\n      ]\n"
        s += "    }\n  ]\n}\n"
        out.write(s)
        try out.flush()
    }
}
