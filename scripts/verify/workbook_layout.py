#!/usr/bin/env python3
"""Read a filled workbook's structure with openpyxl, for the writing benchmarks to replay.

    python3 scripts/verify/workbook_layout.py WORKBOOK.xlsx [-o layout.json]

`layout(path)` returns (and the command prints) everything a writer needs to write the same
workbook: document and custom properties; per sheet the column widths, row heights, cells (value,
kind: s/n/d/f/link, cached result of formulas, style index), merged ranges with their text and
style, list validations, defined names, frozen panes, print set-up, protection and tab colour;
and the distinct cell styles (font, fill, border, alignment, number format, locked).

Rows and columns are 0-based in the layout (as XlsxWriter numbers them).
"""
import datetime
import json
import sys

import openpyxl
from openpyxl.utils.cell import column_index_from_string, range_boundaries


def _rgb(color):
    if color is None or color.type != "rgb" or not isinstance(color.rgb, str):
        return None
    rgb = color.rgb[-6:]
    return "#" + rgb


def _style(cell):
    f, a, b = cell.font, cell.alignment, cell.border
    fill = None
    if cell.fill is not None and cell.fill.patternType == "solid":
        fill = _rgb(cell.fill.fgColor)
    return {
        "bold": bool(f.b), "italic": bool(f.i), "size": float(f.sz or 11), "font": f.name or "Calibri",
        "color": _rgb(f.color), "underline": f.u == "single",
        "fill": fill,
        "border": 1 if (b.left and b.left.style) else 0,
        "border_color": _rgb(b.left.color) if b.left and b.left.style else None,
        "wrap": bool(a.wrap_text), "valign": a.vertical, "align": a.horizontal,
        "num_format": cell.number_format if cell.number_format != "General" else None,
        "locked": bool(cell.protection.locked),
    }


def layout(path):
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    styles, style_ids = [], {}

    def style_id(cell):
        s = _style(cell)
        key = json.dumps(s, sort_keys=True)
        if key not in style_ids:
            style_ids[key] = len(styles)
            styles.append(s)
        return style_ids[key]

    core = wb.properties
    out = {
        "properties": {"title": core.title, "subject": core.subject, "author": core.creator, "company": core.creator,
                       "category": core.category, "keywords": core.keywords, "comments": core.description},
        "custom": {p.name: p.value for p in wb.custom_doc_props.props},
        "sheets": [], "names": [], "styles": styles,
    }
    for ws in wb.worksheets:
        cws = cached[ws.title]
        merged_tl = {}
        for m in ws.merged_cells.ranges:
            c1, r1, c2, r2 = range_boundaries(str(m))
            merged_tl[(r1, c1)] = (r2, c2)
        sheet = {
            "name": ws.title,
            "widths": {str(column_index_from_string(k) - 1): d.width for k, d in ws.column_dimensions.items() if d.width},
            "heights": {str(r - 1): d.height for r, d in ws.row_dimensions.items() if d.height},
            "cells": [], "merges": [], "validations": [],
        }
        for row in ws.iter_rows():
            for c in row:
                if (c.row, c.column) in merged_tl:
                    r2, c2 = merged_tl[(c.row, c.column)]
                    v = c.value if c.value is not None else ""
                    sheet["merges"].append([c.row - 1, c.column - 1, r2 - 1, c2 - 1, v, style_id(c)])
                    continue
                if isinstance(c, openpyxl.cell.cell.MergedCell):
                    continue
                v = c.value
                sid = style_id(c)
                if c.hyperlink is not None:
                    sheet["cells"].append([c.row - 1, c.column - 1, "link", c.hyperlink.location, sid, v])
                elif v is None:
                    if c.has_style:
                        sheet["cells"].append([c.row - 1, c.column - 1, "blank", None, sid])
                elif isinstance(v, str) and v.startswith("="):
                    sheet["cells"].append([c.row - 1, c.column - 1, "f", v, sid, cws[c.coordinate].value])
                elif isinstance(v, datetime.datetime):
                    sheet["cells"].append([c.row - 1, c.column - 1, "d", v.date().isoformat(), sid])
                elif isinstance(v, (int, float)):
                    sheet["cells"].append([c.row - 1, c.column - 1, "n", v, sid])
                else:
                    sheet["cells"].append([c.row - 1, c.column - 1, "s", str(v), sid])
        for dv in ws.data_validations.dataValidation:
            for rng in str(dv.sqref).split():
                c1, r1, c2, r2 = range_boundaries(rng)
                sheet["validations"].append({
                    "range": [r1 - 1, c1 - 1, r2 - 1, c2 - 1], "source": dv.formula1.strip('"').split(","),
                    "input_title": dv.promptTitle, "input_message": dv.prompt,
                    "error_title": dv.errorTitle, "error_message": dv.error,
                })
        if ws.freeze_panes:
            c1, r1, _, _ = range_boundaries(ws.freeze_panes)
            sheet["freeze"] = [r1 - 1, c1 - 1]
        ps = ws.page_setup
        title_rows = None
        if ws.print_title_rows:
            a, b = ws.print_title_rows.replace("$", "").split(":")
            title_rows = [int(a) - 1, int(b) - 1]
        sheet["print"] = {"landscape": ps.orientation == "landscape", "paper": int(ps.paperSize or 9),
                          "fit_width": int(ps.fitToWidth if ps.fitToWidth is not None else 1),
                          "fit_height": int(ps.fitToHeight if ps.fitToHeight is not None else 1),
                          "repeat_rows": title_rows,
                          "header": ws.oddHeader.left.text and ("&L" + ws.oddHeader.left.text + "&C" + (ws.oddHeader.center.text or "") + "&R" + (ws.oddHeader.right.text or "")),
                          "footer": ws.oddFooter.center.text and ("&C" + ws.oddFooter.center.text)}
        sheet["protect"] = bool(ws.protection.sheet)
        sheet["tab_color"] = _rgb(ws.sheet_properties.tabColor)
        out["sheets"].append(sheet)
    for name, dn in wb.defined_names.items():
        out["names"].append([name, "=" + dn.attr_text])
    return out


def main(argv):
    path = argv[1]
    data = json.dumps(layout(path), ensure_ascii=False, default=str)
    if len(argv) > 3 and argv[2] == "-o":
        with open(argv[3], "w", encoding="utf-8") as f:
            f.write(data)
    else:
        print(data)


if __name__ == "__main__":
    main(sys.argv)
