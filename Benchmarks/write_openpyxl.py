#!/usr/bin/env python3
"""Time openpyxl writing the complete northmoor workbook, as a baseline for planlint fill.

    python3 Benchmarks/write_openpyxl.py FILLED.xlsx [-n 20] [--keep OUT.xlsx]

As write_xlsxwriter.py: the layout of a workbook `planlint fill` wrote is read once
(scripts/verify/workbook_layout.py), then written N times with openpyxl: the same sheets, cells,
styles, merges, formulas, validations, names, panes, print set-up, protection and properties.
openpyxl stores no cached formula results, so it writes less than planlint does. Prints the
median milliseconds per workbook, wall clock (`ms per workbook: X`) and process CPU time
(`cpu ms per workbook: X`).
"""
import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in scripts/verify/
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "verify"))
from workbook_layout import layout as read_layout  # noqa: E402

import openpyxl  # noqa: E402
from openpyxl.packaging.custom import StringProperty  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
from openpyxl.workbook.defined_name import DefinedName  # noqa: E402
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: E402
from openpyxl.worksheet.hyperlink import Hyperlink  # noqa: E402


def style_objects(s):
    def argb(c):
        return "FF" + c[1:] if c else None
    font = Font(name=s["font"], size=s["size"], bold=s["bold"], italic=s["italic"], color=argb(s["color"]),
                underline="single" if s["underline"] else None)
    fill = PatternFill("solid", fgColor=argb(s["fill"])) if s["fill"] else PatternFill()
    side = Side(style="thin", color=argb(s["border_color"])) if s["border"] else Side()
    border = Border(left=side, right=side, top=side, bottom=side)
    align = Alignment(wrap_text=s["wrap"], vertical=s["valign"], horizontal=s["align"])
    return font, fill, border, align, s["num_format"] or "General", Protection(locked=s["locked"])


def apply(cell, st):
    cell.font, cell.fill, cell.border, cell.alignment, cell.number_format, cell.protection = st


def write(layout, path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    pr = layout["properties"]
    wb.properties.title, wb.properties.subject, wb.properties.creator = pr["title"], pr["subject"], pr["author"]
    wb.properties.category, wb.properties.keywords, wb.properties.description = pr["category"], pr["keywords"], pr["comments"]
    for k, v in layout["custom"].items():
        wb.custom_doc_props.append(StringProperty(name=k, value=str(v)))
    styles = [style_objects(s) for s in layout["styles"]]
    for sheet in layout["sheets"]:
        ws = wb.create_sheet(sheet["name"])
        for c, w in sheet["widths"].items():
            ws.column_dimensions[get_column_letter(int(c) + 1)].width = w
        for r, h in sheet["heights"].items():
            ws.row_dimensions[int(r) + 1].height = h
        for m in sheet["merges"]:
            cell = ws.cell(row=m[0] + 1, column=m[1] + 1, value=m[4] if m[4] != "" else None)
            apply(cell, styles[m[5]])
            ws.merge_cells(start_row=m[0] + 1, start_column=m[1] + 1, end_row=m[2] + 1, end_column=m[3] + 1)
        for item in sheet["cells"]:
            r, c, kind, v, sid = item[:5]
            if kind == "d":
                v = datetime.datetime.strptime(v, "%Y-%m-%d")
            elif kind == "link":
                v = item[5]
            elif kind == "blank":
                v = None
            cell = ws.cell(row=r + 1, column=c + 1, value=v)
            if kind == "link":
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=item[3], display=item[5])
            apply(cell, styles[sid])
        for v in sheet["validations"]:
            r1, c1, r2, c2 = v["range"]
            dv = DataValidation(type="list", formula1='"' + ",".join(v["source"]) + '"', allow_blank=True,
                                promptTitle=v["input_title"], prompt=v["input_message"],
                                errorTitle=v["error_title"], error=v["error_message"],
                                showInputMessage=True, showErrorMessage=True)
            dv.add(f"{get_column_letter(c1 + 1)}{r1 + 1}:{get_column_letter(c2 + 1)}{r2 + 1}")
            ws.add_data_validation(dv)
        if sheet.get("freeze"):
            r, c = sheet["freeze"]
            ws.freeze_panes = f"{get_column_letter(c + 1)}{r + 1}"
        p = sheet["print"]
        ws.page_setup.orientation = "landscape" if p["landscape"] else "portrait"
        ws.page_setup.paperSize = p["paper"]
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = p["fit_width"], p["fit_height"]
        if p["repeat_rows"]:
            ws.print_title_rows = f"{p['repeat_rows'][0] + 1}:{p['repeat_rows'][1] + 1}"
        if p["footer"]:
            ws.oddFooter.center.text = "Page &P of &N"
        if sheet["tab_color"]:
            ws.sheet_properties.tabColor = sheet["tab_color"][1:]
        ws.protection.sheet = sheet["protect"]
    for name, ref in layout["names"]:
        wb.defined_names[name] = DefinedName(name, attr_text=ref[1:])
    wb.save(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workbook")
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--keep", help="also write one copy here, to inspect")
    a = ap.parse_args()
    layout = read_layout(a.workbook)
    if a.keep:
        write(layout, a.keep)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.xlsx")
        for _ in range(2):
            write(layout, out)
        samples, cpu = [], []
        for _ in range(a.n):
            c0 = time.process_time()
            t0 = time.perf_counter()
            write(layout, out)
            samples.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
    print(f"openpyxl {openpyxl.__version__}: {a.n} workbooks")
    print(f"ms per workbook: {statistics.median(samples):.3f}")
    print(f"cpu ms per workbook: {statistics.median(cpu):.3f}")


if __name__ == "__main__":
    main()
