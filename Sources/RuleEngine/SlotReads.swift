import PlanModel

// Reads of a name's value where it sits in the frame. Most rule expressions start from a name
// (`s.cost`, `s[f.key]`, `key(s)`): reading the field of the record in its slot, rather than first
// copying the record's value out of the slot (retaining its record and origin, releasing them
// after), takes a good share off every such read. Each gives exactly what the general form gives.

extension FieldAccess {
    /// `get(frame.slots[i])`, reading the record in place.
    func get(slot i: Int, of frame: Frame) -> Value {
        if case .record(let r, let o) = frame.slots[i] {
            let id = ObjectIdentifier(r.schema)
            for k in known where k.schema == id { return r.field(at: k.index, origin: o) }
        }
        return Runtime.field(frame.slots[i], name)
    }

    /// `isFilled(frame.slots[i])`, reading the record in place.
    func isFilled(slot i: Int, of frame: Frame) -> Bool {
        if case .record(let r, _) = frame.slots[i] {
            let id = ObjectIdentifier(r.schema)
            for k in known where k.schema == id { return r.values[k.index]?.isFilled ?? false }
        }
        return Runtime.field(frame.slots[i], name).isFilled
    }
}

extension Compiler {
    /// `dynamicField(frame.slots[i], key)`, reading the record in place.
    static func dynamicField(slot i: Int, of frame: Frame, _ key: Value) -> Value {
        guard let name = Runtime.text(key)?.trimmedIfNeeded else { return Runtime.unknown }
        if case .record(let rec, let o) = frame.slots[i] {
            guard let index = rec.schema.index(of: name) else { return Runtime.unknown }
            return rec.field(at: index, origin: o)
        }
        return Runtime.field(frame.slots[i], name)
    }

    /// `dynamicFieldIsFilled(frame.slots[i], key)`, reading the record in place.
    static func dynamicFieldIsFilled(slot i: Int, of frame: Frame, _ key: Value) -> Bool {
        guard let name = Runtime.text(key)?.trimmedIfNeeded else { return false }
        if case .record(let rec, _) = frame.slots[i] {
            guard let index = rec.schema.index(of: name) else { return false }
            return rec.values[index]?.isFilled ?? false
        }
        return Runtime.field(frame.slots[i], name).isFilled
    }
}

extension Builtins {
    /// `key(x)` for a name bound to an entry: its id, read from the entry where it sits in the frame.
    static func key(slot i: Int) -> Evaluator {
        Evaluator { frame in
            if case .record(let r, _) = frame.slots[i], let k = r.key { return .text(k, nil) }
            return Runtime.unknown
        }
    }

    /// `contains_any(x, phrases)` for a name and a list known when compiling (a catalogue list).
    static func containsAny(slot i: Int, phrases: TextSearch.PhraseSet) -> Evaluator {
        Evaluator { frame in
            guard case .text(let text, _) = frame.slots[i] else { return Runtime.unknown }
            return .bool(phrases.matches(text))
        }
    }

    /// `contains_any(x, y)` for two names (a text, a list of phrases): both read where they sit in the frame.
    static func containsAny(slot i: Int, phrasesSlot j: Int) -> Evaluator {
        Evaluator { frame in
            guard case .text(let text, _) = frame.slots[i], case .list(let phrases, _) = frame.slots[j] else { return Runtime.unknown }
            return .bool(phraseSet(phrases, in: frame).matches(text))
        }
    }
}
