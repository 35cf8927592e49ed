#!/usr/bin/env python3
"""Dump an .xlsx workbook as JSON with openpyxl, for planlint's independent verification tests.

    python3 scripts/verify/dump_workbook.py WORKBOOK.xlsx [--sheet NAME ...]

The workbook is loaded twice: once for formulas, once with data_only=True for the cached values.
Printed (one JSON object on stdout):

  sheets          the sheet names, in order
  cells           {sheet: {address: {"v": value, "t": type, "cached": cached value (formulas only),
                                     "fmt": number format, "locked": bool, "link": hyperlink location}}}
                  values: numbers, strings, dates as "YYYY-MM-DD" (type "d"), booleans; type is
                  "n", "s", "d", "b", "f" (formula) or "e" (error)
  formulas        [{"sheet", "cell", "formula", "cached", "evaluated"}]: every formula cell, with
                  the value evaluated here from the formulas and values it refers to (independently
                  of any cached value); "error" instead of "evaluated" for a formula shape this
                  evaluator does not know (only SUM of cells/ranges/nested SUMs and A-B are known)
  merged          {sheet: ["A1:K1", ...]}
  names           {name: {"text": "'Sheet'!$A$1:$K$9", "sheet": ..., "range": "A1:K9"}}
  validations     {sheet: [{"sqref", "type", "formula1", "allowBlank"}]}
  freeze          {sheet: "A3" or null}
  print           {sheet: {"orientation", "paperSize", "fitToPage", "fitToWidth", "fitToHeight", "titleRows"}}
  protection      {sheet: bool}
  custom          {name: value} (custom document properties)
  core            {"title", "creator", "subject", "description", "keywords", "category", "created"}
"""
import datetime
import json
import re
import sys

import openpyxl
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string, get_column_letter, range_boundaries

CELL = r"\$?[A-Z]{1,3}\$?[0-9]+"
REF = rf"(?:(?:'(?:[^']|'')+'|[A-Za-z0-9_]+)!)?{CELL}(?::{CELL})?"


def plain(v):
    if isinstance(v, datetime.datetime):
        if v.time() == datetime.time(0):
            return v.date().isoformat(), "d"
        return v.isoformat(), "d"
    if isinstance(v, datetime.date):
        return v.isoformat(), "d"
    if isinstance(v, bool):
        return v, "b"
    if isinstance(v, (int, float)):
        return v, "n"
    if isinstance(v, str):
        if v.startswith("="):
            return v, "f"
        if v.startswith("#"):
            return v, "e" if v in ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!") else "s"
        return v, "s"
    if v is None:
        return None, "z"
    return str(v), "s"


class Unsupported(Exception):
    pass


class Evaluator:
    """SUM(refs...) and A-B over cells, evaluated from the formula workbook alone."""

    def __init__(self, wb):
        self.wb = wb
        self.memo = {}
        self.active = set()

    def cell_value(self, sheet, address):
        key = (sheet, address)
        if key in self.memo:
            return self.memo[key]
        if key in self.active:
            raise Unsupported(f"circular reference at {sheet}!{address}")
        v = self.wb[sheet][address].value
        if isinstance(v, str) and v.startswith("="):
            self.active.add(key)
            try:
                r = self.evaluate(sheet, v[1:])
            finally:
                self.active.discard(key)
        elif isinstance(v, bool):
            r = v
        elif isinstance(v, (int, float)):
            r = float(v)
        else:
            r = v  # text, date or None: SUM skips them
        self.memo[key] = r
        return r

    def split_ref(self, sheet, ref):
        if "!" in ref:
            s, ref = ref.rsplit("!", 1)
            sheet = s[1:-1].replace("''", "'") if s.startswith("'") else s
        return sheet, ref.replace("$", "")

    def ref_values(self, sheet, ref):
        sheet, r = self.split_ref(sheet, ref)
        if ":" in r:
            c1, r1, c2, r2 = range_boundaries(r)
            return [self.cell_value(sheet, f"{get_column_letter(c)}{row}") for row in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
        return [self.cell_value(sheet, r)]

    def number(self, sheet, term):
        term = term.strip()
        if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", term):
            return float(term)
        if re.fullmatch(REF, term):
            vals = self.ref_values(sheet, term)
            v = vals[0]
            if v is None:
                return 0.0
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return float(v)
            raise Unsupported(f"{term} is not a number ({v!r})")
        if term.upper().startswith("SUM(") and term.endswith(")"):
            return self.sum(sheet, term[4:-1])
        raise Unsupported(f"unknown term {term!r}")

    def args(self, text):
        out, depth, cur = [], 0, ""
        for ch in text:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            if ch == "," and depth == 0:
                out.append(cur)
                cur = ""
            else:
                cur += ch
        out.append(cur)
        return out

    def sum(self, sheet, inner):
        total = 0.0
        for a in self.args(inner):
            a = a.strip()
            if re.fullmatch(REF, a):
                for v in self.ref_values(sheet, a):
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        total += v
            else:
                total += self.number(sheet, a)
        return total

    def evaluate(self, sheet, formula):
        f = formula.strip()
        if f.upper().startswith("SUM(") and f.endswith(")") and self.balanced(f[4:-1]):
            return self.sum(sheet, f[4:-1])
        m = re.fullmatch(rf"({REF})-({REF})", f)
        if m:
            return self.number(sheet, m.group(1)) - self.number(sheet, m.group(2))
        if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", f):
            return float(f)
        raise Unsupported(f"formula shape not known to the evaluator: ={f}")

    @staticmethod
    def balanced(s):
        d = 0
        for ch in s:
            d += ch == "("
            d -= ch == ")"
            if d < 0:
                return False
        return d == 0


def main(argv):
    path = argv[1]
    only = set()
    i = 2
    while i < len(argv):
        if argv[i] == "--sheet":
            only.add(argv[i + 1])
            i += 2
        else:
            raise SystemExit(f"unknown argument {argv[i]}")
    wb = openpyxl.load_workbook(path)
    cached_wb = openpyxl.load_workbook(path, data_only=True)
    ev = Evaluator(wb)
    out = {"sheets": wb.sheetnames, "cells": {}, "formulas": [], "merged": {}, "validations": {}, "freeze": {},
           "print": {}, "protection": {}, "names": {}, "custom": {}, "core": {}}
    for ws in wb.worksheets:
        name = ws.title
        if only and name not in only:
            continue
        cws = cached_wb[name]
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.hyperlink:
                    continue
                v, t = plain(c.value)
                entry = {"v": v, "t": t, "fmt": c.number_format, "locked": bool(c.protection.locked)}
                if c.hyperlink:
                    entry["link"] = c.hyperlink.location or c.hyperlink.target
                if t == "f":
                    cv, _ = plain(cws[c.coordinate].value)
                    entry["cached"] = cv
                    rec = {"sheet": name, "cell": c.coordinate, "formula": v, "cached": cv}
                    try:
                        rec["evaluated"] = ev.cell_value(name, c.coordinate)
                    except Unsupported as e:
                        rec["error"] = str(e)
                    out["formulas"].append(rec)
                cells[c.coordinate] = entry
        out["cells"][name] = cells
        out["merged"][name] = sorted(str(r) for r in ws.merged_cells.ranges)
        out["validations"][name] = [
            {"sqref": str(dv.sqref), "type": dv.type, "formula1": dv.formula1, "allowBlank": bool(dv.allow_blank)}
            for dv in ws.data_validations.dataValidation
        ]
        out["freeze"][name] = ws.freeze_panes
        ps = ws.page_setup
        out["print"][name] = {
            "orientation": ps.orientation,
            "paperSize": ps.paperSize,
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            # OOXML defaults: fitToWidth and fitToHeight are 1 when not written.
            "fitToWidth": 1 if ps.fitToWidth is None else int(ps.fitToWidth),
            "fitToHeight": 1 if ps.fitToHeight is None else int(ps.fitToHeight),
            "titleRows": ws.print_title_rows,
        }
        out["protection"][name] = bool(ws.protection.sheet)
    for name, dn in wb.defined_names.items():
        entry = {"text": dn.attr_text}
        dests = list(dn.destinations)
        if len(dests) == 1:
            entry["sheet"], entry["range"] = dests[0][0], dests[0][1].replace("$", "")
        out["names"][name] = entry
    for ws in wb.worksheets:  # sheet-scoped names
        for name, dn in ws.defined_names.items():
            out["names"][f"{ws.title}!{name}"] = {"text": dn.attr_text}
    for p in wb.custom_doc_props.props:
        out["custom"][p.name] = p.value if not isinstance(p.value, datetime.datetime) else p.value.isoformat()
    core = wb.properties
    out["core"] = {k: (getattr(core, k).isoformat() if isinstance(getattr(core, k), datetime.datetime) else getattr(core, k))
                   for k in ("title", "creator", "subject", "description", "keywords", "category", "created", "lastModifiedBy")}
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
