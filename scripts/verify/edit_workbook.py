#!/usr/bin/env python3
"""Edit a workbook with openpyxl as a person with a script (or a careless spreadsheet) would.

    python3 scripts/verify/edit_workbook.py IN.xlsx OUT.xlsx 'JSON list of operations'

Operations, applied in order:

  {"op": "insert_rows", "sheet": S, "at": LOC, "count": N}   insert N empty rows before the row LOC finds
  {"op": "delete_rows", "sheet": S, "at": LOC, "count": N}   delete N rows starting at that row
  {"op": "set", "sheet": S, "cell": "C4" | "at": LOC, "col": "K", "value": V,
                "type": "text" | "number" | "date", "name": N}  type a value (a date as YYYY-MM-DD);
                                                              with "name", its address is reported
  {"op": "delete_sheet", "sheet": S}

LOC finds a row: {"text": T, "col": "A", "after": H, "offset": K} is the row of the first cell of
column `col` (default A) whose text is T, looking below the first row whose column-A text is H
(when given), plus K (default 0).

openpyxl's insert_rows / delete_rows move cell values and styles only: defined names, merged
ranges, data validations and formulas keep their old addresses, which is what the extraction
tests want (the extractor must find sections by their headings and labels). Formulas lose their
cached values when openpyxl saves.

Prints JSON: {"named": {N: "Sheet!K40"}, "rows": [rows found, in order]}.
"""
import datetime
import json
import sys

import openpyxl


def find_row(ws, loc):
    col = loc.get("col", "A")
    start = 1
    if loc.get("after") is not None:
        for r in range(1, ws.max_row + 1):
            if ws[f"A{r}"].value == loc["after"]:
                start = r + 1
                break
        else:
            raise SystemExit(f"{ws.title}: no row with {loc['after']!r} in column A")
    if "text" in loc:
        for r in range(start, ws.max_row + 1):
            if ws[f"{col}{r}"].value == loc["text"]:
                return r + loc.get("offset", 0)
        raise SystemExit(f"{ws.title}: no {loc['text']!r} in column {col} below row {start}")
    return start + loc.get("offset", 0)


def typed(value, kind):
    if kind == "date":
        return datetime.datetime.strptime(value, "%Y-%m-%d")
    if kind == "number":
        return float(value) if "." in str(value) else int(value)
    return value


def main(argv):
    src, dst, ops = argv[1], argv[2], json.loads(argv[3])
    wb = openpyxl.load_workbook(src)
    named, rows = {}, []
    for op in ops:
        kind = op["op"]
        if kind == "delete_sheet":
            del wb[op["sheet"]]
            continue
        ws = wb[op["sheet"]]
        if kind in ("insert_rows", "delete_rows"):
            r = find_row(ws, op["at"])
            rows.append(r)
            (ws.insert_rows if kind == "insert_rows" else ws.delete_rows)(r, op.get("count", 1))
        elif kind == "set":
            cell = op.get("cell") or f"{op['col']}{find_row(ws, op['at'])}"
            ws[cell].value = typed(op["value"], op.get("type", "text"))
            if op.get("type") == "date":
                ws[cell].number_format = "d mmm yyyy"
            if op.get("name"):
                named[op["name"]] = f"{ws.title}!{cell}"
        else:
            raise SystemExit(f"unknown operation {kind}")
    wb.save(dst)
    json.dump({"named": named, "rows": rows}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
