#!/usr/bin/env python3
"""Time Python XlsxWriter writing the complete northmoor workbook, as a baseline for planlint fill.

    python3 Benchmarks/write_xlsxwriter.py FILLED.xlsx [-n 50] [--in-memory] [--keep OUT.xlsx]

FILLED.xlsx is a workbook `planlint fill` wrote; its structure is read once with openpyxl
(scripts/verify/workbook_layout.py: sheets, widths, heights, every cell with its style, merges,
formulas with cached values, list validations, defined names, panes, print set-up, protection,
properties) and then written N times with XlsxWriter, as planlint writes it with libxlsxwriter.
Reading the layout is not timed, so the figure favours XlsxWriter: planlint's time includes
laying the plan out. Prints the median milliseconds per workbook, wall clock on a line
`ms per workbook: X` and process CPU time on a line `cpu ms per workbook: X`.
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

import xlsxwriter  # noqa: E402


def write(layout, path, in_memory=False):
    wb = xlsxwriter.Workbook(path, {"in_memory": in_memory, "strings_to_numbers": False, "strings_to_formulas": False,
                                    "strings_to_urls": False})
    wb.set_properties({k: v for k, v in layout["properties"].items() if v})
    for k, v in layout["custom"].items():
        wb.set_custom_property(k, v)
    formats = []
    for s in layout["styles"]:
        p = {"bold": s["bold"], "italic": s["italic"], "font_size": s["size"], "font_name": s["font"],
             "text_wrap": s["wrap"], "locked": s["locked"]}
        if s["color"]:
            p["font_color"] = s["color"]
        if s["underline"]:
            p["underline"] = 1
        if s["fill"]:
            p["bg_color"] = s["fill"]
            p["pattern"] = 1
        if s["border"]:
            p["border"] = 1
            if s["border_color"]:
                p["border_color"] = s["border_color"]
        if s["valign"]:
            p["valign"] = {"center": "vcenter"}.get(s["valign"], s["valign"])
        if s["align"]:
            p["align"] = s["align"]
        if s["num_format"]:
            p["num_format"] = s["num_format"]
        formats.append(wb.add_format(p))
    for sheet in layout["sheets"]:
        ws = wb.add_worksheet(sheet["name"])
        for c, w in sheet["widths"].items():
            ws.set_column(int(c), int(c), w)
        for m in sheet["merges"]:
            ws.merge_range(m[0], m[1], m[2], m[3], m[4], formats[m[5]])
        for cell in sheet["cells"]:
            r, c, kind, v, sid = cell[:5]
            f = formats[sid]
            if kind == "s":
                ws.write_string(r, c, v, f)
            elif kind == "n":
                ws.write_number(r, c, v, f)
            elif kind == "d":
                ws.write_datetime(r, c, datetime.datetime.strptime(v, "%Y-%m-%d"), f)
            elif kind == "f":
                ws.write_formula(r, c, v, f, cell[5])
            elif kind == "link":
                ws.write_url(r, c, "internal:" + v, f, cell[5])
            else:
                ws.write_blank(r, c, None, f)
        for r, h in sheet["heights"].items():
            ws.set_row(int(r), h)
        for v in sheet["validations"]:
            r1, c1, r2, c2 = v["range"]
            opts = {"validate": "list", "source": v["source"]}
            for k in ("input_title", "input_message", "error_title", "error_message"):
                if v[k]:
                    opts[k] = v[k]
            ws.data_validation(r1, c1, r2, c2, opts)
        if sheet.get("freeze"):
            ws.freeze_panes(*sheet["freeze"])
        p = sheet["print"]
        if p["landscape"]:
            ws.set_landscape()
        ws.set_paper(p["paper"])
        ws.fit_to_pages(p["fit_width"], p["fit_height"])
        if p["repeat_rows"]:
            ws.repeat_rows(*p["repeat_rows"])
        if p["header"]:
            ws.set_header(p["header"])
        if p["footer"]:
            ws.set_footer(p["footer"])
        if sheet["tab_color"]:
            ws.set_tab_color(sheet["tab_color"])
        if sheet["protect"]:
            ws.protect()
    for name, ref in layout["names"]:
        wb.define_name(name, ref)
    wb.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workbook")
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--in-memory", action="store_true")
    ap.add_argument("--keep", help="also write one copy here, to inspect")
    a = ap.parse_args()
    layout = read_layout(a.workbook)
    if a.keep:
        write(layout, a.keep, a.in_memory)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.xlsx")
        for _ in range(3):
            write(layout, out, a.in_memory)
        samples, cpu = [], []
        for _ in range(a.n):
            c0 = time.process_time()
            t0 = time.perf_counter()
            write(layout, out, a.in_memory)
            samples.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
    print(f"xlsxwriter {xlsxwriter.__version__}{' in_memory' if a.in_memory else ''}: {a.n} workbooks")
    print(f"ms per workbook: {statistics.median(samples):.3f}")
    print(f"cpu ms per workbook: {statistics.median(cpu):.3f}")


if __name__ == "__main__":
    main()
