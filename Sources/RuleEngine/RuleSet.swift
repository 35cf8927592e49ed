import Foundation
import PlanModel
import RulesDSL

/// Why a rules folder could not be loaded: every diagnostic, with the sources to render them.
public struct RuleSetLoadError: Error, @unchecked Sendable {
    public let diagnostics: [Diagnostic]
    public let sources: [String: String]

    /// All diagnostics rendered with excerpts and carets, then a count line.
    public var rendered: String { DiagnosticRenderer.renderAll(diagnostics, sources: sources) }
}

/// A loaded, checked and compiled rules folder: the rules, profiles and catalogue.
public final class RuleSet: @unchecked Sendable {
    /// From `ruleset.yaml`: e.g. `nhs-resilience-2014-15`.
    public let id: String
    public let version: String
    public let directory: String
    /// The plan rule examples are merged onto (from `ruleset.yaml`'s `example_base`).
    public let exampleBase: String?
    public let rules: [CheckedRule]
    public let profiles: [CheckedProfile]
    public let catalogue: Catalogue
    public let files: [RuleFile]
    let compiled: [CompiledRule]
    /// The most slots any rule needs: one frame of this size serves them all.
    let slotCount: Int

    /// `specialize: false` compiles the rules as written, without working out what depends only on
    /// the catalogue first (for the tests that compare the two).
    init(id: String, version: String, directory: String, exampleBase: String?, rules: [CheckedRule],
         profiles: [CheckedProfile], catalogue: Catalogue, files: [RuleFile], specialize: Bool = true) {
        self.id = id; self.version = version; self.directory = directory; self.exampleBase = exampleBase
        self.rules = rules; self.profiles = profiles; self.catalogue = catalogue; self.files = files
        self.compiled = rules.map { CompiledRule($0, catalogue: catalogue, specialize: specialize) }
        self.slotCount = rules.map(\.slotCount).max() ?? 2
    }

    /// "id version", as the JSON report's `rules` field gives it.
    public var label: String { "\(id) \(version)" }

    /// Loads `directory`: `ruleset.yaml`, `catalogue/*.yaml` and every `*.rules` file below it.
    /// Paths in diagnostics are shown relative to `displayRoot` when given.
    public static func load(directory: String, display: String? = nil) throws -> RuleSet {
        let shown = display ?? directory
        let prefix = shown.hasSuffix("/") ? shown : shown + "/"
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw RuleSetLoadError(diagnostics: [Diagnostic(.error, "no rules folder here", file: shown, line: 1, column: 1)], sources: [:])
        }
        let manifest = Manifest.load(directory + "/ruleset.yaml", display: prefix + "ruleset.yaml")
        diagnostics += manifest.diagnostics
        sources.merge(manifest.sources) { a, _ in a }

        let (catalogue, catalogueDiagnostics) = Catalogue.load(directory: directory + "/catalogue", displayPrefix: prefix + "catalogue/")
        diagnostics += catalogueDiagnostics
        sources.merge(catalogue.sources) { a, _ in a }

        var files: [RuleFile] = []
        for relative in ruleFiles(in: directory) {
            let path = directory + "/" + relative
            let name = prefix + relative
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(Diagnostic(.error, "cannot read this rule file", file: name, line: 1, column: 1))
                continue
            }
            let source = String(decoding: data, as: UTF8.self)
            sources[name] = source
            let (file, parseDiagnostics) = Parser.parse(file: name, source: source)
            diagnostics += parseDiagnostics
            files.append(file)
        }
        if files.isEmpty {
            diagnostics.append(Diagnostic(.error, "no .rules files in this folder", file: shown, line: 1, column: 1))
        }
        var checker = Checker(catalogue: catalogue, builtinRuleIDs: LoaderRule.all.map(\.id))
        let (rules, profiles) = checker.check(files)
        diagnostics += checker.diagnostics
        let errors = diagnostics.filter { $0.level == .error }
        if !errors.isEmpty {
            throw RuleSetLoadError(diagnostics: diagnostics.sorted(by: diagnosticOrder), sources: sources)
        }
        return RuleSet(id: manifest.id ?? "planlint-rules", version: manifest.version ?? "0", directory: directory,
                       exampleBase: manifest.exampleBase.map { directory + "/" + $0 }, rules: rules,
                       profiles: profiles, catalogue: catalogue, files: files)
    }

    /// Every `*.rules` file below `directory`, relative, sorted.
    static func ruleFiles(in directory: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
        var out: [String] = []
        while let p = e.nextObject() as? String {
            if p.hasSuffix(".rules") { out.append(p) }
        }
        return out.sorted()
    }

    /// The profile called `name`, if the rules define one.
    public func profile(_ name: String) -> CheckedProfile? { profiles.first { $0.name == name } }

    /// Checks one plan: the loader's findings and every rule that applies, after profile overrides, in stable order.
    /// `only` limits the run to some rules (the loader's findings are then left out).
    public func check(_ plan: Plan, profiles extra: [String] = [], only: Set<String>? = nil) -> [Finding] {
        let cohort: String? = {
            if case .text(let c, _) = Runtime.field(Runtime.field(plan.root, "srg"), "cohort") { return c.trimmingWhitespace }
            return nil
        }()
        var active: [CheckedProfile] = []
        if let cohort, let p = profile(cohort) { active.append(p) }
        for name in extra where !active.contains(where: { $0.name == name }) {
            if let p = profile(name) { active.append(p) }
        }
        var severity: [String: Severity] = [:]
        var disabled: Set<String> = []
        for p in active {
            severity.merge(p.overrides) { _, new in new }
            disabled.formUnion(p.disabled)
        }
        var findings: [Finding] = []
        for f in plan.findings where !disabled.contains(f.rule) && only == nil {
            var g = f
            if let s = severity[f.rule] { g.severity = s }
            findings.append(g)
        }
        let frame = Frame(count: slotCount, plan: plan.root, catalogue: catalogue.value)
        var fromRules: [Finding] = []
        for c in compiled {
            // The compiled rule's own copies of these fields: reading them through `c.rule` would copy the whole rule.
            let id = c.id
            if !disabled.isEmpty, disabled.contains(id) { continue }
            if let only, !only.contains(id) { continue }
            if !c.cohorts.isEmpty, !(cohort.map(c.cohorts.contains) ?? false) { continue }
            let sev = severity.isEmpty ? c.severity : severity[id] ?? c.severity
            let category = c.category, citation = c.citation, file = plan.file
            c.run(in: frame) { path, location, message in
                fromRules.append(Finding(rule: id, severity: sev, category: category, subject: path, message: message,
                                         citation: citation, location: location, file: file))
            }
        }
        // A rule reports each finding once. Equal findings can only come from one rule (ids are
        // unique), and sorting puts them side by side, so dropping repeats after a sort is enough.
        fromRules.sort(by: Finding.stableOrder)
        for (i, f) in fromRules.enumerated() where i == 0 || fromRules[i - 1] != f { findings.append(f) }
        return findings.sorted(by: Finding.stableOrder)
    }
}

/// `ruleset.yaml`: the rule set's id, version and the base plan for examples.
struct Manifest {
    var id: String?
    var version: String?
    var exampleBase: String?
    var diagnostics: [Diagnostic] = []
    var sources: [String: String] = [:]

    static let schema = RecordSchema("ruleset", [
        FieldSpec("id", .text), FieldSpec("version", .text), FieldSpec("title", .text), FieldSpec("example_base", .text),
    ])

    static func load(_ path: String, display: String) -> Manifest {
        var m = Manifest()
        guard let bytes = try? PlanLoader.readFile(path, maxBytes: 1 << 20) else {
            m.diagnostics.append(Diagnostic(.error, "the rules folder has no readable ruleset.yaml (id, version, example_base)", file: display, line: 1, column: 1))
            return m
        }
        m.sources[display] = String(decoding: bytes, as: UTF8.self)
        do {
            guard let node = try YAMLComposer.compose(bytes) else {
                m.diagnostics.append(Diagnostic(.error, "ruleset.yaml is empty", file: display, line: 1, column: 1))
                return m
            }
            var binder = PlanBinder(file: display)
            let v = binder.bindRecord(node, schema: schema, path: "")
            for f in binder.findings {
                m.diagnostics.append(Diagnostic(f.severity == .error ? .error : .warning, f.message, file: display,
                                                line: f.location.line ?? 1, column: f.location.column ?? 1))
            }
            if case .record(let r, _)? = v {
                if case .text(let s, _)? = r.values[0] { m.id = s.trimmingWhitespace }
                if case .text(let s, _)? = r.values[1] { m.version = s.trimmingWhitespace }
                if case .text(let s, _)? = r.values[3] { m.exampleBase = s.trimmingWhitespace }
            }
        } catch let e as YAMLLoadError {
            m.diagnostics.append(Diagnostic(.error, e.message, file: display, line: e.line ?? 1, column: e.column ?? 1))
        } catch {}
        return m
    }
}
